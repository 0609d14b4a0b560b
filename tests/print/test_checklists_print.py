"""The printed compliance checklists, read back from real PDFs made by headless Chromium.

Staff print these blank and hand them to contractors: each fits on one A4 page with
the department's review block, carry every item of 3(1) with its point to check, leave room to write, and show
nothing of the website around it.
"""

from __future__ import annotations

import re

import pytest

from printout import print_pdf, squeeze


LANGS = ("ja", "en")
CHECKLISTS = ("pre-contract", "post-contract")


@pytest.fixture(scope="module")
def hb(handbook):
    return handbook


def url(base: str, lang: str, checklist: str) -> str:
    return f"{base}{'en/' if lang == 'en' else ''}checklists/{checklist}.html"


@pytest.fixture(scope="module")
def blank_prints(browser, http_url, tmp_path_factory, hb):
    """The four checklists printed blank, as staff would print them without changing anything."""
    out = {}
    folder = tmp_path_factory.mktemp("prints")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: None if r.url.startswith(http_url) else page.outside.append(r.url))
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for lang in LANGS:
        for checklist in CHECKLISTS:
            page.goto(url(http_url, lang, checklist))
            form_text = page.inner_text("form.hb-checklist")
            pdf = print_pdf(page, folder / f"{lang}-{checklist}.pdf")
            out[lang, checklist] = (pdf, form_text, _measure_for_print(page))
    assert page.outside == [] and errors == []
    context.close()
    return out


def _measure_for_print(page) -> dict:
    """Sizes of the writing spaces, in millimetres, as laid out for paper."""
    page.emulate_media(media="print")
    sizes = page.evaluate("""() => {
        const mm = 96 / 25.4;
        const size = (sel, dim) => [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect()[dim] / mm);
        return {
            rows: size("table.hb-cl-items tbody tr", "height"),
            remarks: size("table.hb-cl-items tbody td.hb-cl-c-rem", "width"),
            particulars: size("table.hb-cl-particulars td", "height"),
            review: size("table.hb-cl-review td", "height"),
        };
    }""")
    page.emulate_media(media="no-override")
    return sizes


CASES = [(lang, checklist) for lang in LANGS for checklist in CHECKLISTS]


@pytest.mark.parametrize("lang,checklist", CASES)
def test_each_checklist_prints_on_at_most_two_a4_portrait_pages(blank_prints, lang, checklist):
    pdf = blank_prints[lang, checklist][0]
    width, height = pdf.page_size_pt
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    assert 1 <= pdf.pages <= 2


@pytest.mark.parametrize("lang,checklist", CASES)
def test_a_blank_checklist_fits_one_page_with_the_departments_review_block(blank_prints, hb, lang, checklist):
    pdf = blank_prints[lang, checklist][0]
    assert pdf.pages == 1
    text = squeeze(pdf.raw_text(1))  # in drawing order: the notes and the block stand side by side
    forms = hb.checklists
    assert squeeze(forms.review_title[lang]) in text
    for f in forms.review_fields:
        assert squeeze(f.label[lang]) in text, f.id
    for result in forms.results:
        assert squeeze(result.label[lang]) in text
    for row in hb.checklists.get(checklist).rows:
        assert squeeze(row.text[lang]) in text, row.id


@pytest.mark.parametrize("lang,checklist", [("ja", "pre-contract"), ("en", "post-contract")])
def test_the_page_itself_asks_for_a4_portrait_paper(page, http_url, tmp_path, lang, checklist):
    page.goto(url(http_url, lang, checklist))
    pdf = print_pdf(page, tmp_path / "css-size.pdf", css_page_size=True)
    width, height = pdf.page_size_pt
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    assert pdf.pages <= 2


@pytest.mark.parametrize("lang,checklist", CASES)
def test_the_table_header_is_repeated_on_every_page_of_items(blank_prints, hb, lang, checklist):
    pdf = blank_prints[lang, checklist][0]
    markers = {row.marker for row in hb.checklists.get(checklist).rows}
    heading = squeeze(hb.t("checklist.col.question", lang))
    pages_with_items = {line.page for line in pdf.lines if line.text in markers}
    for number in pages_with_items:
        assert any(squeeze(line.text) == heading for line in pdf.lines if line.page == number), number


@pytest.mark.parametrize("lang,checklist", CASES)
def test_every_item_is_printed_with_its_point_to_check_and_answers(blank_prints, hb, lang, checklist):
    pdf = blank_prints[lang, checklist][0]
    forms = hb.checklists
    rows = forms.get(checklist).rows
    cells = pdf.row_cells([row.marker for row in rows])
    # One row for each of the nine items ①–⑨, in the order of the standard.
    assert [row.item for row in rows] == [item.id for item in hb.items]
    assert list(cells) == [row.marker for row in rows]
    # Cells are read from the page of the row's number: a row split across two pages
    # would lose the end of its text here.
    for row in rows:
        found = cells[row.marker]
        assert any(squeeze(row.title[lang]) in cell for cell in found), (row.id, found)
        assert any(squeeze(row.text[lang]) in cell for cell in found), (row.id, found)
        band = "".join(found)
        for answer in forms.answers:
            assert squeeze(answer.label[lang]) in band, (row.id, answer.id)


