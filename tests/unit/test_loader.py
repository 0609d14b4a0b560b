"""The loader's promises: every problem at once, located as FILE:LINE:COLUMN: $.path: …,
exit status 1, no traceback, and the previous site left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import DATA, ROOT, run_generator, tree_digest
from generator.commands.sitefolder import write_manifest
from generator.errors import DataError
from generator.commands.load import load


def edit(path: Path, old: str, new: str) -> str:
    """Replace one exact occurrence of `old` in a data file; return the new text."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def column_of(text: str, needle: str) -> int:
    start = text.index(needle)
    return start - (text.rfind("\n", 0, start) + 1) + 1


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(data)
    return [str(p) for p in info.value.problems]


def test_default_data_loads_into_a_complete_model():
    hb = load(DATA)
    assert [i.number for i in hb.items] == list(range(1, 10))
    assert all(item.confirm for item in hb.items), "every item ①–⑨ has its confirmation points"
    assert {c.id for c in hb.contract_types} == {
        "designated_manager", "long_term_continuing", "one_year", "under_one_year"}
    assert hb.document.decided == "2023-03-01" and hb.document.effective == "2023-04-01"
    assert len(hb.document.references) == 3


def test_unquoted_dates_and_words_keep_the_text_the_maintainer_wrote(data_copy):
    edit(data_copy / "document.yaml", '\ndecided: "2023-03-01"', "\ndecided: 2023-03-01")
    hb = load(data_copy)
    assert hb.document.decided == "2023-03-01" and isinstance(hb.document.decided, str)


def test_an_unknown_field_is_named_with_its_line_and_the_fields_allowed(data_copy):
    f = data_copy / "standard.yaml"
    text = f.read_text(encoding="utf-8")
    anchor = "      - id: s1-p1\n"
    text = edit(f, anchor, anchor + "        colour: red\n")
    line = line_of(text, "colour: red")
    assert problems(data_copy) == [
        f"{data_copy}/standard.yaml:{line}:9: $.sections[0].blocks[0].colour: "
        "expected one of the fields id, kind, text, translation_note; found unknown field 'colour'"
    ]


def test_a_text_missing_its_english_is_reported_at_the_text(data_copy):
    f = data_copy / "document.yaml"
    text = edit(f, "  en: Kuki City\ntitle:", "title:")
    line = line_of(text, "municipality:")
    assert problems(data_copy) == [
        f"{data_copy}/document.yaml:{line + 1}:3: $.municipality: expected the field 'en', found none"
    ]


def test_an_impossible_date_is_rejected(data_copy):
    text = edit(data_copy / "document.yaml", '\neffective: "2023-04-01"', '\neffective: "2023-02-30"')
    line = line_of(text, "effective: ")
    assert problems(data_copy) == [
        f"{data_copy}/document.yaml:{line}:12: $.effective: expected a real date written YYYY-MM-DD, found '2023-02-30'"
    ]


def test_a_reference_to_a_missing_clause_is_reported(data_copy):
    text = edit(data_copy / "items.yaml", "source: s3-1-item4", "source: s3-1-item44")
    line = line_of(text, "s3-1-item44")
    assert problems(data_copy) == [
        f"{data_copy}/items.yaml:{line}:13: $.items[3].source: "
        "expected the id of a record in standard.yaml, found unknown id 's3-1-item44'"
    ]


def test_a_duplicate_key_is_reported_not_overwritten(data_copy):
    text = edit(data_copy / "document.yaml", '\neffective: "2023-04-01"\n',
                '\neffective: "2023-04-01"\neffective: "2024-04-01"\n')
    first = line_of(text, "effective: ")
    assert problems(data_copy) == [
        f"{data_copy}/document.yaml:{first + 1}:1: $.effective: "
        f"expected each key once, found 'effective' again (first on line {first})"
    ]


@pytest.mark.parametrize("escape, shown", [("\\e", "U+001B (ESC)"), ("\\x07", "U+0007"), ("\\x7f", "U+007F (DEL)"),
                                           ("\\0", "U+0000 (NUL)")])
def test_a_control_character_written_as_an_escape_is_located_at_its_text(data_copy, escape, shown):
    """The file's bytes are clean, but the text the escape makes is not: the same rule as a
    raw control byte, at the field (it would otherwise reach a spreadsheet cell and fail there)."""
    text = edit(data_copy / "checklists.yaml", "label: {ja: 所在地, en: Address}",
                'label: {ja: "所在' + escape + '地", en: Address}')
    line = line_of(text, "所在")
    column = text.splitlines()[line - 1].index('"所在') + 1
    assert problems(data_copy) == [
        f"{data_copy}/checklists.yaml:{line}:{column}: $.fields[2].label.ja: "
        f"expected text without control characters, found {shown}"
    ]


