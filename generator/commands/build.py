"""Build the site: load → render → run the builder once per language → swap into place.

The one pipeline, in order: `load` (generator.source, with the UI keys the site asks for)
→ `render_all` (generator.site) → the staging tree → `Builders` (generator.builder) →
the spreadsheets made meanwhile → the finished tree swapped into place (sitefolder).

The builder (MkDocs with Material) runs as a child process per language, both at once,
Japanese at the site root and English under `en/`, each with its own search index. The
finished tree replaces `site/` only when every step succeeded; a failure leaves the
previous `site/` exactly as it was.

`check()` runs everything `build()` runs short of the builder (load, every page and file
rendered in memory, the builder configuration, the hand-written pages), so that whatever
the build would stumble on is a located problem there first.

The site folder (nothing lost):
- it is replaced only when it is absent, empty, or a previous build (every build holds
  `MARKER`; a build from before the marker is recognised by its shape); anything else is
  refused before anything is written;
- one build at a time per site: `.SITE.lock` beside it is locked (`flock`) for the whole
  build and removed afterwards; a second build refuses at once;
- the new tree is built beside the site (`.SITE-build-*`) and exchanged with the old one
  in one step (`renameat2(RENAME_EXCHANGE)`, Linux 3.15+ on local file systems), so a
  complete site stands there at every instant. Where the exchange is not available the
  old site is first renamed aside (`.SITE-old-*`) and the new one renamed in: for that
  instant there is no site. A kill (even SIGKILL) can leave a `.SITE-build-*` or
  `.SITE-old-*` folder; the next build removes those that this generator made (marked
  inside); a lock file left by a kill is empty and harmless (the lock died with its
  process).
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import builder
from ..errors import DataError
from ..model import LANGS, Handbook, prefix, site_prefix
from ..site.page import Output
from ..site.registry import navigation, render_all, render_files
from ..site.staging import content_problems, write_staging
from .load import load
from .sitefolder import MARKER, MARKER_TEXT, STAGING_MARKER, Lock, check_site_folder, clear_leftovers, swap

ROOT = Path(__file__).resolve().parent.parent.parent
CONTENT = ROOT / "content"


@dataclass
class Timings:
    """Seconds spent in each step of one build (reported by `make bench`)."""

    load: float = 0.0
    render: float = 0.0
    files: float = 0.0  # extra files, made while the builders run
    builder: dict = field(default_factory=dict)
    total: float = 0.0


def site_spec(hb: Handbook, out: Output, lang: str) -> builder.SiteSpec:
    """What the builder is told about one language's tree."""
    return builder.SiteSpec(
        lang=lang,
        site_name=hb.document.site_name[lang],
        copyright=hb.document.copyright[lang] if hb.document.copyright else None,
        nav=navigation(hb, out, lang),
        alternates=tuple(
            {"name": hb.t("language.name", other), "lang": other, "prefix": site_prefix(lang, other),
             "label": hb.t("language.switch_label", other)}
            for other in LANGS if other != lang
        ),
        notice=hb.t("notice.reference_translation", lang) if lang != LANGS[0] else "",
        search_label=hb.t("search.dialog_label", lang),
    )


def source_date_epoch(hb: Handbook) -> str:
    """A fixed timestamp for everything the builder dates (sitemap): the data's own date."""
    day = dt.date.fromisoformat(hb.document.revised or hb.document.decided)
    return str(calendar.timegm(day.timetuple()))


# ---------------------------------------------------------------- check


@dataclass
class Prepared:
    """Everything a build needs before the builder: the model, the rendered pages."""

    hb: Handbook
    outputs: dict[str, Output]
    load_s: float = 0.0  # seconds to load and validate
    render_s: float = 0.0  # seconds to render the pages


def prepare(data_dir: Path, content_dir: Path) -> Prepared:
    """Load the data and render every page in memory; raise `DataError` with every
    problem of the data and of the hand-written pages at once."""
    t0 = time.perf_counter()
    problems = content_problems(content_dir)
    try:
        hb = load(data_dir)
    except DataError as exc:
        raise DataError(exc.problems + problems) from None
    if problems:
        raise DataError(problems)
    shim = builder.files()
    t1 = time.perf_counter()
    outputs = render_all(hb)
    for out in outputs.values():
        out.files.update(shim)
    problems = content_problems(content_dir, outputs)
    if problems:
        raise DataError(problems)
    return Prepared(hb, outputs, t1 - t0, time.perf_counter() - t1)


