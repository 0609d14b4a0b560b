"""The builder (MkDocs with Material for MkDocs) behind one narrow interface: for each
language a `SiteSpec` (plain texts and the navigation) and a staging folder go in, a built
tree comes out. Nothing else in the generator imports MkDocs or knows its configuration,
its theme overrides (`theme/`) or its search settings; another builder would replace
this module (and `searchindex`, which reads the pages it built) only.

`Builders` starts one worker per language before the data is loaded, and hands each its
configuration once the pages are rendered. `python -m generator.builder` is such a worker:
it imports MkDocs and the theme's plugins at once, then waits for one line of JSON on
standard input: `{"config": PATH, "site": PATH, "env": {...}}`. It then runs `mkdocs build
--strict` on that configuration (not `--quiet`, which would hide the warnings that strict
mode turns into errors) and, when MkDocs succeeded, finishes the tree it built (`finish`:
our search index, the policy in every page), so both languages are finished at once, and
exits with MkDocs' status. Starting it early lets MkDocs' start-up overlap with loading and
rendering the data. An empty input (the build was abandoned, e.g. the data had errors)
ends it quietly with status 0.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import searchindex
from .errors import BuildError, GeneratorError
from .messages import Lines, Msg, msg

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
BASE_CONFIG = ROOT / "mkdocs.yml"
HOOKS = Path(__file__).resolve().parent / "builder_hooks.py"
# Search from a folder (file://) runs its worker in an iframe: our shim, which writes no
# inline script (see the file). Material's offline plugin adds a shim from unpkg.com unless
# a polyfill's path names "iframe-worker": this one's does.
SHIM_PATH = "assets/handbook/iframe-worker-shim.js"
# The zip reader of the review page (fflate, UMD build: a classic script, window.fflate).
FFLATE = ROOT / "node_modules" / "fflate" / "umd" / "index.js"
FFLATE_PATH = "assets/vendor/fflate/fflate.js"

# The Content-Security-Policy of every page, a <meta> first in its <head> (`add_policy`):
# nothing is loaded from any host but the page's own, and no script runs but the site's
# files and the page's own inline scripts (Material's bootstrap), each by its SHA-256, so
# no inline event handler, `javascript:` URL, eval or injected <script> runs. It works
# over http and from a folder (file://, where 'self' is the page's own folder tree), with
# search (real workers over http, `SHIM_PATH` from a folder). Styles may be inline (Material
# sets style attributes; url() in them can still only load from 'self'). What a <meta>
# policy cannot carry (CSP3 §4.2.2.1): frame-ancestors, report-uri/report-to and sandbox;
# a web server may add them as headers.
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self'; "
    "worker-src 'self'; frame-src 'self'; child-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_DATA_TYPE = re.compile(r"""\btype=["']?application/(?:ld\+)?json""")
_CHARSET = '<meta charset="utf-8">'
# On every page, the script that marks the words of the search that opened it (it loads
# the search engine only then); the engine answers Material's search box from the worker
# that theme/main.html names (theme/assets/handbook/search-*.js).
SEARCH_HIGHLIGHT = "assets/handbook/search-highlight.js"

# Search: Material's search plugin gives each language its search box and decides which
# pages are searched (a page's front matter `search: {exclude: true}` leaves it out); after
# the build, `searchindex.rewrite` replaces its index with ours, which the handbook's own
# worker reads (theme/assets/handbook/search-worker.js and search-engine.js: Japanese
# phrases by substring, English words by stem; see those files). So only the language is
# set here.
SEARCH = {"ja": {"lang": "ja"}, "en": {"lang": "en"}}
# Files the builder writes that an offline site cannot use: the sitemap is empty without
# a public site URL, and 404.html links its assets from "/", which breaks in a sub-folder
# or a shared folder (a web server shows its own "not found" page instead).
UNUSED_BUILDER_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
# A builder's exit status when the file system failed it (a full disk): its one line of
# output is the whole message.
FILE_SYSTEM_FAILURE = 75
# A builder's exit status when finishing its tree failed with one of the generator's
# errors: its last line of output is the message, as JSON (`{"code", "params"}`).
FINISH_FAILURE = 76


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


def policy_for(page: str) -> str:
    """The policy for one page: its inline scripts (not JSON data islands) by hash."""
    hashes: list[str] = []
    for attrs, body in _INLINE_SCRIPT.findall(page):
        if _DATA_TYPE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if (token := f"'sha256-{digest}'") not in hashes:
            hashes.append(token)
    return POLICY.format(hashes=" ".join(hashes)).replace("  ", " ")


