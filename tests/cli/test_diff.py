"""The 新旧対照表 of two versions of the data (`python -m generator diff`) and the revision
history on the site (revisions.html).

A maintainer amends a copy of the data as a real amendment would (a note's wording, the
three-year on-site rule, a checklist question, a new glossary term, a removed note) and
gets a summary on the terminal and an HTML comparison table for the 決裁 document.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import DATA, ROOT, run_generator
from generator.commands.load import load
from generator.site.registry import render_all
from printout import print_pdf, squeeze


def _sub(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def amend(folder: Path) -> None:
    """The amendment: every kind of change the 新旧対照表 must show."""
    _sub(folder / "standard.yaml", "3年に1回は作業所に赴き確認", "2年に1回は作業所に赴き確認")
    _sub(folder / "standard.yaml", "at least once every three years.", "at least once every two years.")
    _sub(folder / "contract_types.yaml", "years: 3", "years: 2")
    _sub(folder / "checklists.yaml", "現在も機能していますか。", "現在も有効に機能していますか。")
    _sub(folder / "checklists.yaml", "notes: [s3-1-note-system, s4-4-note-items]", "notes: [s3-1-note-system]")
    _sub(folder / "checklists.yaml", "    notes: [s4-4-note-items]\n", "")
    text = (folder / "standard.yaml").read_text(encoding="utf-8")
    start, end = text.index("          - id: s4-4-note-items"), text.index("  - id: s5\n")
    (folder / "standard.yaml").write_text(text[:start] + text[end:], encoding="utf-8")
    with open(folder / "glossary.yaml", "a", encoding="utf-8") as f:
        f.write("  - id: onsite-check\n    term: {ja: 実地確認, en: on-site check}\n"
                "    definition:\n      ja: 作業所に赴いて<b>確認</b>すること。\n"
                "      en: Checking in person at the <script>work site</script>.\n    strict: true\n")


class _Rows(HTMLParser):
    """Each table row of the report: its data-id and its cells' HTML (tags kept as text)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.rows: list[tuple[str | None, list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append((dict(attrs).get("data-id"), []))
        elif tag in ("td", "th"):
            self.cell = []
        elif self.cell is not None:
            self.cell.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1][1].append("".join(self.cell))
            self.cell = None
        elif self.cell is not None:
            self.cell.append(f"</{tag}>")

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_entityref(self, name):
        if self.cell is not None:
            self.cell.append(f"&{name};")


def rows(html: str) -> list[tuple[str | None, list[str]]]:
    parser = _Rows()
    parser.feed(html)
    return parser.rows


@pytest.fixture(scope="module")
def amended(tmp_path_factory):
    folder = tmp_path_factory.mktemp("amended")
    new = folder / "data"
    shutil.copytree(DATA, new)
    amend(new)
    report = folder / "report.html"
    result = run_generator("diff", str(DATA), str(new), "--out", str(report))
    return result, report


def test_the_summary_lists_every_changed_record_with_its_section(amended):
    result, _ = amended
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "standard: 1 changed, 1 removed" in out
    assert re.search(r"changed\s+s4-4-ct3-n1\s+4\(4\)③※", out)
    assert re.search(r"removed\s+s4-4-note-items\s+4\(4\)※", out)
    assert "checklists: 1 changed, 2 removed" in out
    assert re.search(r"changed\s+cl-post-1\s+遵守確認表（契約後） ①", out)
    assert "glossary: 1 added" in out and re.search(r"added\s+onsite-check", out)
    assert "毎年同じ業者と契約する場合の実地確認: 3年に1回 → 2年に1回" in out
    assert "on-site check for contracts made with the same contractor every year: every 3 years → every 2 years" in out
    assert "sample schedules: 1 of 8 sample contracts change" in out
    assert "clauses:" not in out and "ui:" not in out


