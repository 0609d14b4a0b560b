"""The Japanese text of the standard is on the site in full; the English says it is a
reference translation; the glossary's renderings are used consistently."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.commands.load import load
from generator.source.yamlfile import format_path, mappings, read
from htmltext import article_text, squeeze

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(__file__).parent / "fixtures" / "standard-source.txt"


def source_sentences() -> list[str]:
    """Every sentence of the standard's source text, white space removed."""
    pieces = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^\s*-\s+", "", line).replace("**", "")
        for cell in line.split("\t"):
            cell = squeeze(cell)
            if not cell or set(cell) <= {"↓"}:
                continue
            pieces.extend(p for p in re.split(r"(?<=。)", cell) if p)
    return pieces


def test_the_source_has_the_expected_shape():
    sentences = source_sentences()
    assert len(sentences) > 80
    assert sentences[0] == "久喜市個人情報取扱事務の外部委託及び指定管理に係る個人情報保護基準"


def test_every_sentence_of_the_standard_is_on_the_japanese_site(site):
    pages = [site / "index.html", site / "standard" / "index.html"]
    pages += sorted((site / "standard").glob("s*.html"))
    text = squeeze("".join(article_text(p) for p in pages))
    missing = [s for s in source_sentences() if s not in text]
    assert missing == []


def test_each_paragraph_of_the_standard_has_its_own_anchor(site):
    hb = load(ROOT / "data")
    for record_id, loc in hb.locations.items():
        if not loc.page.startswith("standard/"):
            continue
        for lang_root in (site, site / "en"):
            html = (lang_root / loc.page.replace(".md", ".html")).read_text(encoding="utf-8")
            assert f'id="{record_id}"' in html, f"{record_id} has no anchor in {lang_root}"


def test_english_pages_say_they_are_a_reference_translation_and_japanese_ones_do_not(site):
    hb = load(ROOT / "data")
    notice = hb.t("notice.reference_translation", "en")
    en_pages = sorted((site / "en").rglob("*.html"))
    assert len(en_pages) >= 10
    for path in en_pages:
        if path.name == "404.html":
            continue
        assert notice in path.read_text(encoding="utf-8"), path
    for path in sorted(site.glob("*.html")) + sorted((site / "standard").glob("*.html")):
        assert notice not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_pages_declare_their_language(site, lang):
    root = site if lang == "ja" else site / "en"
    html = (root / "standard" / "s4.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html


def bilingual_texts(data_dir: Path) -> list[tuple[str, str, str]]:
    """Every text of every data file that has a Japanese and an English version:
    (where, ja, en), the standard's blocks as much as the handbook's own texts and UI strings."""
    out = []
    for path in sorted(data_dir.glob("*.yaml")):
        problems: list = []
        doc = read(path, path.name, problems)
        assert problems == []
        for where, value in mappings(doc.value):
            ja, en = value.get("ja"), value.get("en")
            if isinstance(ja, str) and isinstance(en, str):
                out.append((f"{path.name}:{format_path(where)}", ja, en))
    return out


def glossary_departures(data_dir: Path) -> list[tuple[str, str, str]]:
    """(where, term ja, term en) for each text whose Japanese uses a strict glossary term and
    whose English does not use its rendering (or one of its listed forms). A term inside a
    longer glossary term (是正 in 是正計画書) is rendered by the longer term's rendering; an
    English text that quotes the Japanese term itself names it. Spreadsheet tab names
    (`sheet`) are exempt: a tab name has at most 31 characters."""
    hb = load(data_dir)
    strict = [t for t in hb.terms if t.strict]
    longer = sorted({t.term.ja for t in hb.terms}, key=len, reverse=True)
    out = []
    for where, ja, en in bilingual_texts(data_dir):
        if where.endswith(".sheet"):
            continue
        for term in strict:
            masked = ja
            for other in longer:
                if len(other) > len(term.term.ja) and term.term.ja in other:
                    masked = masked.replace(other, "〓")
            if term.term.ja not in masked or term.term.ja in en:
                continue
            forms = (term.term.en, *term.forms)
            if not any(form.lower() in en.lower() for form in forms):
                out.append((where, term.term.ja, term.term.en))
    return out


def test_the_glossary_check_sees_every_data_file_and_the_ui_strings():
    places = {where.split(":", 1)[0] for where, _, _ in bilingual_texts(ROOT / "data")}
    assert places == {p.name for p in (ROOT / "data").glob("*.yaml")}


def test_strict_glossary_terms_are_rendered_the_same_way_in_every_data_file():
    assert glossary_departures(ROOT / "data") == []


def test_the_glossary_check_catches_a_departure(data_copy):
    path = data_copy / "procedure.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("en: Selecting the contractor", "en: Selecting the vendor", 1), encoding="utf-8")
    assert ("procedure.yaml:$.steps[1].title", "委託業者", "contractor") in glossary_departures(data_copy)


def test_the_glossary_page_lists_every_term_in_both_languages(site):
    hb = load(ROOT / "data")
    ja = (site / "glossary.html").read_text(encoding="utf-8")
    en = (site / "en" / "glossary.html").read_text(encoding="utf-8")
    for term in hb.terms:
        assert f'id="{term.id}"' in ja and f'id="{term.id}"' in en
        assert term.term.ja in ja and term.term.en in en


def test_the_process_overview_is_also_drawn_as_a_flow_picture(site):
    html = (site / "standard" / "s4.html").read_text(encoding="utf-8")
    flow = re.search(r'<figure class="hb-flow".*?</figure>', html, re.S).group(0)
    assert flow.count('class="hb-flow__step"') == 4
    assert "要件の伝達・受託業者の選定" in flow and "委託業者への監査・検査" in flow
