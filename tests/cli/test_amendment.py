"""An amendment decided before it takes effect (tests/amendment.py derives one from data/).

The site is built once with the amendment and the earlier rules kept (as `keep-version`
writes them), and the data is checked once without them. In Chromium, over http and from
the folder, the pages are read as on the day before the effective date and on that date
(`?today=`): the build's own date (SOURCE_DATE_EPOCH, before both) must not decide which
version is current. The calculator and the plan apply to contracts on both sides of the
effective date their own rules, and every result names the version applied.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import amendment
from amendment import BEFORE, DECIDED, EFFECTIVE, REVISION
from conftest import DATA, ROOT, served, run_generator

DAY_BEFORE = "2027-03-31"
SIDES = [(DAY_BEFORE, BEFORE), (EFFECTIVE, REVISION)]  # the day the page is read, the version current then


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    return amendment.derive(tmp_path_factory.mktemp("amended") / "data")


@pytest.fixture(scope="module")
def amended_site(amended, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("amended-site") / "site"
    result = run_generator("build", "--data", str(amended), "--site", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def amended_http(amended_site):
    with served(amended_site) as url:
        yield url


@pytest.fixture(params=["http", "file"])
def amended_url(request, amended_http, amended_site) -> str:
    return amended_http if request.param == "http" else amended_site.resolve().as_uri() + "/"


def shown(page, selector: str) -> list[str]:
    """The text of every element matching `selector` that is not hidden."""
    return page.eval_on_selector_all(selector, "els => els.filter(e => !e.closest('[hidden]')).map(e => e.textContent.trim())")


# ---------------------------------------------------------------- the data


def test_check_accepts_the_kept_version_and_warns_where_it_is_missing(amended, tmp_path):
    kept = run_generator("check", "--data", str(amended))
    assert kept.returncode == 0, kept.stderr
    assert "warning" not in kept.stderr
    bare = amendment.derive(tmp_path / "data", keep=False)
    result = run_generator("check", "--data", str(bare))
    assert result.returncode == 0, result.stderr
    warning = f"warning: {bare.as_posix()}/versions/{BEFORE}/contract_types.yaml: expected the check rules"
    assert warning in result.stderr
    assert "to every contract" in result.stderr and "keep-version" in result.stderr
    # in Japanese too, as every message of the generator
    ja = run_generator("check", "--data", str(bare), "--lang", "ja")
    assert ja.returncode == 0, ja.stderr
    assert f"警告：{bare.as_posix()}/versions/{BEFORE}/contract_types.yaml: 期待：" in ja.stderr
    assert "全ての契約に適用します" in ja.stderr and "keep-version" in ja.stderr


def test_keep_version_copies_the_rules_byte_for_byte_and_replaces_nothing(amended, tmp_path):
    kept = amended / "versions" / BEFORE / "contract_types.yaml"
    assert kept.read_bytes() == (DATA / "contract_types.yaml").read_bytes()
    again = run_generator("keep-version", str(DATA), "--data", str(amended))
    assert again.returncode == 0 and "already kept" in again.stdout
    other = amendment.derive(tmp_path / "data", keep=False)
    target = other / "versions" / BEFORE / "contract_types.yaml"
    target.parent.mkdir(parents=True)
    mine = "# kept by hand\n" + (DATA / "contract_types.yaml").read_text(encoding="utf-8")
    target.write_text(mine, encoding="utf-8")
    refused = run_generator("keep-version", str(DATA), "--data", str(other))
    assert refused.returncode == 1 and "already exists with other content" in refused.stderr
    refused_ja = run_generator("keep-version", str(DATA), "--data", str(other), "--lang", "ja")
    assert refused_ja.returncode == 1 and "既に別の内容で存在する" in refused_ja.stderr
    assert target.read_text(encoding="utf-8") == mine
    # The data after the amendment is no version before it.
    wrong = run_generator("keep-version", str(amended), "--data", str(other))
    assert wrong.returncode == 1 and f"found {REVISION}" in wrong.stderr


def test_a_kept_version_is_validated_like_the_data_and_a_stray_folder_is_refused(amended, tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(amended, broken)
    kept = broken / "versions" / BEFORE / "contract_types.yaml"
    text = kept.read_text(encoding="utf-8")
    kept.write_text(text.replace("checklist: post-contract", "checklist: no-such-checklist", 1)
                    .replace("repeat: every_contract_year", "repeat: sometimes", 1), encoding="utf-8")
    (broken / "versions" / REVISION).mkdir()
    (broken / "versions" / "rev-unknown").mkdir()
    result = run_generator("check", "--data", str(broken))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    shown_as = broken.as_posix()
    assert any(line.startswith(f"{shown_as}/versions/{BEFORE}/contract_types.yaml:") and "no-such-checklist" in line
               for line in lines), result.stderr
    assert any(line.startswith(f"{shown_as}/versions/{BEFORE}/contract_types.yaml:") and "sometimes" in line
               for line in lines), result.stderr
    assert any(f"versions/{REVISION}:1:1" in line and "contract_types.yaml itself" in line for line in lines), result.stderr
    assert any("versions/rev-unknown:1:1" in line and "no revision" in line for line in lines), result.stderr
    assert "Traceback" not in result.stderr


def test_rules_json_carries_every_version_with_its_dates(amended_site):
    rules = json.loads((amended_site / "assets/handbook/rules.json").read_text(encoding="utf-8"))
    versions = rules["schedule"]["versions"]
    assert [(v["revision"], v["decided"], v["effective"]) for v in versions] == [
        (BEFORE, "2023-03-01", "2023-04-01"), (REVISION, DECIDED, EFFECTIVE)]
    years = lambda types: next(c["onsite"]["years"] for c in types["one_year"]["checks"] if c["onsite"])  # noqa: E731
    assert years(versions[0]["types"]) == amendment.OLD_YEARS
    assert years(rules["schedule"]["types"]) == amendment.NEW_YEARS
    assert "types" not in versions[1]


def test_the_calculator_under_node_applies_each_contract_its_version(amended_site):
    script = """
    const s = require(process.argv[1]);
    const rules = require(process.argv[2]);
    const run = (start, end) => s.computeSchedule(rules, {type: "one_year", start, end, renewedYearly: true, lastOnsiteVisit: "2025-06-15"});
    const out = [run("2027-03-31", "2028-03-30"), run("2027-04-01", "2028-03-31")].map(r => ({
      revision: r.version.revision, reason: r.version.reason,
      methods: r.events.filter(e => e.phase === "during_contract").map(e => e.method),
      note: r.notes.filter(n => n.code.startsWith("version_")).map(n => n.message.en)}));
    process.stdout.write(JSON.stringify(out));
    """
    run = subprocess.run(["node", "-e", script, str(amended_site / "assets/handbook/schedule.js"),
                          str(amended_site / "assets/handbook/rules.json")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    before, after = json.loads(run.stdout)
    assert (before["revision"], before["reason"], before["methods"]) == (BEFORE, "earlier", ["written"])
    assert (after["revision"], after["reason"], after["methods"]) == (REVISION, "latest", ["onsite"])
    assert "1 March 2023" in before["note"][0] and "1 April 2027" in before["note"][0]
    assert "1 December 2026" in after["note"][0]


# ---------------------------------------------------------------- the pages, on both sides


@pytest.mark.http_only
@pytest.mark.parametrize("today, current", SIDES)
def test_home_and_revisions_show_the_version_current_on_the_day_read(page, amended_url, today, current):
    decided = {BEFORE: "2023-03-01", REVISION: DECIDED}[current]
    page.goto(f"{amended_url}index.html?today={today}")
    lines = shown(page, ".hb-doc-title .hb-in-force")
    assert len(lines) == 1 and f"{decided}決裁" in lines[0], lines
    pending = shown(page, ".hb-doc-title .hb-pending")
    if today < EFFECTIVE:
        assert len(pending) == 1 and DECIDED in pending[0] and EFFECTIVE in pending[0], pending
    else:
        assert pending == []
    page.goto(f"{amended_url}en/revisions.html?today={today}")
    current_ids = page.eval_on_selector_all(
        "h2[id]", "hs => hs.filter(h => { let p = h.nextElementSibling; return p && p.matches('.hb-in-force') && !p.hidden; }).map(h => h.id)")
    assert current_ids == [current]
    assert len(shown(page, ".hb-pending")) == (1 if today < EFFECTIVE else 0)


@pytest.mark.http_only
@pytest.mark.parametrize("today, current", SIDES)
def test_the_rules_page_says_which_version_is_current_and_keeps_the_earlier_rules(page, amended_url, today, current):
    page.goto(f"{amended_url}tools/audit-rules.html?today={today}")
    decided = {BEFORE: "2023-03-01", REVISION: DECIDED}[current]
    lines = shown(page, ".hb-in-force")
    assert any(f"{decided}決裁" in line for line in lines), lines
    assert not any(f"{d}決裁" in line for line in lines for d in ("2023-03-01", DECIDED) if d != decided)
    earlier = page.text_content(f"#rules-{BEFORE}")
    assert f"{amendment.OLD_YEARS}年に1回" in earlier
    assert f"{amendment.NEW_YEARS}年に1回" in page.text_content("#rules-one_year")
    versions_note = shown(page, ".hb-versions")
    assert len(versions_note) == 1 and EFFECTIVE in versions_note[0]
    assert page.locator("#reading-versions").count() == 1


@pytest.mark.http_only
@pytest.mark.parametrize("today, current", SIDES)
def test_the_calculator_names_the_version_applied_on_both_sides(page, amended_url, today, current):
    for start, end, version, method in [("2027-03-31", "2028-03-30", BEFORE, "written"),
                                        ("2027-04-01", "2028-03-31", REVISION, "onsite")]:
        page.goto(f"{amended_url}en/tools/schedule.html?today={today}&type=one_year&start={start}&end={end}"
                  f"&renewedYearly=yes&lastOnsiteVisit=2025-06-15")
        page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
        page.wait_for_selector("tr.hb-event", state="attached")
        assert page.eval_on_selector_all("tr.hb-event--during_contract", "trs => trs.map(t => t.dataset.method)") == [method]
        note = page.text_content("li[data-code^='version_']")
        decided = {BEFORE: "1 March 2023", REVISION: "1 December 2026"}[version]
        assert f"approved on {decided}" in note, note
        assert f"today={today}" in page.url  # the day the page is read as stays in the address
        lines = shown(page, ".hb-in-force")
        assert len(lines) == 1 and {BEFORE: "2023-03-01", REVISION: DECIDED}[current] in lines[0]


@pytest.mark.http_only
@pytest.mark.parametrize("today", [DAY_BEFORE, EFFECTIVE])
def test_the_plan_names_the_version_of_each_row(page, amended_url, today):
    page.goto(f"{amended_url}tools/plan.html?fy=2027&today={today}")
    page.wait_for_selector("#hb-plan-form[data-ready='true']", state="attached")
    register = "\n".join([
        "契約名\t契約の種類\t開始日\t終了日\t毎年同じ委託業者\t最後の実地確認日",
        "改正前\tone_year\t2027-03-31\t2028-03-30\tはい\t2025-06-15",
        "改正後\tone_year\t2027-04-01\t2028-03-31\tはい\t2025-06-15",
    ])
    page.fill("#register", register)
    page.click("#hb-plan-form button[type=submit]")
    page.wait_for_selector("#hb-plan-table-wrap:not([hidden])", state="attached")
    rows = page.eval_on_selector_all(
        "tr.hb-plan-row", """trs => trs.map(tr => [tr.querySelector('.hb-plan-contract').textContent,
            tr.querySelector('.hb-plan-method').textContent,
            (tr.querySelector('.hb-plan-version') || {dataset: {}}).dataset.revision || ''])""")
    assert {name for name, _m, _r in rows} == {"改正前", "改正後"}, rows
    assert all(rev == BEFORE for name, _m, rev in rows if name == "改正前"), rows
    assert all(rev == REVISION for name, _m, rev in rows if name == "改正後"), rows
    assert any(name == "改正後" and method == "実地確認" for name, method, _r in rows), rows
    assert not any(name == "改正前" and method == "実地確認" for name, method, _r in rows), rows


# ---------------------------------------------------------------- diff and revisions agree on ids


def test_every_record_id_diff_can_report_is_accepted_in_revisions(data_copy):
    """Every change diff can report, of every kind, names a record that revisions[].changes accepts."""
    sys.path.insert(0, str(ROOT))
    from generator.commands import diffrecords
    from generator.commands.load import load

    entries = diffrecords.entries(load(DATA))
    records = sorted({e.record for kind in diffrecords.KINDS for e in entries[kind] if e.record is not None})
    assert {e.kind for kind in diffrecords.KINDS for e in entries[kind] if e.record is not None} == set(diffrecords.KINDS) - {"ui"}
    assert any(e.record != e.id for e in entries["standard"])  # table cells are recorded by their column
    with open(data_copy / "document.yaml", "a", encoding="utf-8") as f:
        f.write(f'  - id: rev-everything\n    decided: "2026-12-01"\n    effective: "2027-04-01"\n'
                f'    summary: {{ja: 全て, en: Everything}}\n    changes: [{", ".join(records)}]\n')
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 0, result.stderr[:3000]


def test_the_ids_diff_prints_for_an_amendment_are_recorded_as_they_stand(amended, tmp_path):
    result = run_generator("diff", str(DATA), str(amended))
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("revisions[].changes: "))
    ids = line.split(": ", 1)[1]
    assert "s4-4-ct3-n1" in ids and "audit-oy-onsite" in ids and "." not in ids, ids
    copy = tmp_path / "data"
    shutil.copytree(amended, copy)
    document = copy / "document.yaml"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("changes: [s4-4-ct3-n1, audit-oy-onsite]", f"changes: {ids}"), encoding="utf-8")
    assert f"changes: {ids}" in document.read_text(encoding="utf-8")
    check = run_generator("check", "--data", str(copy))
    assert check.returncode == 0, check.stderr


# ---------------------------------------------------------------- the 新旧対照表 of the amendment


@pytest.fixture(scope="module")
def report(amended, tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = run_generator("diff", str(DATA), str(amended), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return result.stdout, out


def test_the_report_names_the_versions_by_their_decision_dates(report, amended):
    _, out = report
    html = out.read_text(encoding="utf-8")
    assert "改正前：2023-03-01決裁の基準　改正後：2026-12-01決裁の基準" in html
    assert "Before: the version approved on 2023-03-01  After: the version approved on 2026-12-01" in html
    # the folders compared only in small print
    assert f'<p class="sources">（比較したデータ　改正前：{DATA}　改正後：{amended}）</p>' in html
    assert '<p class="versions">' in html and "HEAD" not in html


def test_a_git_revision_equal_to_the_data_says_how_to_compare_with_the_commit_before(amended, tmp_path):
    """The amendment already committed: `diff HEAD` finds nothing and says what to run instead."""
    repo = tmp_path / "repo"
    shutil.copytree(amended, repo / "data")
    git = lambda *args: subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=True)  # noqa: E731
    git("init", "-q")
    git("add", "data")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "amendment")
    result = run_generator("diff", "HEAD", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert "変更はありません / No changes" in result.stdout
    assert "python -m generator diff HEAD~1" in result.stdout
    assert "compare with the commit before it" in result.stdout
    ja = run_generator("diff", "HEAD", "--lang", "ja", cwd=repo)
    assert ja.returncode == 0, ja.stderr
    assert "その前のコミットと比べてください：python -m generator diff HEAD~1" in ja.stdout
    folders = run_generator("diff", str(DATA), str(DATA))
    assert "No changes" in folders.stdout and "~1" not in folders.stdout  # two folders: nothing to hint


@pytest.mark.parametrize("which", ["first", "samples"])
def test_a_heading_is_printed_on_the_page_of_its_table(report, page, tmp_path, which):
    """The heading is moved (by a spacer before it) to the foot of page 1, where it alone
    would still fit: the print-out must carry it over to the page its table starts on."""
    from printout import print_pdf

    _, out = report
    page.set_viewport_size({"width": 1032, "height": 700})  # A4 landscape less the margins, in CSS px
    page.emulate_media(media="print")
    page.goto(out.resolve().as_uri())
    titles = page.eval_on_selector_all("#part-ja h2", "hs => hs.map(h => h.textContent)")
    target = titles[0] if which == "first" else "見本の契約の確認時期"
    assert target in titles, titles
    page.evaluate("""(title) => {
        const h = [...document.querySelectorAll('#part-ja h2')].find(h => h.textContent === title);
        const spacer = document.createElement('div');
        const first = document.querySelector('#part-ja');
        first.parentNode.insertBefore(spacer, first);
        const pageHeight = (595.28 - (12 + 14) * 72 / 25.4) * 96 / 72;
        const top = h.getBoundingClientRect().top + window.scrollY;
        spacer.style.height = Math.max(0, pageHeight - h.offsetHeight - 8 - top) + 'px';
    }""", target)
    printed = print_pdf(page, tmp_path / "report.pdf", css_page_size=True)
    heading_page = next(ln.page for ln in printed.lines if ln.text.replace(" ", "") == target.replace(" ", ""))
    after = [ln for ln in printed.lines if (ln.page, ln.y) > (heading_page, max(
        l.y for l in printed.lines if l.page == heading_page and l.text.replace(" ", "") == target.replace(" ", "")))]
    assert after and after[0].page == heading_page, (heading_page, after[:3])


@pytest.mark.parametrize("path", ["index.html", "revisions.html", "tools/audit-rules.html", "tools/schedule.html",
                                  "tools/plan.html", "en/index.html"])
def test_pages_with_a_pending_amendment_pass_axe(page, amended_http, path):
    from conftest import axe_violations

    page.goto(f"{amended_http}{path}?today={DAY_BEFORE}")
    assert axe_violations(page) == []


def test_without_the_earlier_rules_every_tool_page_says_the_amended_rules_apply_to_every_contract(tmp_path):
    sys.path.insert(0, str(ROOT))
    from generator.commands.load import load
    from generator.site.registry import render_all

    bodies = {p.path: p.body for p in render_all(load(amendment.derive(tmp_path / "data", keep=False)))["ja"].pages}
    for path in ("tools/schedule.md", "tools/plan.md", "tools/audit-rules.md"):
        assert "改正前（2026-12-01決裁の改正より前）の基準がデータにないため、全ての契約に改正後の基準を適用しています。" in bodies[path]["ja"], path
        assert "the amended rules are applied to every contract" in bodies[path]["en"], path
        assert "hb-versions--not-kept" in bodies[path]["ja"]
    kept = {p.path: p.body for p in render_all(load(amendment.derive(tmp_path / "kept")))["ja"].pages}
    assert "hb-versions--not-kept" not in kept["tools/schedule.md"]["ja"]
    assert "2027-04-01以降に始まる契約には2026-12-01決裁の改正後の基準を" in kept["tools/schedule.md"]["ja"]