def test_the_report_puts_new_left_old_right_with_changes_underlined(amended):
    _, report = amended
    html = report.read_text(encoding="utf-8")
    table = rows(html)
    headers = [cells for rid, cells in table if cells and cells[1] in ("改正後", "New")]
    assert headers and all(cells[1:] in (["改正後", "改正前"], ["New", "Old"]) for cells in headers)
    note = [cells for rid, cells in table if rid == "s4-4-ct3-n1"]
    assert len(note) == 2  # Japanese part, then English part
    ja, en = note
    assert ja[0].startswith("4(4)③※")
    assert ja[1] == "毎年、同じ業務内容を同じ委託業者へ契約している場合は、<u class=\"chg\">2</u>年に1回は作業所に赴き確認をすることとする。"
    assert ja[2] == "毎年、同じ業務内容を同じ委託業者へ契約している場合は、<u class=\"chg\">3</u>年に1回は作業所に赴き確認をすることとする。"
    assert en[1].endswith("at least once every <u class=\"chg\">two</u> years.")
    assert en[2].endswith("at least once every <u class=\"chg\">three</u> years.")
    removed = [cells for rid, cells in table if rid == "s4-4-note-items"][0]
    assert removed[1] == "<span class=\"status\">（削る）</span>" and removed[2].startswith("<u class=\"chg\">なお、遵守確認表の項目")
    question = [cells for rid, cells in table if rid == "cl-post-1"][0]
    assert "現在も<u class=\"chg\">有効に</u>機能していますか。" in question[1]
    added = [cells for rid, cells in table if rid == "onsite-check"]
    assert added[0][2] == "<span class=\"status\">（新設）</span>" and "<u class=\"chg\">実地確認</u>" == added[0][1]
    rule = [cells for rid, cells in table if rid == "one_year.audit-oy-written.onsite"][0]
    assert "<u class=\"chg\">2</u>年に1回は実地確認" in rule[1] and "<u class=\"chg\">3</u>年に1回は実地確認" in rule[2]


def test_the_report_shows_where_sample_checks_change(amended):
    _, report = amended
    table = rows(report.read_text(encoding="utf-8"))
    samples = [cells for rid, cells in table if cells and "2025-04-01 – 2026-03-31" in cells[0]]
    ja = samples[0]
    assert "最後の実地確認 2023-06-15" in ja[0]
    assert "<u class=\"chg\">2025-10-01 実地確認</u>" in ja[1]
    assert "<u class=\"chg\">2025-10-01 書面確認</u>" in ja[2]
    assert "2025-03-31 書面確認" in ja[1] and "<u class=\"chg\">2025-03-31" not in ja[1]


def test_the_report_is_self_contained_and_data_text_stays_text(amended):
    _, report = amended
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and "http" not in html.replace("http-equiv", "")
    assert "&lt;b&gt;確認&lt;/b&gt;" in html and "<b>確認" not in html
    assert "&lt;script&gt;work site&lt;/script&gt;" in html
    assert "@page { size: A4 landscape" in html
    assert html.index('lang="ja"', html.index("<body")) < html.index('lang="en"', html.index("<body"))


def test_identical_versions_say_no_changes(tmp_path):
    report = tmp_path / "same.html"
    result = run_generator("diff", str(DATA), "--out", str(report))
    assert result.returncode == 0, result.stderr
    assert "変更はありません / No changes" in result.stdout
    html = report.read_text(encoding="utf-8")
    assert "変更はありません" in html and "No changes" in html and "<u" not in html


def test_broken_data_is_located_and_exits_1(tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(DATA, broken)
    _sub(broken / "contract_types.yaml", "years: 3", "years: three")
    result = run_generator("diff", str(DATA), str(broken), "--out", str(tmp_path / "r.html"))
    assert result.returncode == 1
    assert re.search(r"contract_types\.yaml:\d+:\d+: \$\.contract_types\[2\]\.audit\.checks\[0\]\.onsite\.years: "
                     r"expected a whole number, found 'three'", result.stderr), result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "r.html").exists()