def files() -> dict[str, bytes]:
    """Files the builder's pages need in every tree, copied from node_modules: the zip
    reader of the review page."""
    out = {}
    for source, path in ((FFLATE, FFLATE_PATH),):
        if not source.is_file():
            raise BuildError(msg("build.vendored_missing", path=str(source.relative_to(ROOT))))
        out[path] = source.read_bytes()
    return out


def anchors(markdown_text: str) -> set[str]:
    """The anchors a page written in `markdown_text` offers in the builder's output: every
    `id`, and `<a name>`, as MkDocs collects them to validate links (`validation.anchors`),
    made with the Markdown extensions of the base configuration."""
    import markdown
    from html.parser import HTMLParser

    extensions, configs = [], {}
    for entry in yaml.safe_load(BASE_CONFIG.read_text(encoding="utf-8")).get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        extensions.append(name)
        if options:
            configs[name] = options
    found: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for key, value in attrs:
                if value and (key == "id" or (key == "name" and tag == "a")):
                    found.add(value)

    Collect().feed(markdown.Markdown(extensions=extensions, extension_configs=configs).convert(markdown_text))
    return found


def add_policy(tree: Path) -> None:
    """Put the policy first in the <head> of every page of a built tree."""
    for path in sorted(tree.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        if _CHARSET not in page:
            raise BuildError(msg("build.no_charset", path=path, charset=_CHARSET))
        meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy_for(page), quote=False)}">'
        path.write_text(page.replace(_CHARSET, _CHARSET + "\n  " + meta, 1), encoding="utf-8")


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
    config["hooks"] = [*config.get("hooks", []), str(HOOKS)]
    extra = config.setdefault("extra", {})
    extra["polyfills"] = [SHIM_PATH]
    config["extra_javascript"] = [*config.get("extra_javascript", []), SEARCH_HIGHLIGHT]
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
            request = json.dumps({"config": str(cfg), "site": str(self.sites[lang]), "env": env}) + "\n"
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
            if proc.returncode == FILE_SYSTEM_FAILURE:  # the same cause in every builder: say it once
                raise BuildError(msg("build.file_system", reason=output.decode("utf-8", "replace").strip().splitlines()[-1]))
            if proc.returncode == FINISH_FAILURE:
                raise BuildError(_received(output.decode("utf-8", "replace").strip().splitlines()[-1]))
            if proc.returncode != 0:
                lines = [line for line in output.decode("utf-8", "replace").strip().splitlines()
                         if not line.startswith("INFO")]
                failures.append(msg("build.builder_failed", lang=lang, output="\n".join(lines)))
        if failures:
            raise BuildError(msg("build.lines", lines=Lines(failures)) if len(failures) > 1 else failures[0])
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


def finish(tree: Path) -> None:
    """What a built tree gets before it is served: the builder's files an offline site
    cannot use removed, our search index, the policy in every page."""
    for name in UNUSED_BUILDER_FILES:
        (tree / name).unlink(missing_ok=True)
    searchindex.rewrite(tree)
    add_policy(tree)


def _sent(message: Msg) -> str:
    """A message as the one line a worker prints (its values as text)."""
    return json.dumps({"code": message.code, "params": {name: str(value) for name, value in message.params}},
                      ensure_ascii=False)


def _received(line: str) -> Msg:
    """The message of a worker's line (`_sent`)."""
    sent = json.loads(line)
    return msg(sent["code"], **sent["params"])


def main() -> int:
    _warm_up()
    line = sys.stdin.readline().strip()
    if not line:
        return 0
    request = json.loads(line)
    os.environ.update(request.get("env", {}))
    from mkdocs.__main__ import cli

    step = "MkDocs"
    try:
        try:
            cli.main(args=["build", "--strict", "-f", request["config"]], prog_name="mkdocs")
        except SystemExit as exc:
            if exc.code:
                return int(exc.code)
        step = "finishing the built tree"
        finish(Path(request["site"]))
    except OSError as exc:  # a full disk, a folder that cannot be written: one line
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"{exc.strerror or exc}{where}", flush=True)
        return FILE_SYSTEM_FAILURE
    except GeneratorError as exc:
        message = exc.message if isinstance(exc.message, Msg) else msg("build.file_system", reason=exc.text())
        print(_sent(message), flush=True)
        return FINISH_FAILURE
    except Exception as exc:  # noqa: BLE001 - a fault of MkDocs or of ours: one line, not a traceback
        print(f"{step} failed unexpectedly ({type(exc).__name__}: {exc})", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
