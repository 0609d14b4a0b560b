"""The search index (generator/searchindex.py): what it holds and leaves out, and how a page
or a part of a page is left out of search."""

from __future__ import annotations

import json
import re

import yaml

from generator import builder, searchindex
from generator.commands.load import load
from generator.site.registry import CONTENT_PAGES, render_all
from support import DATA, ROOT


def front_matter(text: str) -> dict:
    """A page source's front matter (the YAML between its opening `---` lines), or {}."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def excluded_from_search() -> dict[str, set[str]]:
    """Per language, the HTML paths of the pages whose source leaves them out of search
    (`search: {exclude: true}` in the front matter): the generated pages and the
    hand-written ones."""
    sources = {lang: {page.path: page.body[lang] for page in output.pages}
               for lang, output in render_all(load(DATA)).items()}
    for lang in sources:
        for path, _key in CONTENT_PAGES:
            sources[lang][path] = (ROOT / "content" / lang / path).read_text(encoding="utf-8")
    return {lang: {path.removesuffix(".md") + ".html" for path, text in pages.items()
                   if (front_matter(text).get("search") or {}).get("exclude") is True}
            for lang, pages in sources.items()}


def index_of(tree):
    return json.loads((tree / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_both_index_files_hold_the_same_index_of_every_page(site):
    excluded = excluded_from_search()
    assert "standard/all.html" in excluded["ja"] and "standard/all.html" in excluded["en"]
    for lang, root in (("ja", site), ("en", site / "en")):
        data = index_of(root)
        script = (root / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script == "var __index = " + json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        assert data["config"]["format"] == searchindex.FORMAT
        indexed = {doc["location"] for doc in data["docs"]}
        pages = {p.relative_to(root).as_posix() for p in root.rglob("*.html") if not p.relative_to(root).as_posix().startswith(("en/", "assets/"))}
        assert excluded[lang] <= pages, excluded[lang] - pages
        assert indexed == pages - excluded[lang], (pages - excluded[lang]) ^ indexed


def test_every_paragraph_of_the_standard_is_indexed_under_its_anchor_without_the_anchor_link(site):
    for root in (site, site / "en"):
        docs = {doc["location"]: doc for doc in index_of(root)["docs"]}
        for path in sorted((root / "standard").glob("s*.html")):
            html = path.read_text(encoding="utf-8")
            ids = set(re.findall(r'<a class="hb-anchor" href="#([^"]+)"', html))
            labels = set(re.findall(r'<a class="hb-anchor" href="#[^"]+" title="([^"]+)"', html))
            units = docs[f"standard/{path.name}"]["units"]
            assert ids and ids <= {anchor for anchor, _, _ in units}, path
            for _, _, text in units:
                assert "¶" not in text and not any(label in text for label in labels), text


def test_a_page_or_an_element_is_left_out_the_way_material_documents_it(tmp_path):
    # A page module leaves a page out with front matter (`search: {exclude: true}`), an
    # element with a bare `data-search-exclude` attribute; interface text finds the page
    # but is no paragraph; links name the page they point to.
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, content in builder.files().items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(content)
    (docs / "a.md").write_text(
        "# Alpha\n\n"
        "The corrective action plan is due.\n\n"
        '<p id="p2">Visible text <button type="button">Press here</button></p>\n\n'
        '<p data-search-exclude>Secret words</p>\n\n'
        '<p>Fill in <input type="text" aria-label="blank"> please</p>\n\n'
        "[the gamma page](c.md)\n",
        encoding="utf-8",
    )
    (docs / "b.md").write_text("---\nsearch:\n  exclude: true\n---\n\n# Beta\n\nThe whole standard again.\n", encoding="utf-8")
    (docs / "c.md").write_text("# Gamma\n\nA third page.\n", encoding="utf-8")
    spec = builder.SiteSpec(lang="en", site_name="Test", copyright=None, nav=[("Alpha", "a.md"), ("Beta", "b.md"), ("Gamma", "c.md")],
                            alternates=(), notice="", search_label="Search")
    builders = builder.Builders(("en",))
    try:
        sites = builders.start({"en": spec}, {"en": docs}, tmp_path, env={})
        builders.wait()
    finally:
        builders.abandon()
    tree = sites["en"]
    data = index_of(tree)
    docs_by_page = {doc["location"]: doc for doc in data["docs"]}
    assert set(docs_by_page) == {"a.html", "c.html"}
    units = docs_by_page["a.html"]["units"]
    texts = {kind: [text for _, k, text in units if k == kind] for kind in "Hpu"}
    assert texts["H"] == ["Alpha"]
    assert texts["p"] == ["The corrective action plan is due.", "Visible text", "the gamma page"]
    assert texts["u"] == ["Press here Fill in please"]
    assert not any("Secret" in text for _, _, text in units)
    assert ["p2", "p", "Visible text"] in units
    assert ["", "n", "the gamma page"] in docs_by_page["c.html"]["units"]
    assert "Secret words" in (tree / "a.html").read_text(encoding="utf-8")  # still on the page


def test_an_index_that_cannot_be_read_is_a_clean_build_error(tmp_path):
    from generator.errors import BuildError
    import pytest

    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text('{"config": {}, "docs": [{"location": "gone.html"}]}', encoding="utf-8")
    with pytest.raises(BuildError, match="search index"):
        searchindex.rewrite(tmp_path)
    (tmp_path / "search" / "search_index.json").write_text("not json", encoding="utf-8")
    with pytest.raises(BuildError, match="search index"):
        searchindex.rewrite(tmp_path)


def test_each_glossary_term_is_noted_on_the_section_of_the_standard_that_introduces_it(site):
    # The glossary's terms are read from its page (each without its other-language name);
    # the first section using a term, in the order of the sections, gets it as a unit of
    # kind "r" (found, never shown); sections after it and other pages do not.
    glossary = searchindex.read_page(
        '<article class="md-content__inner"><dl>'
        '<dt id="a">是正計画書 <span class="hb-glossary__other" lang="en">corrective action plan</span></dt>'
        "<dd>計画書。</dd>"
        '<dt id="b">Finance Division <span class="hb-glossary__other" lang="ja">財政課</span></dt></dl></article>'
    )
    assert glossary.terms == ["是正計画書", "Finance Division"]
    pages = {
        "standard/s10.html": [["x", "p", "是正計画書を提出させる。"]],
        "standard/s2.html": [["y", "p", "必要に応じて是正計画書を提出させる。"], ["z", "h", "finance division"]],
        "standard/s3.html": [["w", "p", "The Finance Division shows it."]],
    }
    assert searchindex.required_terms(glossary.terms, pages) == {
        "standard/s10.html": [], "standard/s2.html": ["是正計画書"], "standard/s3.html": ["Finance Division"]}
    for root in ("", "en/"):
        docs = {doc["location"]: doc for doc in index_of(site / root)["docs"]}
        terms = searchindex.read_page((site / root / "glossary.html").read_text(encoding="utf-8")).terms
        noted = [text for loc, doc in docs.items() for _, kind, text in doc["units"] if kind == "r"]
        assert noted and len(noted) == len(set(noted)) and set(noted) <= set(terms)
        assert all(loc.startswith("standard/s") for loc, doc in docs.items() if any(u[1] == "r" for u in doc["units"]))


def run_worker(monkeypatch, capsys, rewrite) -> tuple[int, list[str]]:
    """A builder process's `main()` run here, MkDocs succeeding at once and the search
    index written by `rewrite`: (its status, the lines it printed)."""
    import io
    import sys

    import mkdocs.__main__

    def built(*args, **kwargs):
        raise SystemExit(0)

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"config": "c.yml", "site": "/x/site-en", "env": {}}) + "\n"))
    monkeypatch.setattr(mkdocs.__main__.cli, "main", built)
    monkeypatch.setattr(searchindex, "rewrite", rewrite)
    monkeypatch.setattr(builder, "_warm_up", lambda: None)
    status = builder.main()
    return status, capsys.readouterr().out.splitlines()


def test_a_tree_that_cannot_be_finished_in_its_builder_is_the_same_clean_error(monkeypatch, capsys):
    # Each builder process finishes its own tree (our index, the policy): an error of the
    # generator there reaches the command as the same message, in either language, not as
    # the builder's output.
    import subprocess
    import sys

    import pytest

    from generator.errors import BuildError
    from generator.messages import msg

    failure = msg("build.search_index", tree="/x/site-en", reason="bad <index>")

    def fail(tree):
        raise BuildError(failure)

    status, lines = run_worker(monkeypatch, capsys, fail)
    assert status == builder.FINISH_FAILURE
    line = lines[-1]
    builders = builder.Builders(())
    builders.procs = {"en": subprocess.Popen(
        [sys.executable, "-c", f"import sys; print('INFO - Building'); print({line!r}); sys.exit({builder.FINISH_FAILURE})"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)}
    builders.started = {"en": 0.0}
    try:
        with pytest.raises(BuildError) as raised:
            builders.wait()
    finally:
        builders.abandon()
    assert raised.value.message == failure
    assert raised.value.text("ja") == failure.text("ja")


def test_a_fault_while_finishing_a_tree_is_one_line_not_a_traceback(monkeypatch, capsys):
    def fault(tree):
        raise ZeroDivisionError("division by zero")

    status, lines = run_worker(monkeypatch, capsys, fault)
    assert status == 1
    assert lines == ["finishing the built tree failed unexpectedly (ZeroDivisionError: division by zero)"]
