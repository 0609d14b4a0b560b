"""The whole standard on one page (standard/all.html, en/standard/all.html), for staff who
attach it to a decision document or hand it out in training.

Printed on A4 (a real PDF from headless Chromium, read back with poppler) it holds every
sentence of the standard in order, with page numbers on every page; the decision and
effective dates and a table of contents lead it; every record keeps its anchor and every
link on it leads somewhere that exists; search leaves it out (the section pages are what
search finds), over http and from the folder.
"""

from __future__ import annotations

import re

import pytest

from generator.commands.load import load
from generator.model.walk import walk
from printout import print_pdf, squeeze

from support import DATA, TESTS

SOURCE = TESTS / "fixtures" / "standard-source.txt"  # the standard as published (site/test_standard_text.py)

MM = 72 / 25.4
LANGS = ("ja", "en")


@pytest.fixture(scope="module")
def hb():
    return load(DATA)


def prefix(lang: str) -> str:
    return "" if lang == "ja" else "en/"


def source_in_reading_order() -> list[str]:
    """Every sentence of the standard's source text (tests/fixtures), white space removed, in
    the order a reader reads it on paper: a table (rows of tab-separated cells) column after
    column, each heading above its cells; the arrow rows of the diagram are no text."""
    out: list[str] = []
    rows: list[list[str]] = []

    def sentences(text: str) -> list[str]:
        return [p for p in re.split(r"(?<=。)", squeeze(text)) if p]

    def flush_table():
        for column in zip(*rows):
            for cell in column:
                out.extend(sentences(cell))
        rows.clear()

    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^\s*-\s+", "", line).replace("**", "")
        if "\t" in line:
            cells = line.split("\t")
            if not all(set(squeeze(c)) <= {"↓"} for c in cells):
                rows.append(cells)
            continue
        if rows:
            flush_table()
        if squeeze(line):
            out.extend(sentences(line))
    flush_table()
    return out


def english_in_order(hb) -> list[str]:
    """Every English text of the standard's records, in the order of the standard."""
    out = []
    for section in hb.sections:
        out.append(f"{section.number}{section.title.en}")
        for record in walk(section):
            if record is section:
                continue
            if hasattr(record, "subsections"):  # a subsection
                out.append(f"{record.number}{record.title.en}")
                continue
            for name in ("heading", "article", "text"):
                text = getattr(record, name, None)
                if text is not None and hasattr(text, "en"):
                    out.append(text.en)
            for cell in getattr(record, "cells", ()):
                out.append(cell.en)
    return [squeeze(t.replace("**", "")) for t in out]


def missing_in_order(text: str, pieces: list[str]) -> list[str]:
    """The pieces not found in `text` after the piece before them (each searched from where
    the one before it ended)."""
    at, missing = 0, []
    for piece in pieces:
        found = text.find(piece, at)
        if found < 0:
            missing.append(piece)
        else:
            at = found + len(piece)
    return missing


def printed_text(pdf) -> str:
    """The printed text in the order it was drawn, page after page, without the page number
    of each page (its margin box, drawn first)."""
    pages = []
    for number in range(1, pdf.pages + 1):
        page = squeeze(pdf.raw_text(number))
        footer = f"{number}/{pdf.pages}"
        assert page.startswith(footer), f"page {number} has no page number"
        pages.append(page[len(footer):])
    return "".join(pages)


