"""Build the site: `prepare` (load → render, in memory) → write → builders → swap.

The one pipeline, in order: `load` (generator.source, with the UI keys the site asks for)
→ `render_all` (generator.site) with the hand-written pages checked, the builder specs and
the build date: all of this is `prepare()`, which writes nothing. `check` is `prepare()`
(and the late files rendered in memory); `build` is `prepare()`, then the staging tree →
`Builders` (generator.builder) → the late files (spreadsheets) made meanwhile → the
finished tree swapped into place (`sitefolder`, which describes what may be replaced and
how). Whatever the build can stumble on in the data or in `content/` is raised by
`prepare()`, so `check` finds it first, in the same words.

The builder (MkDocs with Material) runs as a child process per language, both at once,
Japanese at the site root and English under `en/`, each with its own search index; they
start once the data has loaded, so data the build refuses starts none. The
finished tree replaces `site/` only when every step succeeded; a failure leaves the
previous `site/` exactly as it was.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import builder
from ..errors import DataError
from ..messages import Msg, msg
from ..model import LANGS, Handbook, prefix, site_prefix
from ..site.page import Output
from ..site.registry import navigation, render_all, render_files
from ..site.staging import content_problems, write_staging
from ..builder import THEME
from .load import load
from ..site.renderer import build_date
from .sitefolder import (  # noqa: F401 - MARKER: the name the tests import
    MARKER, STAGING_MARKER, Lock, check_site_folder, clear_leftovers, swap, write_manifest,
)

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


# ---------------------------------------------------------------- prepare, check


@dataclass
class Prepared:
    """Everything derived from the data and the hand-written pages, before anything is
    written: the model, the rendered pages, the builder specs, the build date and the
    files made while the builders run (`late()`, per language)."""

    hb: Handbook
    outputs: dict[str, Output]
    specs: dict[str, builder.SiteSpec]
    today: str  # the build date, YYYY-MM-DD (UTC)
    epoch: str  # SOURCE_DATE_EPOCH for the builders (the data's own date)
    late: Callable[[], dict[str, dict[str, bytes]]]
    load_s: float = 0.0  # seconds to load and validate
    render_s: float = 0.0  # seconds to render the pages
    warnings: tuple[Msg, ...] = ()  # what builds but may not be what the maintainer wants


def prepare(data_dir: Path, content_dir: Path, loaded: Callable[[], None] = lambda: None) -> Prepared:
    """Load the data, render every page in memory and check the hand-written pages; raise
    `DataError` with every problem of the data and of the content folder at once.
    `loaded()` is called once the data loaded without a problem, before the pages render."""
    t0 = time.perf_counter()
    today = build_date()
    problems = content_problems(content_dir)
    try:
        hb = load(data_dir)
    except DataError as exc:
        raise DataError(exc.problems + problems) from None
    if problems:
        raise DataError(problems)
    loaded()
    vendored = builder.files()
    t1 = time.perf_counter()
    outputs = render_all(hb, today)
    for out in outputs.values():
        out.files.update(vendored)
    problems = content_problems(content_dir, outputs, builder.anchors)
    if problems:
        raise DataError(problems)
    specs = {lang: site_spec(hb, outputs[lang], lang) for lang in LANGS}
    for lang in LANGS:
        for page in outputs[lang].pages:
            page.body[lang].encode("utf-8")  # what writing the staging tree does
    return Prepared(hb, outputs, specs, today, source_date_epoch(hb), lambda: render_files(hb),
                    t1 - t0, time.perf_counter() - t1, tuple(version_warnings(hb, data_dir)))


def version_warnings(hb: Handbook, data_dir: Path) -> list[Msg]:
    """An earlier revision whose audit rules the data does not keep (data/versions/): the
    tools then apply the amended rules to every contract, and say so. What builds but may
    not be what the maintainer wants."""
    out = []
    versions = hb.rule_versions()
    for (rev, types), (after, _) in zip(versions, versions[1:]):
        if types is None:
            out.append(msg("check.version_not_kept", data=data_dir.as_posix().rstrip("/"), revision=rev.id,
                           after=after.id, decided=after.decided, effective=after.effective))
    return out


def check(data_dir: Path, content_dir: Path = CONTENT) -> Prepared:
    """Everything `build` does but write and run the builder: `prepare()`, and the late
    files rendered in memory. Raise on whatever the build would hit."""
    ready = prepare(Path(data_dir), Path(content_dir))
    ready.late()
    return ready


def _outcome(site: Path, written: bool, existed: bool) -> Msg:
    """What a failed build did to the site, for the message."""
    if not written:
        return msg("outcome.nothing_written")
    if existed:
        return msg("outcome.previous_kept", site=site)
    return msg("outcome.no_site", site=site)


def build(data_dir: Path, site_dir: Path, content_dir: Path = CONTENT) -> Timings:
    """Build the whole site from `data_dir` into `site_dir`; raise on any failure.

    The builder processes start once the data has loaded and import MkDocs while the pages
    render: data the build refuses starts none. (Started with the command, they made no
    good build faster on two cores, where three processes then share them, and a refused
    build cost twice the processor time.) Every exception raised carries `outcome`: what
    happened to the site ("nothing was written", …).
    """
    timings = Timings()
    t0 = time.perf_counter()
    started: list[builder.Builders] = []  # the builders, once the data has loaded
    site_dir = Path(os.path.abspath(site_dir))
    existed = os.path.lexists(site_dir)
    staging = None
    writing = False
    try:
        reads, holds = (Path(data_dir), Path(content_dir), THEME), (ROOT,)
        check_site_folder(site_dir, reads, holds, contents=False)  # names and sizes: refuse early
        ready = prepare(Path(data_dir), Path(content_dir), lambda: started.append(builder.Builders(LANGS)))
        (builders,) = started
        timings.load = ready.load_s
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with Lock(site_dir):
            clear_leftovers(site_dir)
            check_site_folder(site_dir, reads, holds)  # in full, and again: another build may have finished meanwhile
            existed = os.path.lexists(site_dir)
            # from here on a stop may leave a staging folder beside the site (the next build
            # clears it), even one stopped inside mkdtemp, before `staging` is set
            writing = True
            staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
            (staging / STAGING_MARKER).write_text("", encoding="utf-8")
            t1 = time.perf_counter()
            folders = write_staging(ready.outputs, content_dir, staging)
            timings.render = ready.render_s + time.perf_counter() - t1
            trees = builders.start(ready.specs, folders, staging, {"SOURCE_DATE_EPOCH": ready.epoch})
            # Files that no page needs at build time (spreadsheets) are made while MkDocs runs.
            t2 = time.perf_counter()
            late = ready.late()
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
            write_manifest(built)
            swap(built, site_dir)
    except BaseException as exc:
        exc.outcome = _outcome(site_dir, writing, existed)
        raise
    finally:
        for running in started:
            running.abandon()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    timings.total = time.perf_counter() - t0
    return timings
