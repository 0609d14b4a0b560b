"""Every way of breaking the data in tests/broken/ gives the exact located errors, all
at once, exit status 1, no traceback, and leaves the previous site byte-identical;
`check` reports the same lines. Hypothesis properties: on any mutated data the loader
returns a model or raises DataError, never anything else; and where `check` passes,
`build` succeeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings, strategies as st

from conftest import DATA, run_generator, tree_digest
from generator.errors import DataError
from generator.commands.load import load
from generator.model import Handbook

CORPUS = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def previous_site(site, tmp_path_factory) -> Path:
    """A copy of a good build, standing where a broken build would write."""
    target = tmp_path_factory.mktemp("previous") / "site"
    shutil.copytree(site, target)
    return target


def test_the_corpus_covers_every_kind_of_breakage():
    """Every kind of breakage has its case, each with the lines it must print: a case
    removed or renamed by mistake shows up here."""
    assert CASES == [
        "alias-bomb", "bare-string-for-mapping", "control-bytes", "control-escapes", "dangling-reference", "deep-nesting",
        "duplicate-keys", "empty-file", "full-width-indentation", "huge-integer", "impossible-dates",
        "independent-problems", "invalid-utf8", "list-for-mapping", "lone-surrogate", "missing-file",
        "missing-language", "other-spellings", "review-results", "second-document", "several-files-at-once",
        "standard-syntax-error", "tab-indentation", "unknown-keys", "wrong-types", "yaml-syntax-error", "yaml-tags",
    ]
    for case in CASES:
        assert (CORPUS / case / "expected.txt").read_text(encoding="utf-8").strip(), case


def _broken_copy(case: str, tmp_path: Path) -> Path:
    """The default data with the case's files in place of its own (any name, any case)."""
    folder = CORPUS / case
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    for replacement in sorted(folder.iterdir()):
        if replacement.name not in ("expected.txt", "_delete"):
            shutil.copyfile(replacement, data / replacement.name)
    if (folder / "_delete").is_file():
        for name in (folder / "_delete").read_text().split():
            (data / name).unlink()
    return data


@pytest.mark.parametrize("case", CASES)
def test_broken_data_is_reported_exactly_and_the_site_is_kept(case, tmp_path, previous_site):
    folder = CORPUS / case
    data = _broken_copy(case, tmp_path)
    before = tree_digest(previous_site)
    result = run_generator("build", "--data", str(data), "--site", str(previous_site))
    expected = (folder / "expected.txt").read_text(encoding="utf-8").replace("{data}", str(data)).splitlines()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines[:-1] == expected
    assert lines[-1].endswith("found; nothing was written")
    assert tree_digest(previous_site) == before
    assert sorted(p.name for p in previous_site.parent.iterdir()) == ["site"], "nothing left beside the site"


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_same_problems_as_build(case, tmp_path):
    data = _broken_copy(case, tmp_path)
    result = run_generator("check", "--data", str(data))
    expected = (CORPUS / case / "expected.txt").read_text(encoding="utf-8").replace("{data}", str(data)).splitlines()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[:-1] == expected


# ------------------------------------------------------------------ property test

_DOCS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(DATA.glob("*.yaml"))}


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, path + (i,))


_TARGETS = [(name, p) for name, doc in sorted(_DOCS.items()) for p in _paths(doc) if p]
_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10_000), st.text(max_size=12),
    st.sampled_from(["2023-02-30", "s5-p1", "item-1", "", "  ", "{ja: x}", "- a"]),
    st.lists(st.text(max_size=4), max_size=3), st.dictionaries(st.sampled_from(["ja", "en", "id", "x"]), st.text(max_size=5), max_size=3),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    mutations=st.lists(
        st.tuples(st.sampled_from(_TARGETS), st.sampled_from(["set", "delete"]), _VALUES), min_size=1, max_size=4
    )
)
def test_any_mutated_data_gives_a_model_or_a_data_error(tmp_path_factory, mutations):
    import copy

    docs = copy.deepcopy(_DOCS)
    for (name, path), action, value in mutations:
        parent = docs[name]
        try:
            for key in path[:-1]:
                parent = parent[key]
            if action == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    data = tmp_path_factory.mktemp("mutated")
    for name, doc in docs.items():
        (data / f"{name}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        result = load(data)
    except DataError as exc:
        assert exc.problems, "a DataError always names at least one problem"
        return
    assert isinstance(result, Handbook)


# ------------------------------------------------------------------ check ⇒ build

def _leaf(doc, path):
    for key in path:
        doc = doc[key]
    return doc


_TEXT_TARGETS = [(name, p) for name, doc in sorted(_DOCS.items()) for p in _paths(doc) if p and isinstance(_leaf(doc, p), str)]
_HOSTILE_TEXT = st.one_of(
    st.text(min_size=1, max_size=20),
    st.sampled_from(["<b>x</b>", "**", "{partyA}", "=1+1", "]] [[", "\u3000x", "x\u202ey", "\ud800", "a\x1bb", "🀄"]),
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(mutations=[(("glossary", ("terms", 0, "term", "en")), "personal \ud800information")])
@given(mutations=st.lists(st.tuples(st.sampled_from(_TEXT_TARGETS), _HOSTILE_TEXT), min_size=1, max_size=3))
def test_where_check_passes_build_succeeds(tmp_path_factory, mutations):
    """`check` is a guarantee for `build`: mutated texts either fail `check` with located
    problems, or build."""
    import copy

    from generator.commands.build import build, check

    docs = copy.deepcopy(_DOCS)
    for (name, path), value in mutations:
        parent = _leaf(docs[name], path[:-1])
        parent[path[-1]] = value
    data = tmp_path_factory.mktemp("mutated")
    for name, doc in docs.items():
        (data / f"{name}.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        check(data, DATA.parent / "content")
    except DataError as exc:
        assert exc.problems
        return
    print("check passed; building:", mutations)
    site = data.parent / "site"
    build(data, site, DATA.parent / "content")
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
