"""The tool pages printed: real PDFs from headless Chromium, read back with poppler.

Staff file the printed result with the contract. A five-year schedule (long-term
continuing contract or designated management) fits on one A4 portrait page with the
conditions it was worked out from, every check date (era and ISO) and its clause; a
30-year designation runs over pages with the table header on each and no row split. The
clause and the hand-over list share the first page, the model outline has its own. The
audit rules fit in five pages (with the readings), no contract type split. Nothing is cut at the page's
edge, nothing of the site or the form is printed, and a footer line names the handbook,
the standard's decision and the day printed. Both languages.

What the page shows (dates, citations, labels) is read from the page itself, so the test
follows the data and the page scripts rather than copies of them.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from printout import print_pdf, squeeze


LANGS = ("ja", "en")
MM = 72 / 25.4  # points per millimetre
SIDE_MARGIN_MM = 12  # print.css @page margin left and right

SCHEDULES = {
    "long_term_5y": "type=long_term_continuing&start=2025-04-01&end=2030-03-31",
    "designated_5y": "type=designated_manager&start=2025-04-01&end=2030-03-31",
    "designated_30y": "type=designated_manager&start=2025-04-01&end=2055-03-31",
    "one_year_renewed": "type=one_year&start=2025-04-01&end=2026-03-31&renewedYearly=true&lastOnsiteVisit=2022-06-15",
}
CLAUSE = "documentType=agreement&article=12&numerals=kanji&partyA=%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BEExample"
PARTY_A = "株式会社Example"


@pytest.fixture(scope="module")
def hb(handbook):
    return handbook


def url(base: str, lang: str, path: str) -> str:
    return f"{base}{'en/' if lang == 'en' else ''}{path}"


def _schedule_shown(page) -> dict:
    """What the calculator shows on screen: each row's cells, the conditions, the today."""
    return page.evaluate("""() => ({
        rows: [...document.querySelectorAll('#hb-schedule-rows tr')].map(tr => ({
            era: tr.querySelector('.hb-event__date time').textContent,
            iso: tr.querySelector('.hb-event__iso').textContent,
            label: tr.querySelector('.hb-event__label').textContent,
            source: tr.querySelector('.hb-event__source').textContent,
        })),
        conditions: [...document.querySelectorAll('#hb-print-summary dt, #hb-print-summary dd')]
            .filter(n => !n.hidden).map(n => n.textContent),
        header: [...document.querySelectorAll('#hb-schedule-table thead th')].map(n => n.textContent),
        era: (() => {
            const rules = JSON.parse(document.getElementById('handbook-rules').textContent);
            const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';
            const field = id => document.getElementById(id).value;
            return Object.fromEntries(['start', 'end', 'lastOnsiteVisit'].filter(field)
                .map(id => [field(id), HandbookSchedule.formatDate(field(id), lang, rules)]));
        })(),
    })""")


def _clause_shown(page) -> dict:
    return page.evaluate("""() => ({
        clauses: [...document.querySelectorAll('#clause-result-panel .hb-output__text')].map(n => n.textContent),
        source: [...document.querySelectorAll('.hb-clause-source a')].filter(a => !a.hidden).map(a => a.textContent),
        handover: [...document.querySelectorAll('#clause-handover-panel [data-action]')]
            .filter(li => !li.hidden).flatMap(li => [...li.childNodes].map(n => n.textContent.trim()).filter(t => t)),
        outlines: [...document.querySelectorAll('#clause-outline-panel .hb-output__text')].map(n => n.textContent),
        conditions: [...document.querySelectorAll('#clause-conditions dt, #clause-conditions dd')]
            .filter(n => !n.hidden).map(n => n.textContent),
        today: (() => { const d = new Date(); return d.getFullYear() + '-' +
            String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })(),
    })""")