def check(data_dir: Path, content_dir: Path = CONTENT) -> list[str]:
    """Everything `build` does but run the builder and write: raise on what it would hit.
    Return the warnings: what builds but may not be what the maintainer wants."""
    ready = prepare(data_dir, content_dir)
    for lang in LANGS:
        for page in ready.outputs[lang].pages:
            page.body[lang].encode("utf-8")  # what writing the staging tree does
        builder.configure(site_spec(ready.hb, ready.outputs[lang], lang), Path("docs"), Path("site"))
    render_files(ready.hb)
    source_date_epoch(ready.hb)
    return version_warnings(ready.hb, data_dir)


def version_warnings(hb, data_dir: Path) -> list[str]:
    """An earlier revision whose audit rules the data does not keep (data/versions/): the
    tools then apply the amended rules to every contract, and say so."""
    out = []
    versions = hb.rule_versions()
    for (rev, types), (after, _) in zip(versions, versions[1:]):
        if types is None:
            out.append(f"{data_dir.as_posix().rstrip('/')}/versions/{rev.id}/contract_types.yaml: expected the audit rules "
                       f"as they stood under revision {rev.id}, found none; the tools apply the rules of {after.id} "
                       f"(decided {after.decided}, in force from {after.effective}) to every contract, also to those "
                       f"starting before {after.effective} (keep them with: python -m generator keep-version OLD)")
    return out


def _outcome(site: Path, written: bool, existed: bool) -> str:
    """What a failed build did to the site, for the message."""
    if not written:
        return "nothing was written"
    if existed:
        return f"the previous site in {site} was left as it was"
    return f"no site was written to {site}"


def build(data_dir: Path, site_dir: Path, content_dir: Path = CONTENT, builders: builder.Builders | None = None) -> Timings:
    """Build the whole site from `data_dir` into `site_dir`; raise on any failure.

    `builders` may be started by the caller even earlier (the command line does so before
    importing this module); otherwise they start here. Every exception raised carries
    `outcome`: what happened to the site ("nothing was written", …).
    """
    timings = Timings()
    t0 = time.perf_counter()
    builders = builders or builder.Builders(LANGS)
    site_dir = Path(os.path.abspath(site_dir))
    existed = os.path.lexists(site_dir)
    staging = None
    try:
        check_site_folder(site_dir, keep=(Path(data_dir), Path(content_dir), ROOT))
        ready = prepare(Path(data_dir), Path(content_dir))
        hb, outputs = ready.hb, ready.outputs
        timings.load = ready.load_s
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with Lock(site_dir):
            clear_leftovers(site_dir)
            check_site_folder(site_dir)  # again: another build may have finished meanwhile
            existed = os.path.lexists(site_dir)
            staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
            (staging / STAGING_MARKER).write_text("", encoding="utf-8")
            t1 = time.perf_counter()
            folders = write_staging(outputs, content_dir, staging)
            specs = {lang: site_spec(hb, outputs[lang], lang) for lang in LANGS}
            timings.render = ready.render_s + time.perf_counter() - t1
            trees = builders.start(specs, folders, staging, {"SOURCE_DATE_EPOCH": source_date_epoch(hb)})
            # Files that no page needs at build time (spreadsheets) are made while MkDocs runs.
            t2 = time.perf_counter()
            late = render_files(hb)
            timings.files = time.perf_counter() - t2
            timings.builder = builders.wait()
            for lang in LANGS:
                for rel, data in sorted(late[lang].items()):
                    target = trees[lang] / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            built = staging / "site"
            for lang in LANGS:  # the root language first: the others go inside its tree
                trees[lang].rename(built / prefix(lang) if prefix(lang) else built)
            (built / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            swap(built, site_dir)
    except BaseException as exc:
        exc.outcome = _outcome(site_dir, staging is not None, existed)
        raise
    finally:
        builders.abandon()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    timings.total = time.perf_counter() - t0
    return timings