@pytest.fixture(scope="module")
def prints(browser, http_url, tmp_path_factory):
    folder = tmp_path_factory.mktemp("standard-all")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = [], []
    page.on("request", lambda r: None if r.url.startswith(http_url) else outside.append(r.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    out = {}
    for lang in LANGS:
        page.goto(f"{http_url}{prefix(lang)}standard/all.html")
        out[lang] = print_pdf(page, folder / f"{lang}.pdf")
    context.close()
    assert outside == [] and errors == []
    return out


def test_the_reading_order_of_the_source_is_what_a_reader_reads():
    order = source_in_reading_order()
    assert order[:2] == ["久喜市個人情報取扱事務の外部委託及び指定管理に係る個人情報保護基準", "令和5年3月1日久喜市長決裁"]
    # The table's first column: its heading, then its cell; then the second column.
    first = order.index("要件の伝達・受託業者の選定")
    assert order[first + 1].startswith("「遵守確認表（契約前）」を活用するなどし")
    assert order[first + 2] == "特記仕様書及び遵守確認表の周知"


def test_the_order_check_catches_a_sentence_out_of_place():
    assert missing_in_order("abcdef", ["ab", "cd", "ef"]) == []
    assert missing_in_order("abefcd", ["ab", "cd", "ef"]) == ["ef"]
    assert missing_in_order("abcd", ["ab", "xy", "cd"]) == ["xy"]


@pytest.mark.parametrize("lang", LANGS)
def test_it_prints_on_a4_with_a_page_number_on_every_page(prints, lang):
    pdf = prints[lang]
    width, height = pdf.page_size_pt
    assert (round(width / MM), round(height / MM)) == (210, 297)
    assert pdf.pages >= 2
    printed_text(pdf)  # asserts the number at each page's foot


def test_the_printed_japanese_holds_every_sentence_of_the_standard_in_order(prints):
    text = printed_text(prints["ja"])
    assert missing_in_order(text, source_in_reading_order()) == []


def test_the_printed_english_holds_every_record_of_the_standard_in_order(prints, hb):
    text = printed_text(prints["en"])
    assert missing_in_order(text, english_in_order(hb)) == []
    # and says that it is a reference translation, the Japanese prevailing
    assert squeeze(hb.t("notice.reference_translation", "en")) in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_dates_and_the_contents_lead_the_first_page(prints, hb, lang):
    first = squeeze(prints[lang].page_text(1))
    assert squeeze(hb.document.decision[lang]) in first
    assert hb.document.decided in first and hb.document.effective in first
    assert squeeze(hb.t("standard.contents", lang)) in first
    for section in hb.sections:
        assert squeeze(f"{section.number} {section.title[lang]}") in first


def test_nothing_of_the_site_is_printed(prints, hb):
    text = printed_text(prints["ja"])
    assert squeeze(hb.t("standard.permalink", "ja")) not in text
    assert squeeze(hb.t("print.button", "ja")) not in text
    assert "¶" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_record_keeps_its_anchor_once(site, hb, lang):
    html = (site / prefix(lang) / "standard" / "all.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []
    for section in hb.sections:
        for record in walk(section):
            assert record.id in ids, record.id


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_in_the_page_leads_to_something_that_exists(site, lang):
    path = site / prefix(lang) / "standard" / "all.html"
    html = path.read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    hrefs = re.findall(r'href="([^"]+)"', article)
    assert hrefs
    for href in hrefs:
        target, _, anchor = href.partition("#")
        if not target:
            assert anchor in ids, href
            continue
        file = (path.parent / target).resolve()
        assert file.is_file(), href
        if anchor:
            assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), href


@pytest.mark.parametrize("lang", LANGS)
def test_search_leaves_it_out_and_finds_the_section_pages(site, lang):
    index = (site / prefix(lang) / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "standard/all.html" not in index
    assert "standard/s4.html" in index


def test_the_standard_index_links_to_it(site, hb):
    for lang in LANGS:
        html = (site / prefix(lang) / "standard" / "index.html").read_text(encoding="utf-8")
        assert f'href="all.html">{hb.t("standard.all.link", lang)}' in html


def test_a_link_to_a_passage_opens_there_from_the_folder_and_over_http(page, base_url):
    page.goto(f"{base_url}standard/all.html#s4-4-ct3")
    page.wait_for_load_state("load")
    box = page.locator("#s4-4-ct3").bounding_box()
    assert box is not None and 0 <= box["y"] < 300
    page.locator(".hb-standard-all__toc a[href='#s3']").click()
    assert page.evaluate("location.hash") == "#s3"
    assert 0 <= page.locator("#s3").bounding_box()["y"] < 300


def test_the_contents_work_with_the_keyboard(page, http_url):
    page.goto(f"{http_url}en/standard/all.html")
    link = page.locator(".hb-standard-all__toc a[href='#s4']")
    link.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#s4"
    assert 0 <= page.locator("#s4").bounding_box()["y"] < 300
