"""The generator speaks the maintainer's language: every message in English and Japanese in
one table (generator/messages.yaml), chosen by --lang or the locale, the located form the
same in both; the broken-data corpus (tests/broken/) reproduced in Japanese too."""

from __future__ import annotations

import ast
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from support import DATA, LOCALE_VARIABLES, ROOT, run_generator
from support import BROKEN_CASES as CASES, CORPUS, broken_copy as _broken_copy
from generator.commands.build import check
from generator.errors import DataError
from generator.messages import language, msg, table
from generator.model.text import placeholders

FILE_SUFFIXES = (".md", ".j2", ".yaml", ".yml", ".html", ".json", ".js", ".css", ".csv", ".xlsx", ".py", ".txt")
LOCATED = re.compile(r"^(.+?:\d+:\d+: \$\S*: )(.+)$")


def _expected(case: str, lang: str, data: Path) -> list[str]:
    name = "expected.txt" if lang == "en" else f"expected.{lang}.txt"
    return (CORPUS / case / name).read_text(encoding="utf-8").replace("{data}", str(data)).splitlines()


# ------------------------------------------------------------------ the table


def test_every_message_has_both_languages_with_the_same_placeholders():
    for code, texts in table().items():
        assert set(texts) == {"en", "ja"}, code
        assert all(isinstance(t, str) and t.strip() for t in texts.values()), code
        assert set(placeholders(texts["en"])) == set(placeholders(texts["ja"])), code


def test_a_problem_reads_expected_and_found_in_both_languages():
    """'expected …, found …' is 「期待：…、実際：…」 (the located form of the maintainers' page)."""
    for code, texts in table().items():
        if texts["en"].startswith("expected ") and re.search(r"[,;] found ", texts["en"]):
            assert texts["ja"].startswith("期待：") and "、実際：" in texts["ja"], code


def _codes_in_source() -> set[str]:
    """Every code the generator's Python names literally: the first argument of msg(), the
    code argument of problem() and Document.problem(), and the constants naming codes."""
    groups = {code.split(".")[0] for code in table()}
    ui_keys = set(yaml.safe_load((DATA / "ui.yaml").read_text(encoding="utf-8"))["strings"])  # the site's words
    found = set()
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if (re.fullmatch(r"[a-z_]+(\.[a-z_0-9]+)+", value) and value.split(".")[0] in groups
                        and value not in ui_keys and not value.endswith(FILE_SUFFIXES)):
                    found.add(value)
    return found


def test_every_code_named_in_the_generator_is_in_the_table_and_every_entry_is_used():
    codes = _codes_in_source()
    assert codes, "the scan found the generator's codes"
    missing = sorted(c for c in codes if c not in table())
    assert not missing, missing
    # Entries reached only through a code made from parts (f"type.{name}", f"diff.status.{…}").
    made = {c for c in table() if c.startswith(("type.", "found.", "diff.status.", "diff.summary."))}
    unused = sorted(set(table()) - codes - made)
    assert not unused, unused


def test_an_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError):
        msg("no.such.code")


# ------------------------------------------------------------------ choosing the language


