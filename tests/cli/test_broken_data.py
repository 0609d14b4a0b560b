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

from support import BROKEN_CASES, CORPUS, DATA, broken_copy, run_generator, run_in_process, tree_digest
from generator.errors import DataError
from generator.commands.load import load
from generator.model import Handbook

CASES = BROKEN_CASES
_broken_copy = broken_copy  # the names other tests imported from here


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
        "alias-bomb", "bare-string-for-mapping", "clause-document-type-removed", "control-bytes", "control-escapes", "dangling-reference", "deep-nesting",
        "duplicate-keys", "empty-file", "full-width-indentation", "huge-integer", "impossible-dates",
        "independent-problems", "invalid-utf8", "list-for-mapping", "lone-surrogate", "missing-file",
        "missing-language", "other-spellings", "review-results", "second-document", "several-files-at-once",
        "standard-syntax-error", "tab-indentation", "unknown-keys", "wrong-types", "yaml-syntax-error", "yaml-tags",
    ]
    for case in CASES:
        assert (CORPUS / case / "expected.txt").read_text(encoding="utf-8").strip(), case




def _expected(case: str, data: Path) -> list[str]:
    return (CORPUS / case / "expected.txt").read_text(encoding="utf-8").replace("{data}", str(data)).splitlines()


@pytest.fixture
def command_line():
    """The command line run in this process, as a user in an English locale runs it:
    `command_line("build", …)` returns (exit status, stdout, stderr)."""
    return run_in_process


def _assert_reported_and_kept(case, data, previous_site, before, status, out, err):
    assert status == 1
    assert "Traceback" not in err + out
    lines = err.splitlines()
    assert lines[:-1] == _expected(case, data)
    assert lines[-1].endswith("found; nothing was written")
    assert tree_digest(previous_site) == before
    assert sorted(p.name for p in previous_site.parent.iterdir()) == ["site"], "nothing left beside the site"


@pytest.mark.parametrize("case", CASES)
def test_broken_data_is_reported_exactly_and_the_site_is_kept(case, tmp_path, previous_site, command_line):
    """Every case through the command line's own code, in this process."""
    data = _broken_copy(case, tmp_path)
    before = tree_digest(previous_site)
    status, out, err = command_line("build", "--data", str(data), "--site", str(previous_site))
    _assert_reported_and_kept(case, data, previous_site, before, status, out, err)


# A few cases as a user runs them, in a process of their own: its exit status, no traceback
# on its stderr, the site untouched (a file that cannot be read, a tree that cannot be
# parsed, problems in several files).
COMMAND_LINE_CASES = ["invalid-utf8", "alias-bomb", "several-files-at-once"]


@pytest.mark.parametrize("case", COMMAND_LINE_CASES)
def test_broken_data_through_python_m_generator(case, tmp_path, previous_site):
    data = _broken_copy(case, tmp_path)
    before = tree_digest(previous_site)
    result = run_generator("build", "--data", str(data), "--site", str(previous_site))
    _assert_reported_and_kept(case, data, previous_site, before, result.returncode, result.stdout, result.stderr)


@pytest.mark.parametrize("case", CASES)
def test_check_reports_the_same_problems_as_build(case, tmp_path, command_line):
    data = _broken_copy(case, tmp_path)
    status, out, err = command_line("check", "--data", str(data))
    assert status == 1
    assert "Traceback" not in err + out
    assert err.splitlines()[:-1] == _expected(case, data)


def test_check_through_python_m_generator(tmp_path):
    case = COMMAND_LINE_CASES[-1]
    data = _broken_copy(case, tmp_path)
    result = run_generator("check", "--data", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[:-1] == _expected(case, data)


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
        (data / f"{name}.yaml").write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True), encoding="utf-8")
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