def test_a_git_revision_is_read_without_touching_the_working_tree():
    status = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    result = run_generator("diff", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("HEAD → data\n")
    assert subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout == status


@pytest.mark.parametrize("args", [["no-such-revision-or-folder"], ["HEAD", "no-such-folder"]])
def test_an_unknown_revision_or_folder_is_one_line(args):
    result = run_generator("diff", *args)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert result.stdout == ""


def test_the_report_prints_on_a4_landscape(amended, page, tmp_path):
    _, report = amended
    page.goto(report.resolve().as_uri())
    printed = print_pdf(page, tmp_path / "report.pdf", css_page_size=True)
    width, height = printed.page_size_pt
    assert (round(width), round(height)) == (842, 595)
    text = squeeze(printed.text)
    assert "新旧対照表" in text and "改正後改正前" in text
    assert squeeze("毎年、同じ業務内容を同じ委託業者へ契約している場合は、2年に1回") in text
    assert text.index("新旧対照表") < text.index("Comparisonofoldandnewtext")
    new_head = [ln for ln in printed.lines if ln.text == "改正後"][0]
    old_head = [ln for ln in printed.lines if ln.text == "改正前"][0]
    assert new_head.x < old_head.x and new_head.y == old_head.y
    new_text = [ln for ln in printed.lines if "2年に1回" in squeeze(ln.text)]
    old_text = [ln for ln in printed.lines if "3年に1回" in squeeze(ln.text)]
    assert new_text and old_text
    # the section column, then 改正後 (left half), then 改正前 (right half)
    assert all(width * 0.1 < ln.x < width * 0.5 for ln in new_text), new_text
    assert all(ln.x > width * 0.5 for ln in old_text), old_text


# ---------------------------------------------------------------- revision history on the site


def test_each_revision_links_to_the_records_it_changed(site, handbook):
    hb = handbook
    for prefix in ("", "en/"):
        html = (site / prefix / "revisions.html").read_text(encoding="utf-8")
        for rev in hb.document.revisions:
            assert f'id="{rev.id}"' in html
        links = re.findall(r'<li><a href="([^"#]+)#([^"]+)">', html)
        assert {anchor for _, anchor in links} == {i for r in hb.document.revisions for i in r.changes}
        for target, anchor in links:
            page = (site / prefix / target).read_text(encoding="utf-8")
            assert f'id="{anchor}"' in page, f"{prefix}{target}#{anchor}"
    home = (site / "index.html").read_text(encoding="utf-8")
    current = hb.document.revisions[-1]
    assert f"現行の基準：{current.decided}決裁、{current.effective}適用" in home


def _bodies(monkeypatch, epoch: str) -> dict:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    outputs = render_all(load(DATA))
    return {lang: {p.path: p.body[lang] for p in out.pages} for lang, out in outputs.items()}


def test_a_revision_not_yet_in_effect_is_announced_on_its_records(monkeypatch):
    before = _bodies(monkeypatch, "1678838400")  # 2023-03-15: decided, not yet in effect
    notice = "ここに掲載する内容は2023-04-01から適用されます（2023-03-01決裁）。"
    for i in range(1, 7):
        assert notice in before["ja"][f"standard/s{i}.md"]
    assert "The text shown here takes effect on 2023-04-01 (approved 2023-03-01)." in before["en"]["standard/s4.md"]
    assert notice in before["ja"]["revisions.md"]
    after = _bodies(monkeypatch, "1680307200")  # 2023-04-01: in effect
    assert not any("hb-pending" in body for body in after["ja"].values())


def test_a_bad_source_date_epoch_is_one_line(tmp_path):
    import os

    env = dict(os.environ, SOURCE_DATE_EPOCH="yesterday", PYTHONPATH=str(ROOT))
    result = subprocess.run([str(Path(os.sys.executable)), "-m", "generator", "build", "--site", str(tmp_path / "s")],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 1 and "SOURCE_DATE_EPOCH: expected whole seconds" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_revision_history_page_passes_axe(page, http_url, prefix):
    from support import axe_violations

    page.goto(f"{http_url}{prefix}revisions.html")
    assert axe_violations(page) == []
