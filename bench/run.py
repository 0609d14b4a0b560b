"""Benchmark: build speed, how it grows with the data, and page weight.

Run with `make bench`. Prints a Markdown report and writes it into
README.md between the `bench:start` and `bench:end` markers. Not a test: figures vary
with the machine; they are measured, reported, and compared by people.

The report sets the full bilingual build (`python -m generator build`) side by side with
one plain `mkdocs build` of the same Japanese pages (the staging tree and configuration
the generator writes for Japanese), for the default data and for the 100× data: the
ratio is what the generator and the second language cost on top of the builder.

    python bench/run.py [--runs N] [--no-readme]
    python bench/run.py --compare-only [--runs N]   # just that comparison, README untouched
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The generator's Python API, used only by `japanese_staging` below (the one function to
# adapt if the generator's modules are renamed).
from generator import builder  # noqa: E402
from generator.commands.build import prepare, site_spec, source_date_epoch  # noqa: E402
from generator.site.staging import write_staging  # noqa: E402

DATA = ROOT / "data"
CONTENT = ROOT / "content"
README = ROOT / "README.md"

# One build in a fresh interpreter, so imports and start-up count as they do for a user.
ONE_BUILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from pathlib import Path
from generator.commands.build import build
t1 = time.perf_counter()
timings = build(Path(sys.argv[1]), Path(sys.argv[2]))
t2 = time.perf_counter()
from generator.commands.load import load
from generator.site.registry import render_all
render_all(load(Path(sys.argv[1])))  # the same work again, with no builder running beside it
t3 = time.perf_counter()
print(json.dumps({
    "import": t1 - t0, "load": timings.load, "render": timings.render, "files": timings.files,
    "builder_ja": timings.builder["ja"], "builder_en": timings.builder["en"],
    "build": t2 - t1, "alone": t3 - t2,
    "rss_generator_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rss_builder_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""

# The lists that synthetic data sets multiply: (file, key of the list).
SCALED_LISTS = (
    ("standard.yaml", "sections"),
    ("glossary.yaml", "terms"),
    ("checklists.yaml", "phases"),
    ("contract_types.yaml", "contract_types"),
)


def _suffix_ids(value, suffix: str):
    """A copy of `value` with every `id` and every alias (names that must be unique) renamed."""
    if isinstance(value, dict):
        out = {}
        for key, child in value.items():
            if key == "id" and isinstance(child, str):
                out[key] = child + suffix
            elif key == "aliases" and isinstance(child, list):  # names no other entry may have
                out[key] = [a + suffix if isinstance(a, str) else a for a in child]
            else:
                out[key] = _suffix_ids(child, suffix)
        return out
    if isinstance(value, list):
        return [_suffix_ids(child, suffix) for child in value]
    return value


def synthetic_data(factor: int, target: Path) -> dict[str, int]:
    """Copy data/ into `target` with the main lists repeated `factor` times (new ids)."""
    shutil.copytree(DATA, target)
    counts = {}
    for name, key in SCALED_LISTS:
        path = target / name
        if not path.is_file():
            continue
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = doc.get(key)
        if not isinstance(entries, list):
            continue
        grown = copy.deepcopy(entries)
        for n in range(1, factor):
            grown.extend(_suffix_ids(copy.deepcopy(entries), f"-x{n}"))
        doc[key] = grown
        counts[name] = len(grown)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return counts


def measure_builds(data: Path, runs: int, keep: Path | None = None) -> dict:
    """Median figures of `runs` builds of `data`; the last site is moved to `keep`."""
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c", ONE_BUILD, str(data), str(Path(tmp) / "site")],
                cwd=ROOT, capture_output=True, text=True,
            )
            wall = time.perf_counter() - start
            if proc.returncode != 0:
                raise SystemExit(f"build failed for {data}:\n{proc.stderr}")
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            row["wall"] = wall
            results.append(row)
        pages = sum(1 for _ in (Path(tmp) / "site").rglob("*.html"))
        if keep is not None:
            shutil.move(str(Path(tmp) / "site"), keep)
    median = {key: statistics.median(r[key] for r in results) for key in results[0]}
    median["pages"] = pages
    return median


# ---------------------------------------------------------------- generator against plain MkDocs


def japanese_staging(data: Path, target: Path) -> tuple[Path, dict[str, str]]:
    """Write the Japanese staging tree and its MkDocs configuration, as a build does, into
    `target`; return the configuration file and the environment the builder runs with.

    The only place the bench reaches into the generator's modules."""
    ready = prepare(data, CONTENT)
    folders = write_staging({"ja": ready.outputs["ja"]}, CONTENT, target)
    spec = site_spec(ready.hb, ready.outputs["ja"], "ja")
    path = target / "mkdocs-ja.yml"
    path.write_text(builder.configure(spec, folders["ja"], target / "site-ja"), encoding="utf-8")
    return path, {"SOURCE_DATE_EPOCH": source_date_epoch(ready.hb)}


