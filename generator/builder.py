"""The builder (MkDocs with Material for MkDocs) behind one narrow interface: for each
language a `SiteSpec` (plain texts and the navigation) and a staging folder go in, a built
tree comes out. Nothing else in the generator imports MkDocs or knows its configuration,
its theme overrides (`theme/`) or its search settings; another builder would replace
this module only.

`Builders` starts one worker per language before the data is loaded, and hands each its
configuration once the pages are rendered. `python -m generator.builder` is such a worker:
it imports MkDocs and the theme's plugins at once, then waits for one line of JSON on
standard input: `{"config": PATH, "env": {...}}`. It then runs `mkdocs build --strict` on
that configuration (not `--quiet`, which would hide the warnings that strict mode turns
into errors) and exits with MkDocs' status. Starting it early lets MkDocs' start-up overlap
with loading and rendering the data. An empty input (the build was abandoned, e.g. the
data had errors) ends it quietly with status 0.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import BuildError

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
BASE_CONFIG = ROOT / "mkdocs.yml"
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_PATH = "assets/vendor/iframe-worker/shim.js"
# The zip reader of the review page (fflate, UMD build: a classic script, window.fflate).
FFLATE = ROOT / "node_modules" / "fflate" / "umd" / "index.js"
FFLATE_PATH = "assets/vendor/fflate/fflate.js"

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
# Files the builder writes that an offline site cannot use: the sitemap is empty without
# a public site URL, and 404.html links its assets from "/", which breaks in a sub-folder
# or a shared folder (a web server shows its own "not found" page instead).
UNUSED_BUILDER_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")



@dataclass(frozen=True)
class SiteSpec:
    """What the builder is told about one language's tree, all of it plain text."""

    lang: str
    site_name: str
    copyright: str | None
    nav: list  # (title, path) for a page, (group title, [(title, path), ...]) for a group
    alternates: tuple[dict, ...]  # the other languages: {"name", "lang", "prefix", "label"}
    notice: str  # shown above every page ("" for none)
    search_label: str


def files() -> dict[str, bytes]:
    """Files the builder's pages need in every tree, copied from node_modules: the worker
    shim that lets search run from a folder opened as file://, and the zip reader of the
    review page."""
    out = {}
    for source, path, why in ((SHIM, SHIM_PATH, "search over file://"), (FFLATE, FFLATE_PATH, "reading returned spreadsheets")):
        if not source.is_file():
            raise BuildError(f"missing {source.relative_to(ROOT)} ({why}); run 'npm ci' or 'make site'")
        out[path] = source.read_bytes()
    return out




def as_html(text: str) -> str:
    """A data text as the HTML the builder's templates print unescaped: data text is text.

    MkDocs and Material print `site_name`, `copyright`, navigation titles and our
    `extra.handbook` strings into the page as they are (their templates do not escape),
    so every data text reaches the builder already escaped, quotes included (some land in
    attributes). Line breaks become spaces: each of these is a one-line label.
    """
    return html.escape(" ".join(text.split()), quote=True)


def mkdocs_config(spec: SiteSpec, docs_dir: Path, site_dir: Path) -> dict:
    """The MkDocs configuration for one language, from the base file and the spec."""
    config = yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8"))
    lang = spec.lang
    config["site_name"] = as_html(spec.site_name)
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    config["theme"]["custom_dir"] = str(THEME)
    config["theme"]["language"] = lang
    if spec.copyright:
        config["copyright"] = as_html(spec.copyright)
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
            {"name": as_html(a["name"]), "lang": a["lang"], "prefix": a["prefix"], "label": as_html(a["label"])}
            for a in spec.alternates
        ],
        "lang": lang,
        "notice": as_html(spec.notice),
        "search_label": as_html(spec.search_label),
    }
    config["nav"] = [{as_html(title): _nav_target(target)} for title, target in spec.nav]
    return config


def _nav_target(target):
    """A page's path as it is; a group's entries with their titles escaped."""
    if isinstance(target, str):
        return target
    return [{as_html(title): path} for title, path in target]


def configure(spec: SiteSpec, docs_dir: Path, site_dir: Path) -> str:
    """The configuration file's text for one language."""
    return yaml.safe_dump(mkdocs_config(spec, docs_dir, site_dir), allow_unicode=True, sort_keys=True)


class Builders:
    """One builder process per language, started early and given its configuration later."""

    def __init__(self, langs: tuple[str, ...]):
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=os.pathsep.join(
            [str(ROOT)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])))
        self.procs = {
            lang: subprocess.Popen(
                [sys.executable, "-m", "generator.builder"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
            )
            for lang in langs
        }
        self.started: dict[str, float] = {}
        self.sites: dict[str, Path] = {}

    def start(self, specs: dict[str, SiteSpec], docs: dict[str, Path], staging: Path, env: dict[str, str]) -> dict[str, Path]:
        """Hand each builder its configuration; they build at the same time, each language's
        tree into `staging/site-<lang>` (returned)."""
        configs: dict[str, Path] = {}
        for lang, spec in specs.items():
            self.sites[lang] = staging / f"site-{lang}"
            configs[lang] = staging / f"mkdocs-{lang}.yml"
            configs[lang].write_text(configure(spec, docs[lang], self.sites[lang]), encoding="utf-8")
        for lang, cfg in configs.items():
            self.started[lang] = time.perf_counter()
            request = json.dumps({"config": str(cfg), "env": env}) + "\n"
            proc = self.procs[lang]
            proc.stdin.write(request.encode("utf-8"))
            proc.stdin.close()
            proc.stdin = None  # handed over: communicate() must not touch it again
        return dict(self.sites)

    def wait(self) -> dict[str, float]:
        """Seconds each builder took; raise BuildError with the output of any that failed."""
        timings: dict[str, float] = {}
        failures = []
        for lang, proc in self.procs.items():
            output, _ = proc.communicate()
            timings[lang] = time.perf_counter() - self.started[lang]
            if proc.returncode != 0:
                failures.append(f"builder failed for '{lang}':\n{output.decode('utf-8', 'replace').strip()}")
        if failures:
            raise BuildError("\n".join(failures))
        for tree in self.sites.values():
            for name in UNUSED_BUILDER_FILES:
                (tree / name).unlink(missing_ok=True)
        return timings

    def abandon(self) -> None:
        """End every builder that has not finished (never given work, or still building
        when the build failed or was interrupted) at once: nothing keeps running or
        writing once the command has returned, and a failed build returns quickly."""
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.stdin is not None and not proc.stdin.closed:
                try:
                    proc.stdin.close()
                except OSError:
                    pass
            if proc.stdout:
                proc.stdout.close()


def _warm_up() -> None:
    """Import what every build needs, while the generator is still working."""
    import markdown.extensions.attr_list  # noqa: F401
    import markdown.extensions.md_in_html  # noqa: F401
    import markdown.extensions.tables  # noqa: F401
    import markdown.extensions.toc  # noqa: F401
    import material.plugins.offline.plugin  # noqa: F401
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.__main__  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config.defaults  # noqa: F401


def main() -> int:
    _warm_up()
    line = sys.stdin.readline().strip()
    if not line:
        return 0
    request = json.loads(line)
    os.environ.update(request.get("env", {}))
    from mkdocs.__main__ import cli

    try:
        cli.main(args=["build", "--strict", "-f", request["config"]], prog_name="mkdocs")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