@pytest.mark.parametrize("requested, environ, expected", [
    (None, {}, "en"),
    (None, {"LANG": "ja_JP.UTF-8"}, "ja"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
    (None, {"LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
    (None, {"LC_ALL": "ja", "LANG": "C"}, "ja"),
    (None, {"LC_ALL": "", "LANG": "ja_JP.eucJP"}, "ja"),
    ("en", {"LANG": "ja_JP.UTF-8"}, "en"),
    ("ja", {"LANG": "C"}, "ja"),
])
def test_the_language_is_the_option_else_the_locale_else_english(requested, environ, expected):
    assert language(requested, environ) == expected


# ------------------------------------------------------------------ the corpus in both languages


def test_every_case_has_its_japanese_lines_at_the_same_places():
    for case in CASES:
        en = (CORPUS / case / "expected.txt").read_text(encoding="utf-8").splitlines()
        ja = (CORPUS / case / "expected.ja.txt").read_text(encoding="utf-8").splitlines()
        assert len(en) == len(ja), case
        for line_en, line_ja in zip(en, ja):
            where_en, where_ja = LOCATED.match(line_en), LOCATED.match(line_ja)
            assert where_en and where_ja, (case, line_en, line_ja)
            assert where_en.group(1) == where_ja.group(1), case
            assert re.search("[ぁ-んァ-ヶ一-龠]", where_ja.group(2)), (case, line_ja)


@pytest.mark.parametrize("case", CASES)
def test_the_corpus_in_both_languages(case, tmp_path):
    """The same problems, in the same order, in each language's words (in-process)."""
    data = _broken_copy(case, tmp_path)
    with pytest.raises(DataError) as info:
        check(data, ROOT / "content")
    for lang in ("en", "ja"):
        assert info.value.text(lang).splitlines() == _expected(case, lang, data), lang
    assert all(p.code in table() for p in info.value.problems), "every problem has its code"


def _run(*args: str, **environ: str):
    """The command line with a given locale (and no other locale variable set)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env.update(environ)
    return run_generator(*args, env=env)


@pytest.mark.parametrize("case", ["several-files-at-once", "yaml-syntax-error"])
def test_the_command_line_speaks_japanese_by_option_and_by_locale(case, tmp_path):
    data = _broken_copy(case, tmp_path)
    for args, environ in (
        (("check", "--lang", "ja", "--data", str(data)), {"LANG": "C.UTF-8"}),
        (("check", "--data", str(data)), {"LANG": "ja_JP.UTF-8"}),
        (("build", "--data", str(data), "--site", str(tmp_path / "site")), {"LC_ALL": "ja_JP.UTF-8"}),
    ):
        result = _run(*args, **environ)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr + result.stdout
        lines = result.stderr.splitlines()
        assert lines[:-1] == _expected(case, "ja", data), args
        count = len(lines) - 1
        assert lines[-1] == f"{count} 件の問題が見つかりました。何も書き込んでいません", args
    assert not (tmp_path / "site").exists()


def test_the_option_wins_over_the_locale(tmp_path):
    data = _broken_copy("dangling-reference", tmp_path)
    result = _run("check", "--lang", "en", "--data", str(data), LANG="ja_JP.UTF-8")
    assert result.returncode == 1
    assert result.stderr.splitlines() == _expected("dangling-reference", "en", data) + [
        "1 problem found; nothing was written"]
    clean = _run("check", "--lang", "ja", "--data", str(DATA), LANG="C.UTF-8")
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.strip() == f"{DATA}/ と content/：問題は見つかりませんでした"


def test_diff_summarises_in_japanese_with_the_reports_names_of_the_kinds(tmp_path):
    new = tmp_path / "data"
    shutil.copytree(DATA, new)
    standard = new / "standard.yaml"
    text = standard.read_text(encoding="utf-8")
    assert "3年に1回" in text
    standard.write_text(text.replace("3年に1回", "2年に1回"), encoding="utf-8")
    ui = yaml.safe_load((DATA / "ui.yaml").read_text(encoding="utf-8"))["strings"]
    ja = _run("diff", str(DATA), str(new), "--lang", "ja", LANG="C.UTF-8")
    en = _run("diff", str(DATA), str(new), LANG="C.UTF-8")
    assert ja.returncode == 0 and en.returncode == 0, ja.stderr + en.stderr
    assert re.search(r"^standard: \d+ changed$", en.stdout, re.M), en.stdout
    assert re.search(rf"^{ui['diff.kind.standard']['ja']}: 変更 \d+$", ja.stdout, re.M), ja.stdout
    assert re.search(r"^  変更     s4-4-ct3-n1  4\(4\)③※$", ja.stdout, re.M), ja.stdout
    assert re.search(r"^見本の契約の確認時期：\d+ 件中 \d+ 件が変わります$", ja.stdout, re.M), ja.stdout
    assert not re.search(r"[a-z]+ (changed|added|removed)|sample schedules", ja.stdout)


# The calls that carry a message to the user: each gets a message of the table (msg(…) or a
# code), never words typed in place (a tool's own output, passed as a value, is fine).
_MESSAGE_CALLS = ("Problem", "GeneratorError", "BuildError", "SiteRefused", "SiteBusy", "ArgumentTypeError")
# The calls that take a message's code as a positional argument and its values by keyword
# (a value may be any text): their positional arguments are read.
_CODE_CALLS = ("msg", "problem")


def _words(node: ast.AST) -> bool:
    """Whether an argument is text typed in place: a string with a space, or an f-string
    whose literal parts have one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and " " in str(v.value) for v in node.values)
    return False


def test_no_message_is_typed_in_place_in_the_generator():
    typed = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in _MESSAGE_CALLS and any(_words(a) for a in [*node.args, *(k.value for k in node.keywords)]):
                    typed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                if name in _CODE_CALLS and any(_words(a) for a in node.args):
                    typed.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not typed, typed