def _timed(cmd: list[str], env: dict[str, str], what: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{what} failed:\n{proc.stderr[-4000:]}")
    return elapsed


def compare_with_mkdocs(data: Path, runs: int) -> dict[str, float]:
    """Median wall seconds, each in a fresh interpreter, taken in turns: the whole
    bilingual build from the command line, and `mkdocs build --strict` of the same
    Japanese pages alone (staging written beforehand, not timed)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    full, plain = [], []
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        config, builder_env = japanese_staging(data, Path(tmp) / "staging")
        for _ in range(runs):
            full.append(_timed(
                [sys.executable, "-m", "generator", "build", "--data", str(data), "--site", str(Path(tmp) / "site")],
                env, "python -m generator build"))
            plain.append(_timed(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)],
                dict(env, **builder_env), "mkdocs build"))
    f, m = statistics.median(full), statistics.median(plain)
    return {"full": f, "mkdocs": m, "ratio": f / m}


def comparison_report(runs: int) -> list[str]:
    lines = [
        "The full bilingual build against one plain `mkdocs build --strict` of the same Japanese pages",
        "(the staging tree and configuration the generator writes for Japanese), wall seconds, each in",
        "a fresh interpreter, taken in turns:",
        "",
        "| data | `python -m generator build` (ja + en, data, spreadsheets) s | `mkdocs build` (ja pages only) s | ratio | runs |",
        "| --- | --- | --- | --- | --- |",
    ]
    for factor in (1, 100):
        n = runs if factor == 1 else max(1, runs // 3)
        with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
            data = DATA if factor == 1 else Path(tmp) / "data"
            if factor > 1:
                synthetic_data(factor, data)
            c = compare_with_mkdocs(data, n)
        label = "default" if factor == 1 else f"{factor}×"
        lines.append(f"| {label} | {c['full']:.2f} | {c['mkdocs']:.2f} | {c['ratio']:.2f}× | {n} |")
    return lines


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.assets.append(a["href"])


def _sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, compresslevel=9, mtime=0))


def page_weights(site: Path) -> tuple[list[dict], dict]:
    """Weight of one page of each type: HTML, our assets, Material's, the search index."""
    page_types = {
        "home": "index.html",
        "standard section": "standard/s4.html",
        "glossary": "glossary.html",
        "checklist": "checklists/pre-contract.html",
        "schedule calculator": "tools/schedule.html",
        "clause generator": "tools/clause.html",
    }
    search = site / "search" / "search_index.js"
    search_sizes = _sizes(search.read_bytes()) if search.is_file() else (0, 0)
    rows, material = [], {}
    for kind, rel in page_types.items():
        path = site / rel
        if not path.is_file():
            continue
        html = path.read_bytes()
        parser = _Assets()
        parser.feed(html.decode("utf-8"))
        ours, theirs = [0, 0], [0, 0]
        for ref in parser.assets:
            asset = (path.parent / ref.split("?")[0]).resolve()
            if not asset.is_file():
                continue
            raw, gz = _sizes(asset.read_bytes())
            rel_asset = asset.relative_to(site.resolve()).as_posix()
            bucket = ours if rel_asset.startswith("assets/handbook/") else theirs
            bucket[0] += raw
            bucket[1] += gz
            if bucket is theirs:
                material[rel_asset] = (raw, gz)
        h_raw, h_gz = _sizes(html)
        rows.append({
            "type": kind, "path": rel, "html": (h_raw, h_gz), "ours": tuple(ours),
            "material": tuple(theirs),
            "whole": (h_raw + ours[0] + theirs[0], h_gz + ours[1] + theirs[1]),
        })
    return rows, {"search index": search_sizes, "material": material}


def schedule_timing(site: Path) -> str:
    script = ROOT / "bench" / "schedule.js"
    if not script.is_file():
        return "n/a (bench/schedule.js not present)"
    env = dict(os.environ, HANDBOOK_SITE=str(site))
    proc = subprocess.run(["node", str(script)], cwd=ROOT, capture_output=True, text=True, env=env)
    return proc.stdout.strip() or proc.stderr.strip()


def plan_timing(site: Path) -> str:
    """bench/plan.py in its own interpreter: the annual audit plan of 1,000, 10,000 and 50,000 contracts in Chromium."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "plan.py"), str(site)], cwd=ROOT,
                          capture_output=True, text=True)
    return proc.stdout.strip() or proc.stderr.strip()[-500:]


def review_timing(site: Path) -> str:
    """bench/review.py in its own interpreter: 100 returned spreadsheets reviewed in Chromium."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "review.py"), str(site)], cwd=ROOT,
                          capture_output=True, text=True)
    return proc.stdout.strip() or proc.stderr.strip()[-500:]


