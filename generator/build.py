"""Build the site: load → render → run the builder once per language → swap into place.

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
import ctypes
import datetime as dt
import errno
import fcntl
import html
import os
import shutil
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .builder import Builders
from .errors import BuildError, DataError, Problem, SiteRefused
from .load import load
from .model import LANGS, Handbook
from .render import Output, page_url, plain, render_all, render_files, write_staging

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
BASE_CONFIG = ROOT / "mkdocs.yml"
CONTENT = ROOT / "content"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_PATH = "assets/vendor/iframe-worker/shim.js"

# Search settings per language: all of them are here. Material's search splits the text
# AND every query word with `separator` (its only tokenizer), and appends `*` to each query
# word, which makes lunr skip the query pipeline: a `stemmer` would shorten only the
# indexed words ("designated managers*" would then find nothing), so word forms are
# matched by the separator instead, identically on both sides.
# Japanese: lunr's TinySegmenter splits words inside sentences; the separator also splits
# at Japanese punctuation and at の (公の施設 → 公, 施設, as TinySegmenter indexes it).
# English: punctuation, quotes, brackets, slashes and circled numbers separate words
# (apostrophes do not: "city's"); then a light suffix stemmer made of separators:
# - a plural -s (not -ss, -is, -us) is dropped before a separator: "plans, " → plan;
# - words are cut before -ies, -ing, -ed (3+ letters before), -ion(s), -ive (4+ letters
#   before) and a final -y after a consonant (4+ letters before), by zero-width splits:
#   subcontracting → subcontract·ing, correction/corrective → correct·ion/·ive,
#   utility/utilities → utilit·y/·ie;
# - a plural at the end of a query word is cut two letters early (checklists →
#   checkli·ts), which still prefix-matches the singular (query words end in `*`) and
#   leaves no lone "s*" that would match every word beginning with s.
# The cuts are zero-width lookarounds without nested groups or "|" inside them, and the
# only consuming suffix rule needs a following separator: Material's on-page highlighter
# (feature search.highlight) drops pure lookarounds from its copy of the separator and
# would otherwise turn "checklists" into an empty term that marks every character.
_EN_PUNCT = r'\s\-–—.,;:!?()\[\]{}<>"“”‘’/…・、。，．（）「」『』【】〈〉※＊*¶\u2460-\u2473'
SEARCH = {
    "ja": {"lang": "ja", "separator": r"[\s\u200b\-　、。，．・「」（）()]+|の"},
    "en": {
        "lang": "en",
        "pipeline": ["stopWordFilter", "trimmer"],
        "separator": "|".join([
            rf"[{_EN_PUNCT}]+",
            rf"(?<=[a-z]{{2}}[a-hj-rt-z])s[{_EN_PUNCT}]+",
            r"(?<=[a-z]{3})(?=[a-df-hj-rt-z]s$)",
            r"(?<=[a-z]{3}[a-hj-z])(?=es$)",
            r"(?<=[a-z]{3})(?=ies\b)",
            r"(?<=[a-z]{3})(?=ing\b)",
            r"(?<=[a-z]{3})(?=ed\b)",
            r"(?<=[a-z]{4})(?=ions?\b)",
            r"(?<=[a-z]{4})(?=ive\b)",
            r"(?<=[a-z]{3}[b-df-hj-np-tv-z])(?=y\b)",
        ]),
    },
}
# Where each language's tree goes inside the site.
PREFIX = {"ja": "", "en": "en/"}

# Files the builder writes that an offline site cannot use: the sitemap is empty without
# a public site URL, and 404.html links its assets from "/", which breaks in a sub-folder
# or a shared folder (a web server shows its own "not found" page instead).
UNUSED_BUILDER_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")

# Hand-written pages from content/<lang>/, with their place in the navigation.
CONTENT_PAGES = (("about.md", "nav.about", 900), ("maintainers.md", "nav.maintainers", 950))

# Written into every build: `build --site` replaces only a folder that holds it.
MARKER = ".handbook-site"
MARKER_TEXT = (
    "This folder was made by the handbook generator (python -m generator build).\n"
    "A later build may replace it as a whole; put nothing of your own here.\n"
)
# Written into each temporary build folder, so a later build knows it may remove it.
STAGING_MARKER = ".handbook-staging"
# A build from before the marker existed: these files are all there.
LEGACY_SHAPE = ("index.html", "en/index.html", "assets/handbook/rules.json", "search/search_index.json")


@dataclass
class Timings:
    """Seconds spent in each step of one build (reported by `make bench`)."""

    load: float = 0.0
    render: float = 0.0
    files: float = 0.0  # extra files, made while the builders run
    builder: dict = field(default_factory=dict)
    total: float = 0.0


def as_html(text: str) -> str:
    """A data text as the HTML the builder's templates print unescaped: data text is text.

    MkDocs and Material print `site_name`, `copyright`, navigation titles and our
    `extra.handbook` strings into the page as they are (their templates do not escape),
    so every data text reaches the builder already escaped, quotes included (some land in
    attributes). Line breaks become spaces: each of these is a one-line label.
    """
    return html.escape(" ".join(text.split()), quote=True)


def _nav(hb: Handbook, out: Output, lang: str) -> list:
    """The navigation: top-level pages and groups, ordered by each page's `order`."""
    entries = [(p.order, p.nav, as_html(plain(p.title[lang])), p.path) for p in out.pages]
    for path, key, order in CONTENT_PAGES:
        entries.append((order, None, as_html(hb.t(key, lang)), path))
    entries.sort(key=lambda e: (e[0], e[3]))
    nav: list = []
    groups: dict = {}
    for _order, group, title, path in entries:
        if group is None:
            nav.append({title: path})
        else:
            if group not in groups:
                groups[group] = []
                nav.append({as_html(hb.t(group, lang)): groups[group]})
            groups[group].append({title: path})
    return nav