@pytest.fixture(scope="module")
def prints(browser, http_url, tmp_path_factory):
    """Every case printed once per language, with what the page showed on screen."""
    folder = tmp_path_factory.mktemp("tool-prints")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: None if r.url.startswith(http_url) else outside.append(r.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    out = {}
    for lang in LANGS:
        for name, query in SCHEDULES.items():
            page.goto(url(http_url, lang, f"tools/schedule.html?{query}"))
            page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
            shown = _schedule_shown(page)
            out[lang, name] = (print_pdf(page, folder / f"{lang}-{name}.pdf"), shown)
        page.goto(url(http_url, lang, f"tools/clause.html?{CLAUSE}"))
        out[lang, "clause"] = (print_pdf(page, folder / f"{lang}-clause.pdf"), _clause_shown(page))
        page.goto(url(http_url, lang, "tools/audit-rules.html"))
        out[lang, "rules"] = (print_pdf(page, folder / f"{lang}-rules.pdf"), None)
    assert outside == [] and errors == []
    context.close()
    return out


# Closing brackets and stops whose blank half Chromium trims at the end of a line
# (text-spacing-trim); poppler still counts the glyph's full width.
TRIMMED_AT_LINE_END = "）」』】〕〉》。、"


def clipped(pdf) -> list[str]:
    """Words that reach past the printable area at either side or the foot of the page."""
    width, height = pdf.page_size_pt
    left, right = SIDE_MARGIN_MM * MM - 1, width - SIDE_MARGIN_MM * MM + 1
    out = []
    for w in pdf.words:
        trimmed = (w.x1 - w.x0) / len(w.text) / 2 if w.text[-1] in TRIMMED_AT_LINE_END else 0
        if w.x0 < left or w.x1 - trimmed > right or w.y1 > height:
            out.append(f"p{w.page} {w.x0:.0f}-{w.x1:.0f}: {w.text}")
    return out


def not_shrunk(pdf, title: str) -> bool:
    """Chromium shrinks a page whose content is too wide for the paper: then the 13pt title
    (print.css) comes out smaller."""
    first = squeeze(title).split()[0][:4]
    words = [w for w in pdf.words if w.page == 1 and w.text.startswith(first[:2])]
    return bool(words) and words[0].y1 - words[0].y0 >= 13


def on_page(pdf, number: int) -> str:
    return squeeze(pdf.page_text(number))


# poppler's boxes of Japanese glyphs reach higher than those of Latin digits on the same
# baseline: a row's first line can sit this far above its ISO date.
ROW_TOP = 10


def visual_lines(pdf) -> list[tuple[int, float, str]]:
    """(page, y, text) of each line as the eye reads it, words in order: poppler's boxes of
    Japanese glyphs are taller than those of the Latin digits among them, so words are put
    on one line by the middles of their boxes, a few points apart at most."""
    out = []
    mid = lambda w: (w.y0 + w.y1) / 2  # noqa: E731
    for word in sorted(pdf.words, key=lambda w: (w.page, mid(w), w.x0)):
        if out and out[-1][0] == word.page and mid(word) - out[-1][1] <= 5:
            out[-1][2].append(word)
        else:
            out.append((word.page, mid(word), [word]))
    return [(page, y, squeeze("".join(w.text for w in sorted(words, key=lambda w: w.x0))))
            for page, y, words in out]


def iso_column(pdf, isos: list[str]) -> float:
    """The x where the ISO date cells of the table start (the timeline labels scatter)."""
    return max({round(l.x) for l in pdf.lines if l.text in isos},
               key=lambda x: sum(1 for l in pdf.lines if l.text in isos and round(l.x) == x))


def rows_by_iso_date(pdf, isos: list[str]) -> dict[str, str]:
    """The text of each schedule row, read from the page of its ISO date cell down to the
    next row (or the page's end): a row split over two pages loses its end here."""
    column = iso_column(pdf, isos)
    starts = [l for l in pdf.lines if l.text in isos and abs(l.x - column) < 2]
    out = {}
    for i, start in enumerate(starts):
        following = [s for s in starts[i + 1:] if s.page == start.page]
        bottom = following[0].y - ROW_TOP if following else float("inf")
        out[start.text] = "".join(l.text for l in pdf.lines
                                  if l.page == start.page and start.y - ROW_TOP <= l.y < bottom)
    return out


def holds(band: str, text: str) -> bool:
    """Every character of `text` is in `band` (as often): wrapped cells interleave with
    their neighbours on paper, so the order cannot be compared, the content can."""
    have = Counter(squeeze(band))
    return all(have[c] >= n for c, n in Counter(squeeze(text)).items())


ALL_CASES = [(lang, name) for lang in LANGS for name in (*SCHEDULES, "clause", "rules")]


@pytest.mark.parametrize("lang,name", ALL_CASES)
def test_every_print_is_a4_portrait_with_page_numbers_and_nothing_cut_at_the_edge(prints, hb, lang, name):
    pdf = prints[lang, name][0]
    width, height = pdf.page_size_pt
    assert (round(width / MM), round(height / MM)) == (210, 297)
    assert clipped(pdf) == []
    title = {"clause": "clause.title", "rules": "schedule.rules_title"}.get(name, "schedule.title")
    assert not_shrunk(pdf, hb.t(title, lang))
    for number in range(1, pdf.pages + 1):
        assert re.search(r"\b%d\s*/\s*%d\b" % (number, pdf.pages), pdf.page_text(number)), number


def test_the_edge_checks_catch_a_line_cut_off_and_a_page_shrunk_to_fit(page, http_url, tmp_path, hb):
    page.goto(url(http_url, "en", f"tools/schedule.html?{SCHEDULES['long_term_5y']}"))
    title = hb.t("schedule.title", "en")
    assert not_shrunk(print_pdf(page, tmp_path / "fine.pdf"), title)
    page.add_style_tag(content="@media print { .hb-print-footer { white-space: nowrap; } }")
    assert not not_shrunk(print_pdf(page, tmp_path / "shrunk.pdf"), title)
    page.add_style_tag(content="@media print { .hb-print-footer { overflow: hidden; } }")
    assert clipped(print_pdf(page, tmp_path / "cut.pdf")) != []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["long_term_5y", "designated_5y", "one_year_renewed"])