def serve_rebuild(samples: int = 3) -> str:
    """Seconds from saving a data file to the preview server serving the change."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DATA, data)
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--data", str(data), "--site", str(Path(tmp) / "site"),
             "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/glossary.html"

        def served() -> str:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.read().decode("utf-8")
            except OSError:
                return ""

        try:
            deadline = time.monotonic() + 120
            while not served():
                if time.monotonic() > deadline:
                    return "n/a (the preview server did not start)"
                time.sleep(0.1)
            times = []
            glossary = data / "glossary.yaml"
            for n in range(samples):
                mark = f"（計測{n}）"
                text = glossary.read_text(encoding="utf-8")
                glossary.write_text(text.replace("。", "。" + mark, 1), encoding="utf-8")
                start = time.monotonic()
                while mark not in served():
                    if time.monotonic() - start > 60:
                        return "n/a (the change was not served within 60 s)"
                    time.sleep(0.05)
                times.append(time.monotonic() - start)
                time.sleep(1)
            return f"{statistics.median(times):.2f} s (median of {samples}; the server polls every 0.3 s)"
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def report(runs: int, work: Path) -> str:
    site = work / "site"
    lines = [
        f"Measured on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"median of {runs} build(s) per data set, each in a fresh interpreter.",
        "",
        "| data | pages | Python start-up + imports s | load + validate s | render pages s | extra files s (during builders) | builder ja s | builder en s | build s | wall s | generator share (alone) | peak MB (generator / builder) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for factor in (1, 10, 100):
        with tempfile.TemporaryDirectory(prefix="bench-data-") as tmp:
            data = DATA if factor == 1 else Path(tmp) / "data"
            label = "default"
            if factor > 1:
                counts = synthetic_data(factor, data)
                label = f"{factor}× (" + ", ".join(f"{v} {k.split('.')[0]}" for k, v in counts.items()) + ")"
            m = measure_builds(data, runs if factor < 100 else max(1, runs // 2), keep=site if factor == 1 else None)
        own = m["load"] + m["render"]
        lines.append(
            f"| {label} | {m['pages']} | {m['import']:.2f} | {m['load']:.2f} | {m['render']:.2f} | {m['files']:.2f} | "
            f"{m['builder_ja']:.2f} | {m['builder_en']:.2f} | {m['build']:.2f} | {m['wall']:.2f} | {own / m['build']:.0%} ({m['alone'] / m['build']:.0%}) | "
            f"{m['rss_generator_mb']:.0f} / {m['rss_builder_mb']:.0f} |"
        )
    lines += [
        "",
        "Generator share = (load + validate + render pages) / build, as measured inside the build,",
        "where the two builder processes start once the data has loaded and import MkDocs on the",
        "same two cores while the pages render; \"alone\" is the same load + render repeated afterwards with",
        "no builder running. Extra files (spreadsheets) are made while the builders run.",
        "\"build\" is `generator.commands.build.build()`; \"wall\" adds interpreter start-up and imports.",
        "",
    ]
    lines += comparison_report(runs)
    if (site / "index.html").is_file():
        rows, extra = page_weights(site)
        lines += [
            "",
            "Page weight (KB, raw / gzip), Japanese pages of the default build:",
            "",
            "| page type | HTML | our CSS + JS | Material CSS + JS | whole page |",
            "| --- | --- | --- | --- | --- |",
        ]
        for r in rows:
            lines.append(
                f"| {r['type']} (`{r['path']}`) | {kb(r['html'][0])} / {kb(r['html'][1])} | "
                f"{kb(r['ours'][0])} / {kb(r['ours'][1])} | {kb(r['material'][0])} / {kb(r['material'][1])} | "
                f"{kb(r['whole'][0])} / {kb(r['whole'][1])} |"
            )
        s_raw, s_gz = extra["search index"]
        lines += ["", f"Search index (loaded on first search): {kb(s_raw)} / {kb(s_gz)} KB.", "",
                  "Material's and vendored assets:", ""]
        for name, (raw, gz) in sorted(extra["material"].items()):
            lines.append(f"- `{name}`: {kb(raw)} / {kb(gz)} KB")
    lines += ["", f"`make serve`: from saving a data file to the change being served: {serve_rebuild()}"]
    lines += ["", "Audit schedule in Node (`node bench/schedule.js`):", "", "```", schedule_timing(site), "```"]
    lines += ["", "Annual audit plan in Chromium (`bench/plan.py`, target: 10,000 contracts under 1 s):", "", "```",
              plan_timing(site), "```"]
    lines += ["", "Review of returned checklists in Chromium (`bench/review.py`, target under 2 s):", "", "```",
              review_timing(site), "```"]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    block = f"<!-- bench:start -->\n{text}\n<!-- bench:end -->"
    if "<!-- bench:start -->" in readme:
        readme = re.sub(r"<!-- bench:start -->.*?<!-- bench:end -->", lambda _: block, readme, flags=re.S)
    else:
        readme = readme.rstrip() + "\n\n## Benchmark\n\n`make bench` measures and rewrites this section.\n\n" + block + "\n"
    README.write_text(readme, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-readme", action="store_true")
    parser.add_argument("--compare-only", action="store_true",
                        help="only the full build against plain MkDocs; README untouched")
    args = parser.parse_args()
    if args.compare_only:
        print("\n".join(comparison_report(args.runs)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-work-") as work:
        text = report(args.runs, Path(work))
    print(text)
    if not args.no_readme:
        write_readme(text)


if __name__ == "__main__":
    main()