def mkdocs_config(hb: Handbook, out: Output, lang: str, docs_dir: Path, site_dir: Path) -> dict:
    """The builder configuration for one language, from the base file and the data."""
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    other = "en" if lang == "ja" else "ja"
    config["site_name"] = as_html(hb.document.site_name[lang])
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["theme"]["custom_dir"] = str(THEME)
    config["theme"]["language"] = lang
    if hb.document.copyright:
        config["copyright"] = as_html(hb.document.copyright[lang])
    plugins = []
    for plugin in config.get("plugins", []):
        if plugin == "search" or (isinstance(plugin, dict) and "search" in plugin):
            plugins.append({"search": SEARCH[lang]})
        else:
            plugins.append(plugin)
    config["plugins"] = plugins
    extra = config.setdefault("extra", {})
    extra["polyfills"] = [SHIM_PATH]
    # Material shows the header's language option when `extra.alternate` is truthy, and
    # adds <link rel="alternate"> tags (whose sitemaps its script then fetches, which fails
    # from a folder) when it is iterable. `True` gives the first without the second; our
    # partials/alternate.html reads the links from `extra.handbook.alternate`.
    extra["alternate"] = True
    extra["handbook"] = {
        "alternate": [
            {
                "name": as_html(hb.t("language.name", other)),
                "lang": other,
                "prefix": "en/" if other == "en" else "../",
                "label": as_html(hb.t("language.switch_label", other)),
            }
        ],
        "lang": lang,
        "notice": as_html(hb.t("notice.reference_translation", lang)) if lang != "ja" else "",
        "search_label": as_html(hb.t("search.dialog_label", lang)),
    }
    config["nav"] = _nav(hb, out, lang)
    return config


def source_date_epoch(hb: Handbook) -> str:
    """A fixed timestamp for everything the builder dates (sitemap): the data's own date."""
    day = dt.date.fromisoformat(hb.document.revised or hb.document.decided)
    return str(calendar.timegm(day.timetuple()))


# ---------------------------------------------------------------- check