def test_a_tab_in_the_indentation_is_a_located_syntax_error(data_copy):
    text = edit(data_copy / "glossary.yaml", "  - id: personal-information\n", "  - id: personal-information\n\t")
    (p,) = problems(data_copy)
    line = line_of(text, "\t")
    assert p.startswith(f"{data_copy}/glossary.yaml:{line}:")
    assert ": $: expected valid YAML, found " in p


def test_every_problem_of_every_file_is_reported_together_in_file_order(data_copy):
    edit(data_copy / "items.yaml", "source: s3-1-item4", "source: nowhere")
    edit(data_copy / "document.yaml", '\ndecided: "2023-03-01"', '\ndecided: "2023-13-01"')
    edit(data_copy / "ui.yaml", "  nav.home: {ja: ホーム, en: Home}\n", "")
    found = problems(data_copy)
    assert len(found) == 3
    assert [p.split(":")[0].rsplit("/", 1)[1] for p in found] == ["document.yaml", "items.yaml", "ui.yaml"]
    assert "expected the key 'nav.home'" in found[2]


def test_a_missing_file_and_an_unknown_file_are_both_reported(data_copy):
    (data_copy / "glossary.yaml").unlink()
    (data_copy / "extra.yaml").write_text("a: 1\n", encoding="utf-8")
    found = problems(data_copy)
    assert f"{data_copy}/extra.yaml:1:1: $: expected one of the data files" in found[0]
    assert found[1] == f"{data_copy}/glossary.yaml:1:1: $: expected this data file, found no such file"


def test_broken_data_exits_1_without_traceback_and_leaves_the_site_untouched(data_copy, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    write_manifest(site)  # a previous build
    before = tree_digest(site)
    edit(data_copy / "document.yaml", '\ndecided: "2023-03-01"', '\ndecided: "2023-02-30"')
    edit(data_copy / "items.yaml", "source: s3-1-item4", "source: nowhere")
    result = run_generator("build", "--data", str(data_copy), "--site", str(site))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{data_copy}/document.yaml:") and "$.decided" in lines[0]
    assert lines[1].startswith(f"{data_copy}/items.yaml:") and "$.items[3].source" in lines[1]
    assert "Traceback" not in result.stderr + result.stdout
    assert tree_digest(site) == before
    assert not list(tmp_path.glob(".site-build-*")), "no staging folder is left behind"


def test_check_validates_without_writing(data_copy, tmp_path):
    cwd = tmp_path / "work"
    cwd.mkdir()
    before = tree_digest(data_copy)
    result = run_generator("check", "--data", str(data_copy), "--content", str(ROOT / "content"), cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert list(cwd.iterdir()) == [] and tree_digest(data_copy) == before


def test_a_block_is_checked_against_the_schema_of_its_own_kind(data_copy):
    text = edit(data_copy / "standard.yaml", "      - id: s1-p1\n        kind: paragraph\n", "      - id: s1-p1\n        kind: clause\n")
    line = line_of(text, "      - id: s1-p1")
    found = problems(data_copy)
    assert f"{data_copy}/standard.yaml:{line}:9: $.sections[0].blocks[0]: expected the field 'heading', found none" in found
    assert f"{data_copy}/standard.yaml:{line}:9: $.sections[0].blocks[0]: expected the field 'article', found none" in found


def test_an_unknown_block_kind_names_the_kinds_allowed(data_copy):
    text = edit(data_copy / "standard.yaml", "      - id: s1-p1\n        kind: paragraph\n", "      - id: s1-p1\n        kind: poem\n")
    line = line_of(text, "kind: poem")
    assert problems(data_copy) == [
        f"{data_copy}/standard.yaml:{line}:15: $.sections[0].blocks[0].kind: "
        "expected one of 'clause', 'heading', 'list', 'note', 'paragraph', 'table'; found 'poem'"
    ]


def test_a_block_kind_that_is_a_list_is_a_located_problem_not_a_crash(data_copy):
    text = edit(data_copy / "standard.yaml", "kind: clause", "kind: []")
    (p,) = problems(data_copy)
    line = text[: text.index("kind: []")].count("\n") + 1
    assert p.startswith(f"{data_copy}/standard.yaml:{line}:")
    assert p.endswith("kind: expected one of 'clause', 'heading', 'list', 'note', 'paragraph', 'table'; found a list")


def test_the_clause_vocabularies_come_from_clauses_yaml(data_copy):
    """Document types and numeral styles are the data's: a default outside them is located."""
    edit(data_copy / "clauses.yaml", "default_document_type: contract", "default_document_type: lease")
    edit(data_copy / "clauses.yaml", "numerals: [arabic, kanji]", "numerals: [kanji]")
    found = problems(data_copy)
    assert [p.split(": ", 1)[1] for p in found] == [
        "$.default_document_type: expected one of 'contract', 'agreement', 'without_contract_document'; found 'lease'",
        "$.default_numerals: expected one of 'kanji'; found 'arabic'",
    ], found