@pytest.mark.parametrize("lang,checklist", CASES)
def test_the_form_carries_particulars_notes_and_the_departments_review_block(blank_prints, hb, lang, checklist):
    pdf = blank_prints[lang, checklist][0]
    # in drawing order: cells that stand side by side would interleave in a layout reading
    text = squeeze("".join(pdf.raw_text(n) for n in range(1, pdf.pages + 1)))
    forms = hb.checklists
    c = forms.get(checklist)
    assert squeeze(c.title[lang]) in text
    assert squeeze(c.instructions[lang]) in text
    assert squeeze(hb.t("checklist.how_paper", lang)) in text
    for f in forms.fields + forms.review_fields:
        assert squeeze(f.label[lang]) in text, f.id
    # The date blanks read 令和　年　月　日.
    assert text.count(squeeze(forms.date.era[lang])) >= 2
    assert squeeze(forms.review_title[lang]) in text
    assert squeeze(forms.result_label[lang]) in text
    for result in forms.results:
        assert squeeze(result.label[lang]) in text
    # The notes of the standard, among them the one allowing items to be excluded.
    assert "s4-4-note-items" in c.notes
    for note_id in c.notes:
        note = squeeze(hb.record(note_id).text[lang])
        assert note[:20] in text and note[-10:] in text, note_id
    # Page numbers from the page-margin box: "1 / 2".
    assert re.search(r"\b1\s*/\s*%d\b" % pdf.pages, pdf.text)


def test_the_information_system_note_is_on_the_pre_contract_checklist(blank_prints, hb):
    note = squeeze(hb.record("s3-1-note-system").text["ja"])
    pdf = blank_prints["ja", "pre-contract"][0]
    assert note[:20] in squeeze(pdf.text)


@pytest.mark.parametrize("lang,checklist", CASES)
def test_model_questions_are_labelled_as_model_on_paper(blank_prints, hb, lang, checklist):
    pdf = blank_prints[lang, checklist][0]
    rows = hb.checklists.get(checklist).rows
    label = squeeze(hb.t("notice.model_label", lang))
    mark = hb.t("checklist.model_mark", lang)
    if any(row.model for row in rows):
        assert label in squeeze(pdf.text)
        cells = pdf.row_cells([row.marker for row in rows])
        for row in rows:
            if row.model:
                assert mark in "".join(cells[row.marker]), row.id
    else:
        assert label not in squeeze(pdf.text)


@pytest.mark.parametrize("lang,checklist", CASES)
def test_nothing_of_the_site_is_printed(blank_prints, hb, lang, checklist):
    pdf, form_text, _ = blank_prints[lang, checklist]
    other = "en" if lang == "ja" else "ja"
    chrome = [
        hb.document.site_name[lang],
        hb.t("search.dialog_label", lang),
        hb.t("nav.home", lang),
        hb.t("nav.standard", lang),
        hb.t("nav.glossary", lang),
        hb.t("nav.about", lang),
        hb.t("nav.maintainers", lang),
        hb.t("nav.checklists", lang),
        hb.t("language.name", other),
        hb.t("checklist.print", lang),
        hb.t("checklist.clear", lang),
        hb.t("checklist.download", lang),
        hb.t("checklist.tailor.heading", lang),
        hb.checklists.get(checklist).purpose[lang],
    ]
    if hb.document.copyright:
        chrome.append(hb.document.copyright[lang])
    printed = squeeze(pdf.text)
    c = hb.checklists.get(checklist)
    own_words = squeeze("".join(
        [c.title[lang], hb.t("notice.model_label", lang)] + [hb.record(n).text[lang] for n in c.notes]
    ))
    for words in chrome:
        if squeeze(words) in own_words:
            continue  # the form itself uses these words (e.g. the municipality in a note)
        assert squeeze(words) not in printed, words
    # The screen shows the site name in its header; paper does not.
    assert hb.document.site_name[lang] not in form_text


@pytest.mark.parametrize("lang,checklist", CASES)
def test_japanese_glyphs_come_from_an_embedded_japanese_font(blank_prints, hb, lang, checklist):
    pdf = blank_prints[lang, checklist][0]
    assert pdf.fonts and all(f.embedded and f.unicode for f in pdf.fonts)
    assert any(re.search(r"CJK|JP|Gothic|Mincho|Meiryo|Hiragino", name) for name in pdf.font_families), pdf.font_families
    # The text extracts as Japanese: the item markers, and on the Japanese form the words.
    assert "①" in pdf.text and "⑨" in pdf.text
    if lang == "ja":
        assert hb.checklists.get(checklist).title.ja in pdf.text.replace(" ", "")


@pytest.mark.parametrize("lang,checklist", CASES)
def test_the_print_out_is_black_on_white(blank_prints, lang, checklist):
    pdf = blank_prints[lang, checklist][0]
    light = bytes(1 if value > 240 else 0 for value in range(256))
    for number in range(1, pdf.pages + 1):
        width, height, rgb = pdf.pixels(number)
        red, green, blue = rgb[0::3], rgb[1::3], rgb[2::3]
        # Every pixel is a grey: black text and lines on white paper, nothing coloured.
        assert red == green == blue, f"page {number} has coloured pixels"
        # Mostly white paper.
        assert red.translate(light).count(1) / (width * height) > 0.8


@pytest.mark.parametrize("lang,checklist", CASES)
def test_answer_and_remarks_cells_leave_room_to_write_by_hand(blank_prints, lang, checklist):
    sizes = blank_prints[lang, checklist][2]
    assert len(sizes["rows"]) == 9
    assert min(sizes["rows"]) >= 15
    assert min(sizes["remarks"]) >= 30
    assert min(sizes["particulars"]) >= 8
    assert min(sizes["review"]) >= 7