def _content_problems(content_dir: Path, outputs: dict[str, Output] | None = None) -> list[Problem]:
    """The hand-written pages: each one the navigation lists is there, every file is a
    regular UTF-8 file, and none has the name of a generated page or file."""
    shown = content_dir.as_posix().rstrip("/")
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return [Problem(shown, 1, 1, "$", "expected the folder of hand-written pages, found none")]
    for lang in LANGS:
        for path, _key, _order in CONTENT_PAGES:
            if not (content_dir / lang / path).is_file():
                problems.append(Problem(f"{shown}/{lang}/{path}", 1, 1, "$", "expected this hand-written page, found no such file"))
        folder = content_dir / lang
        if not folder.is_dir():
            continue
        generated = set()
        if outputs is not None:
            generated = {page.path for page in outputs[lang].pages} | set(outputs[lang].files)
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            where = f"{shown}/{lang}/{rel}"
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                mode = os.stat(path).st_mode if path.exists() else 0
            if stat.S_ISDIR(mode):
                continue
            if not stat.S_ISREG(mode):
                problems.append(Problem(where, 1, 1, "$", "expected a regular file, found something else (a pipe, a device or a broken link)"))
                continue
            if rel in generated:
                problems.append(Problem(where, 1, 1, "$", f"expected a page with a name of its own, found the name of the generated page {rel}"))
            if path.suffix == ".md":
                raw = path.read_bytes()
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    line = raw[:exc.start].count(b"\n") + 1
                    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
                    problems.append(Problem(where, line, column, "$", f"expected UTF-8 text, found the byte 0x{raw[exc.start]:02x}"))
    return problems


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
    problems = _content_problems(content_dir)
    try:
        hb = load(data_dir)
    except DataError as exc:
        raise DataError(exc.problems + problems) from None
    if problems:
        raise DataError(problems)
    if not SHIM.is_file():
        raise BuildError(f"missing {SHIM.relative_to(ROOT)} (search over file://); run 'npm ci' or 'make site'")
    t1 = time.perf_counter()
    outputs = render_all(hb)
    for out in outputs.values():
        out.files[SHIM_PATH] = SHIM.read_bytes()
    problems = _content_problems(content_dir, outputs)
    if problems:
        raise DataError(problems)
    return Prepared(hb, outputs, t1 - t0, time.perf_counter() - t1)


def check(data_dir: Path, content_dir: Path = CONTENT) -> None:
    """Everything `build` does but run the builder and write: raise on what it would hit."""
    ready = prepare(data_dir, content_dir)
    for lang in LANGS:
        for page in ready.outputs[lang].pages:
            page.body[lang].encode("utf-8")  # what writing the staging tree does
        cfg = mkdocs_config(ready.hb, ready.outputs[lang], lang, Path("docs"), Path("site"))
        yaml.safe_dump(cfg, allow_unicode=True, sort_keys=True)
    render_files(ready.hb)
    source_date_epoch(ready.hb)


# ---------------------------------------------------------------- the site folder


def _is_previous_build(folder: Path) -> bool:
    return (folder / MARKER).is_file() or all((folder / rel).is_file() for rel in LEGACY_SHAPE)


def check_site_folder(site: Path, keep: tuple[Path, ...] = ()) -> None:
    """Refuse (`SiteRefused`) a site folder that is not absent, empty or a previous build,
    or that holds one of the folders in `keep`. Reads only."""
    for precious in keep:
        precious = precious.resolve()
        if site == precious or site in precious.parents:
            raise SiteRefused(f"refusing to build into {site}: it holds {precious}, which the build reads")
    if not os.path.lexists(site):
        return
    if not site.is_dir():
        raise SiteRefused(f"refusing to build into {site}: it is a file, not a folder")
    if next(site.iterdir(), None) is None or _is_previous_build(site):
        return
    raise SiteRefused(
        f"refusing to replace {site}: it is not empty and not a site this generator built "
        f"(no {MARKER} file in it); choose a new or empty folder, or empty this one yourself"
    )


class _Lock:
    """One build at a time into a site: an `flock` on `.SITE.lock` beside it, removed
    when the build ends (a build that finds the file replaced under it locks again)."""

    def __init__(self, site: Path):
        self.site = site
        self.path = site.with_name(f".{site.name}.lock")
        self.fd = -1

    def __enter__(self):
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise SiteRefused(
                    f"another build into {self.site} is running (it holds {self.path}); "
                    "try again when it has finished"
                ) from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self.fd = fd
                return self
            os.close(fd)  # the previous holder removed it meanwhile: lock the new one

    def __exit__(self, *exc):
        try:
            os.unlink(self.path)
        finally:
            os.close(self.fd)  # closing releases the lock