def test_a_schedule_of_up_to_five_years_fits_on_one_page_with_every_check(prints, hb, lang, name):
    pdf, shown = prints[lang, name]
    assert pdf.pages == 1
    text = squeeze(pdf.text)
    assert squeeze(hb.t("schedule.title", lang)) in text
    assert not_shrunk(pdf, hb.t("schedule.title", lang))
    assert len(shown["rows"]) >= 2
    bands = rows_by_iso_date(pdf, [row["iso"] for row in shown["rows"]])
    for row in shown["rows"]:
        for cell in ("era", "iso"):
            assert squeeze(row[cell]) in text, (cell, row)
        assert holds(bands[row["iso"]], row["label"] + row["era"] + row["source"]), row


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(SCHEDULES))
def test_the_conditions_are_printed_with_the_term_in_era_and_iso_dates(prints, hb, lang, name):
    pdf, shown = prints[lang, name]
    # in drawing order: the conditions stand two to a line, which a layout reading interleaves
    text = squeeze("".join(pdf.raw_text(n) for n in range(1, pdf.pages + 1)))
    query = dict(part.split("=") for part in SCHEDULES[name].split("&"))
    conditions = shown["conditions"]
    assert squeeze(hb.t("print.conditions", lang)) in text
    for label_or_value in conditions:
        assert squeeze(label_or_value) in text, label_or_value
    (ct,) = [ct for ct in hb.contract_types if ct.id == query["type"]]
    assert conditions[conditions.index(hb.t("schedule.field.type", lang)) + 1] == ct.name[lang]
    term = conditions[conditions.index(hb.t("schedule.conditions.term", lang)) + 1]
    for date in (query["start"], query["end"]):
        assert date in term and shown["era"][date] in term and shown["era"][date] != date
    renewed = conditions[conditions.index(hb.t("schedule.conditions.renewed", lang)) + 1]
    assert renewed == hb.t("schedule.summary.yes" if "renewedYearly" in query else "schedule.summary.no", lang)
    visit = conditions[conditions.index(hb.t("schedule.conditions.visit", lang)) + 1]
    if "lastOnsiteVisit" in query:
        date = query["lastOnsiteVisit"]
        assert date in visit and shown["era"][date] in visit
    else:
        assert visit == hb.t("schedule.summary.none", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_thirty_year_designation_repeats_the_header_and_splits_no_row(prints, lang):
    pdf, shown = prints[lang, "designated_30y"]
    assert pdf.pages > 1
    isos = [row["iso"] for row in shown["rows"]]
    assert len(isos) == 31
    bands = rows_by_iso_date(pdf, isos)
    assert list(bands) == isos
    text = squeeze(pdf.text)
    for row in shown["rows"]:
        assert squeeze(row["era"]) in text, row
        assert holds(bands[row["iso"]], row["label"] + row["era"] + row["source"]), row
    heading = squeeze(shown["header"][2])
    pages_with_rows = {line.page for line in pdf.lines if line.text in isos}
    assert pages_with_rows >= set(range(1, pdf.pages))  # the last may hold the timeline only
    for number in pages_with_rows:
        assert any(squeeze(line.text) == heading for line in pdf.lines if line.page == number), number


@pytest.mark.parametrize("lang", LANGS)
def test_the_timeline_is_printed_at_the_pages_width(prints, lang):
    pdf, shown = prints[lang, "designated_5y"]
    width, _ = pdf.page_size_pt
    isos = [row["iso"] for row in shown["rows"]]
    # The timeline labels each check with its ISO date under the bar, off the table's column.
    column = iso_column(pdf, isos)
    labels = [w for w in pdf.words if w.text in isos and abs(w.x0 - column) >= 2]
    assert {w.text for w in labels} == set(isos)
    spread = max(w.x1 for w in labels) - min(w.x0 for w in labels)
    assert spread > 0.7 * (width - 2 * SIDE_MARGIN_MM * MM)


@pytest.mark.parametrize("lang", LANGS)
def test_the_clause_and_hand_over_list_share_the_first_page_and_the_outline_has_its_own(prints, hb, lang):
    pdf, shown = prints[lang, "clause"]
    first = on_page(pdf, 1)
    assert squeeze(hb.t("clause.title", lang)) in first
    assert shown["clauses"] and shown["handover"] and shown["outlines"] and shown["source"]
    for text in shown["clauses"] + shown["source"] + shown["handover"]:
        assert squeeze(text) in first, text
    assert squeeze(hb.t("clause.outline", lang)) not in first
    rest = "".join(on_page(pdf, n) for n in range(2, pdf.pages + 1))
    assert rest.startswith(squeeze(hb.t("clause.outline", lang)))
    for text in shown["outlines"]:
        assert holds(rest, text)
    # Japanese: the clause page and one page of outline; English adds the translation.
    assert pdf.pages <= (2 if lang == "ja" else 3)


@pytest.mark.parametrize("lang", LANGS)
def test_the_clause_conditions_are_printed(prints, hb, lang):
    pdf, shown = prints[lang, "clause"]
    first = on_page(pdf, 1)
    conditions = shown["conditions"]
    assert PARTY_A in conditions and "12" in conditions
    assert hb.t("clause.party_b", lang) not in conditions  # not given: not printed
    assert squeeze(hb.t("print.conditions", lang)) in first
    for text in conditions:
        assert squeeze(text) in first, text


@pytest.mark.parametrize("lang", LANGS)
def test_the_audit_rules_fit_in_five_pages_with_no_contract_type_split(prints, hb, lang):
    # Five: a page for each contract type, then the handbook's readings of the standard,
    # each with the other reading (the rules alone took three pages before the readings).
    pdf = prints[lang, "rules"][0]
    assert pdf.pages <= 5
    headings = [squeeze(ct.name[lang]) for ct in hb.contract_types] + [
        squeeze(hb.t("schedule.rules.readings_heading", lang))]
    lines = visual_lines(pdf)
    starts = []
    for heading in headings:
        found = [line for line in lines if line[2] == heading]
        assert found, heading
        starts.append(found[0])
    for ct, start, end in zip(hb.contract_types, starts, starts[1:]):
        inside = [line for line in lines if start[:2] <= line[:2] < end[:2]]
        assert {page for page, _, _ in inside} == {start[0]}, ct.id
        assert holds("".join(text for _, _, text in inside), ct.summary[lang]), ct.id


@pytest.mark.parametrize("lang,name", ALL_CASES)
def test_the_footer_line_names_the_handbook_the_decision_and_the_day_printed(prints, hb, lang, name):
    pdf = prints[lang, name][0]
    last = on_page(pdf, pdf.pages)
    assert squeeze(hb.document.site_name[lang]) in last
    assert squeeze(hb.document.decision[lang]) in last
    assert squeeze(hb.t("print.footer.printed", lang)) in last
    if name == "clause":
        assert prints[lang, name][1]["today"] in last


@pytest.mark.parametrize("lang,name", ALL_CASES)
def test_nothing_of_the_site_or_the_form_is_printed(prints, hb, lang, name):
    pdf = prints[lang, name][0]
    printed = squeeze(pdf.text)
    other = "en" if lang == "ja" else "ja"
    keys = ["search.dialog_label", "nav.home", "nav.glossary", "nav.about"]
    for key in ("print.button", "schedule.print"):  # "Print", as in the footer's "Printed on"
        assert squeeze(hb.t(key, lang)) not in {text for _, _, text in visual_lines(pdf)}, key
    keys += {
        "clause": ["clause.lead", "clause.link_hint", "clause.parties_hint", "clause.copy.ja",
                   "clause.information_system"],
        "rules": ["schedule.rules.lead", "schedule.rules.try"],
    }.get(name, ["schedule.lead", "schedule.field.date_hint", "schedule.field.renewed_hint",
                 "schedule.submit", "schedule.ics.download", "schedule.before_lead"])
    for key in keys:
        assert squeeze(hb.t(key, lang)) not in printed, key
    assert squeeze(hb.t("language.name", other)) not in printed


def test_the_browsers_own_print_command_gets_the_same_sheet_as_the_button(page, http_url, tmp_path, hb):
    """No button is pressed: the conditions follow the form as it is edited."""
    page.goto(url(http_url, "en", f"tools/clause.html?{CLAUSE}"))
    page.fill("#clause-article", "7")
    page.check("#clause-numerals-arabic")
    pdf = print_pdf(page, tmp_path / "edited.pdf")
    first = on_page(pdf, 1)
    assert "Article7" in first and squeeze(hb.t("clause.numerals.arabic", "en")) in first

    page.goto(url(http_url, "ja", f"tools/schedule.html?{SCHEDULES['long_term_5y']}"))
    page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
    page.fill("#end", "2029-03-31")
    page.press("#end", "Tab")
    text = squeeze(print_pdf(page, tmp_path / "changed.pdf").text)
    assert "2029-03-31" in text and "2030-03-31" not in text


def test_a_date_typed_but_not_confirmed_is_worked_out_before_printing(page, http_url, tmp_path):
    page.goto(url(http_url, "en", f"tools/schedule.html?{SCHEDULES['long_term_5y']}"))
    page.wait_for_selector("#hb-schedule-form[data-ready='true']", state="attached")
    page.fill("#end", "2029-03-31")  # focus stays in the field: no change event yet
    # The browser's print command fires beforeprint (page.pdf() does not): fire it as it would.
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    text = squeeze(print_pdf(page, tmp_path / "typed.pdf").text)
    assert "2029-03-31" in text and "2030-03-31" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path,key", [
    (f"tools/schedule.html?{SCHEDULES['long_term_5y']}", "schedule.print"),
    (f"tools/clause.html?{CLAUSE}", "print.button"),
    ("tools/audit-rules.html", "print.button"),
])
def test_each_tool_page_has_a_labelled_print_button(page, http_url, hb, lang, path, key):
    page.goto(url(http_url, lang, path))
    page.evaluate("() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; }")
    page.get_by_role("button", name=hb.t(key, lang), exact=True).click()
    assert page.evaluate("() => window.__printed") == 1
