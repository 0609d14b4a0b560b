"""The Japanese text of the standard is on the site in full; the English says it is a
reference translation; the glossary's renderings are used consistently."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.source.yamlfile import format_path, mappings, read
from htmltext import article_text, squeeze
from support import ROOT, TESTS

SOURCE = TESTS / "fixtures" / "standard-source.txt"


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


def test_each_paragraph_of_the_standard_has_its_own_anchor(site, handbook):
    hb = handbook
    for record_id, loc in hb.locations.items():
        if not loc.page.startswith("standard/"):
            continue
        for lang_root in (site, site / "en"):
            html = (lang_root / loc.page.replace(".md", ".html")).read_text(encoding="utf-8")
            assert f'id="{record_id}"' in html, f"{record_id} has no anchor in {lang_root}"


def test_english_pages_say_they_are_a_reference_translation_and_japanese_ones_do_not(site, handbook):
    hb = handbook
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


def bilingual_texts(data_dir: Path, content_dir: Path | None = None) -> list[tuple[str, str, str]]:
    """Every text that has a Japanese and an English version: (where, ja, en). From every
    data file (the standard's blocks as much as the handbook's own texts, the UI strings and
    the spreadsheet tab names) and, with `content_dir`, from the hand-written pages, paired
    block by block (and line by line in a list or table) between content/ja and content/en."""
    out = []
    for path in sorted(data_dir.glob("*.yaml")):
        problems: list = []
        doc = read(path, path.name, problems)
        assert problems == []
        for where, value in mappings(doc.value):
            ja, en = value.get("ja"), value.get("en")
            if isinstance(ja, str) and isinstance(en, str):
                out.append((f"{path.name}:{format_path(where)}", ja, en))
    if content_dir is not None:
        for ja_path in sorted((content_dir / "ja").glob("*.md")):
            name = ja_path.name
            en_path = content_dir / "en" / name
            # Code (`audit`, a file name) is the same in both languages and no wording.
            ja_blocks = re.split(r"\n\s*\n", re.sub(r"`[^`]*`", "`…`", ja_path.read_text(encoding="utf-8").strip()))
            en_blocks = re.split(r"\n\s*\n", re.sub(r"`[^`]*`", "`…`", en_path.read_text(encoding="utf-8").strip()))
            if len(ja_blocks) != len(en_blocks):
                # The two pages are not written block for block: compare them whole.
                out.append((f"content/{name}", "\n".join(ja_blocks), "\n".join(en_blocks)))
                continue
            for n, (ja, en) in enumerate(zip(ja_blocks, en_blocks), start=1):
                ja_lines, en_lines = ja.splitlines(), en.splitlines()
                listed = all(re.match(r"\s*(?:[-|]|\d+\.)", line) for line in ja_lines + en_lines)
                if listed and len(ja_lines) == len(en_lines):
                    out.extend((f"content/{name}:block {n}, line {k}", a, b)
                               for k, (a, b) in enumerate(zip(ja_lines, en_lines), start=1))
                else:
                    out.append((f"content/{name}:block {n}", ja, en))
    return out


def glossary_terms(path: Path) -> list[SimpleNamespace]:
    """The terms of a glossary file as plain records (term.ja, term.en, strict, forms,
    exclusive), read from that file alone, so that any folder of texts can be checked
    against it."""
    problems: list = []
    doc = read(path, path.name, problems)
    assert problems == []
    return [
        SimpleNamespace(term=SimpleNamespace(**t["term"]), strict=t["strict"], forms=tuple(t.get("forms", ())),
                        exclusive=bool(t.get("exclusive", False)))
        for t in doc.value["terms"]
    ]


def _word(form: str) -> re.Pattern:
    """A rendering as a whole word or phrase in English text (any case)."""
    return re.compile(r"(?<![A-Za-z-])" + re.escape(form) + r"(?![A-Za-z-])", re.I)


def glossary_departures(data_dir: Path, content_dir: Path | None = None) -> list[tuple[str, str, str]]:
    """(where, term ja, term en) for each text that departs from a strict glossary term:

    - its Japanese uses the term and its English uses neither the rendering nor one of its
      listed forms (a term inside a longer glossary term, 是正 in 是正計画書, is rendered by
      the longer term's rendering; an English text that quotes the Japanese term names it);
    - or, for a term marked `exclusive`, its English uses the rendering (or a form) as a word
      while its Japanese has neither that term nor another exclusive term with the same
      rendering, outside longer glossary terms (“designation” where the Japanese says
      指定管理, “outsourcing” for 委託, “audit” for 確認).

    Every text counts: the spreadsheet tab names too, and the hand-written pages of
    `content_dir`."""
    terms = glossary_terms(data_dir / "glossary.yaml")
    strict = [t for t in terms if t.strict]
    longer = sorted({t.term.ja for t in terms}, key=len, reverse=True)

    def masked(ja: str, term: str) -> str:
        for other in longer:
            if len(other) > len(term) and term in other:
                ja = ja.replace(other, "〓")
        return ja

    by_rendering: dict[str, list] = {}
    for term in (t for t in terms if t.exclusive):
        by_rendering.setdefault(term.term.en.lower(), []).append(term)
    out = []
    for where, ja, en in bilingual_texts(data_dir, content_dir):
        for term in strict:
            forms = (term.term.en, *term.forms)
            if term.term.ja in masked(ja, term.term.ja) and term.term.ja not in en:
                if not any(form.lower() in en.lower() for form in forms):
                    out.append((where, term.term.ja, term.term.en))
        for _rendering, terms in by_rendering.items():
            forms = {f for t in terms for f in (t.term.en, *t.forms)}
            if not any(_word(f).search(en) for f in forms):
                continue
            if any(t.term.ja in masked(ja, t.term.ja) for t in terms):
                continue
            out.append((where, "・".join(t.term.ja for t in terms), terms[0].term.en))
    return out


def test_the_glossary_check_sees_every_data_file_the_ui_strings_and_the_hand_written_pages():
    places = {where.split(":", 1)[0] for where, _, _ in bilingual_texts(ROOT / "data", ROOT / "content")}
    assert {p.name for p in (ROOT / "data").glob("*.yaml")} <= places
    assert {f"content/{p.name}" for p in (ROOT / "content" / "ja").glob("*.md")} <= places
    assert any(where.endswith(".sheet") for where, _, _ in bilingual_texts(ROOT / "data"))


def test_strict_glossary_terms_are_rendered_the_same_way_in_every_text():
    assert glossary_departures(ROOT / "data", ROOT / "content") == []


def test_the_glossary_check_catches_a_departure(data_copy):
    path = data_copy / "procedure.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("en: Selecting the contractor", "en: Selecting the vendor", 1), encoding="utf-8")
    assert ("procedure.yaml:$.steps[1].title", "委託業者", "contractor") in glossary_departures(data_copy)


def test_the_glossary_check_catches_a_rendering_without_its_term(data_copy):
    # “outsourcing” for 委託, “audit” for 確認, “designated management” for 指定 alone.
    for name, old, new in (
        ("items.yaml", "en: Erasure and return at the end of the entrustment}", "en: Erasure and return at the end of the outsourcing}"),
        ("ui.yaml", "en: Check schedule calculator}", "en: Audit schedule calculator}"),
        ("ui.yaml", "en: Whatever the designation period is.}", "en: Whatever the term of the designated management is.}"),
    ):
        path = data_copy / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = glossary_departures(data_copy)
    assert ("items.yaml:$.items[6].short", "外部委託", "outsourcing") in found
    assert ("ui.yaml:$.strings['schedule.title']", "監査", "audit") in found
    assert ("ui.yaml:$.strings['schedule.rules.term.none']", "指定管理", "designated management") in found


def test_the_glossary_check_reads_tab_names_and_hand_written_pages(data_copy, tmp_path):
    path = data_copy / "checklists.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    sheet: {ja: 遵守確認表（契約前）, en: Compliance (before contract)}" in text
    path.write_text(text.replace("en: Compliance (before contract)}", "en: Checklist (before contract)}", 1), encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    page = content / "en" / "about.md"
    text = page.read_text(encoding="utf-8")
    assert "- **Compliance checklists, calculators" in text
    page.write_text(text.replace("- **Compliance checklists, calculators", "- **Checklists, calculators", 1), encoding="utf-8")
    found = glossary_departures(data_copy, content)
    assert ("checklists.yaml:$.checklists[0].sheet", "遵守確認表（契約前）", "compliance checklist (before contract)") in found
    assert [where for where, term, _ in found if where.startswith("content/")] == ["content/about.md:block 4, line 3"], found


def test_the_glossary_page_lists_every_term_in_both_languages(site, handbook):
    hb = handbook
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
