"""The checklists are a list in the data: any number of them, each named by its id, which
gives its page and spreadsheet; every other file refers to a checklist by that id."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from support import DATA, run_generator

# A third checklist, added at the end of the list of checklists in data/checklists.yaml
# (`checklists:` is followed by other top-level keys): its own id, titles and rows.
THIRD = """
  - id: at-handover
    title:
      ja: 委託業務終了時の個人情報返還の確認表
      en: Checklist of the return of personal information at the end of the work
    short: {ja: 遵守確認表（終了時）, en: Compliance checklist (at the end)}
    sheet: {ja: 遵守確認表（終了時）, en: Checklist (at the end)}
    sources: [s4-4]
    purpose:
      ja: 委託業務の終了時に、個人情報の返還又は廃棄を確認するための様式です。
      en: The form for checking, at the end of the work, that personal information has been returned or destroyed.
    instructions:
      ja: 各項目を点検してください。
      en: Check each item.
    rows:
      - {id: cl-end-1, item: item-1, source: s3-1-item1-c1}
      - {id: cl-end-2, item: item-2, source: s3-1-item2-c1}
"""


def _copy(tmp_path_factory, edits: dict[str, list[tuple[str, str]]], append: str = "") -> Path:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(DATA, data)
    for name, changes in edits.items():
        path = data / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, (name, old)
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    if append:
        path = data / "checklists.yaml"
        path.write_text(_append_checklist(path.read_text(encoding="utf-8"), append), encoding="utf-8")
    return data


def _append_checklist(text: str, entry: str) -> str:
    """The text with `entry` as the last item of the top-level `checklists:` list: before
    the next top-level key and the comments that introduce it, if any."""
    lines = text.splitlines(keepends=True)
    start = lines.index("checklists:\n")
    end = next((i for i in range(start + 1, len(lines))
                if lines[i][:1] not in ("", " ", "#", "\n")), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    if not lines[end - 1].endswith("\n"):
        lines[end - 1] += "\n"
    return "".join(lines[:end]) + entry.strip("\n") + "\n" + "".join(lines[end:])


@pytest.fixture(scope="module")
def third_site(tmp_path_factory) -> Path:
    """The data with a third checklist, handed over before the contract instead of the first."""
    data = _copy(
        tmp_path_factory,
        {"contract_types.yaml": [("    checklist: pre-contract\n", "    checklist: at-handover\n")]},
        append=THIRD,
    )
    site = tmp_path_factory.mktemp("site") / "site"
    result = run_generator("build", "--data", str(data), "--site", str(site))
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_third_checklist_gets_its_page_and_spreadsheet(third_site, prefix):
    page = (third_site / prefix / "checklists" / "at-handover.html").read_text(encoding="utf-8")
    title = "委託業務終了時の個人情報返還の確認表" if not prefix else "Checklist of the return of personal information at the end of the work"
    assert title in page
    assert 'href="at-handover.xlsx"' in page or "at-handover.xlsx" in page
    with zipfile.ZipFile(third_site / prefix / "checklists" / "at-handover.xlsx") as book:
        sheet = book.read("xl/workbook.xml").decode("utf-8")
    assert ("遵守確認表（終了時）" if not prefix else "Checklist (at the end)") in sheet
    # The first two are still there, at the same paths.
    for old in ("pre-contract", "post-contract"):
        assert (third_site / prefix / "checklists" / f"{old}.html").is_file()
        assert (third_site / prefix / "checklists" / f"{old}.xlsx").is_file()


def test_a_reference_by_id_takes_the_name_and_page_of_the_checklist(third_site):
    rules = json.loads((third_site / "assets/handbook/rules.json").read_text(encoding="utf-8"))
    schedule = rules["schedule"]
    assert schedule["beforeContract"]["checklist"] == "at-handover"
    assert schedule["checklists"]["at-handover"] == {
        "name": {"ja": "遵守確認表（終了時）", "en": "Compliance checklist (at the end)"},
        "page": "checklists/at-handover.html",
    }
    assert set(schedule["checklists"]) == {"pre-contract", "post-contract", "at-handover"}


def _check(data: Path) -> tuple[int, list[str]]:
    result = run_generator("check", "--data", str(data))
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr.splitlines()


def test_a_dangling_checklist_reference_is_a_located_error(tmp_path_factory):
    data = _copy(tmp_path_factory, {
        "contract_types.yaml": [("    checklist: pre-contract\n", "    checklist: pre-contact\n")],
        # a row of a checklist is not a checklist
        "clauses.yaml": [("    - checklist: post-contract\n", "    - checklist: cl-post-1\n")],
    })
    code, lines = _check(data)
    assert code == 1
    expected = {
        "contract_types.yaml": ("$.audit.before_contract.checklist", "pre-contact"),
        "clauses.yaml": ("$.handover.forms[1].checklist", "cl-post-1"),
    }
    for name, (path, found) in expected.items():
        text = (data / name).read_text(encoding="utf-8").splitlines()
        line_no = next(i for i, l in enumerate(text, 1) if l.strip().endswith(f"checklist: {found}"))
        col = text[line_no - 1].index(found) + 1
        want = (f"{data.as_posix()}/{name}:{line_no}:{col}: {path}: expected the id of a record in "
                f"checklists.yaml $.checklists, found unknown id '{found}'")
        assert want in lines, lines
    assert len(lines) == 3, lines  # the two problems and the count


def test_checklist_ids_are_unique_page_names(tmp_path_factory):
    """Two checklists with one id would be one page: the second is a located error."""
    data = _copy(tmp_path_factory, {}, append=THIRD.replace("id: at-handover", "id: post-contract"))
    code, lines = _check(data)
    assert code == 1
    assert any(re.search(r"checklists\.yaml:\d+:\d+: \$\.checklists\[2\]\.id: expected a unique id, found 'post-contract' again", l)
               for l in lines), lines