def _clear_leftovers(site: Path) -> None:
    """Remove what killed builds left beside the site: temporary build folders and set-aside
    old sites, only those this generator made (with its marker inside, or empty)."""
    for pattern in (f".{site.name}-build-*", f".{site.name}-old-*"):
        for path in sorted(site.parent.glob(pattern)):
            if path.is_symlink() or not path.is_dir():
                continue
            if (path / STAGING_MARKER).is_file() or _is_previous_build(path) or next(path.iterdir(), None) is None:
                shutil.rmtree(path, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
except (OSError, AttributeError):  # not Linux with glibc 2.28+
    _renameat2 = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (the caller falls back)."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap(new: Path, site: Path) -> None:
    """Put `new` where `site` is; a complete site stands at `site` at every instant where
    the system can exchange two folders (the old tree ends up at `new`)."""
    if not os.path.lexists(site):
        new.rename(site)
        return
    if _exchange(new, site):
        return
    old = site.with_name(f".{site.name}-old-{os.getpid()}")
    if old.exists():
        shutil.rmtree(old)
    site.rename(old)
    try:
        new.rename(site)
    except OSError:
        old.rename(site)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _outcome(site: Path, written: bool, existed: bool) -> str:
    """What a failed build did to the site, for the message."""
    if not written:
        return "nothing was written"
    if existed:
        return f"the previous site in {site} was left as it was"
    return f"no site was written to {site}"


def build(data_dir: Path, site_dir: Path, content_dir: Path = CONTENT, builders: Builders | None = None) -> Timings:
    """Build the whole site from `data_dir` into `site_dir`; raise on any failure.

    `builders` may be started by the caller even earlier (the command line does so before
    importing this module); otherwise they start here. Every exception raised carries
    `outcome`: what happened to the site ("nothing was written", …).
    """
    timings = Timings()
    t0 = time.perf_counter()
    builders = builders or Builders(LANGS)
    site_dir = Path(os.path.abspath(site_dir))
    existed = os.path.lexists(site_dir)
    staging = None
    try:
        check_site_folder(site_dir, keep=(Path(data_dir), Path(content_dir), ROOT))
        ready = prepare(Path(data_dir), Path(content_dir))
        hb, outputs = ready.hb, ready.outputs
        timings.load = ready.load_s
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        with _Lock(site_dir):
            _clear_leftovers(site_dir)
            check_site_folder(site_dir)  # again: another build may have finished meanwhile
            existed = os.path.lexists(site_dir)
            staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
            (staging / STAGING_MARKER).write_text("", encoding="utf-8")
            t1 = time.perf_counter()
            folders = write_staging(outputs, content_dir, staging)
            configs = {}
            for lang in LANGS:
                cfg = mkdocs_config(hb, outputs[lang], lang, folders[lang], staging / f"site-{lang}")
                path = staging / f"mkdocs-{lang}.yml"
                path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=True), encoding="utf-8")
                configs[lang] = path
            timings.render = ready.render_s + time.perf_counter() - t1
            builders.start(configs, {"SOURCE_DATE_EPOCH": source_date_epoch(hb)})
            # Files that no page needs at build time (spreadsheets) are made while MkDocs runs.
            t2 = time.perf_counter()
            late = render_files(hb)
            timings.files = time.perf_counter() - t2
            timings.builder = builders.wait()
            built = staging / "site"
            for lang in LANGS:
                tree = staging / f"site-{lang}"
                for name in UNUSED_BUILDER_FILES:
                    (tree / name).unlink(missing_ok=True)
                for rel, data in sorted(late[lang].items()):
                    target = tree / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
            (staging / "site-ja").rename(built)
            (staging / "site-en").rename(built / "en")
            (built / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
            _swap(built, site_dir)
    except BaseException as exc:
        exc.outcome = _outcome(site_dir, staging is not None, existed)
        raise
    finally:
        builders.abandon()
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    timings.total = time.perf_counter() - t0
    return timings


__all__ = ["build", "check", "check_site_folder", "mkdocs_config", "page_url", "prepare", "Timings"]
