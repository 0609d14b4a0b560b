"""The rules page quotes the standard's passage on inadequate items, which says "上記②③④"
("under ②, ③ and ④ above") of a list the page does not show whole: beside the quote it
says what those markers are, named from the data (the contract types whose checks those
items set, linked to their rules on the page, and the items' own citations)."""

from __future__ import annotations

import re

import pytest

from generator.commands.load import load
from generator.site.pages.schedule import referred_items

from conftest import DATA, run_generator


@pytest.fixture(scope="module")
def hb():
    return load(DATA)


def refers_blocks(html: str) -> dict[str, list[str]]:
    """For each contract type's section of the rules page: the texts of what its quoted
    follow-up passage is said to refer to."""
    out = {}
    for type_id, section in re.findall(r'data-type="([^"]+)"(.*?)hb-rules__try', html, re.S):
        block = re.search(r'<span class="hb-refers".*?</p>', section, re.S)
        out[type_id] = [] if block is None else [
            re.sub(r"<[^>]+>", "", item).split()
            for item in re.findall(r'<span class="hb-refers__item">(.*?)</span>', block.group(0), re.S)
        ]
    return out


def test_each_marker_named_in_a_passage_is_found_among_its_list(hb):
    for ct in hb.contract_types:
        quoted = hb.record(ct.audit.follow_up)
        referred = referred_items(hb, quoted.id)
        assert referred, ct.id
        for item in referred:
            assert item.marker in quoted.text.ja
        # and nothing named that the passage does not name
        assert "".join(i.marker for i in referred) in quoted.text.ja


@pytest.mark.parametrize("lang,prefix", [("ja", ""), ("en", "en/")])
def test_the_follow_up_quote_names_what_its_markers_refer_to(site, hb, lang, prefix):
    html = (site / prefix / "tools" / "audit-rules.html").read_text(encoding="utf-8")
    blocks = refers_blocks(html)
    assert set(blocks) == {ct.id for ct in hb.contract_types}
    for ct in hb.contract_types:
        referred = referred_items(hb, ct.audit.follow_up)
        named = blocks[ct.id]
        assert len(named) == len(referred), ct.id
        for item, words in zip(referred, named):
            text = " ".join(words)
            setters = [t for t in hb.contract_types if any(c.source == item.id for c in t.audit.checks)]
            assert setters
            for setter in setters:
                assert setter.name[lang] in text
                assert f'href="#{setter.id}"' in html
            assert hb.t("standard.cite", lang).split("{")[0] in text


def test_the_ja_page_explains_the_three_markers_of_the_contract_passage(site):
    html = (site / "tools" / "audit-rules.html").read_text(encoding="utf-8")
    assert "この文の「②③④」は、次のとおりです。" in html
    en = (site / "en" / "tools" / "audit-rules.html").read_text(encoding="utf-8")
    assert "In this passage, ②③④ are:" in en and "In this passage, ② is:" in en


def test_a_passage_that_names_no_marker_gets_no_context(data_copy, tmp_path):
    """A municipality whose follow-up passage names no other item: nothing is added."""
    path = data_copy / "standard.yaml"
    text = path.read_text(encoding="utf-8")
    old = "上記②③④の遵守確認表による確認において"
    assert old in text
    path.write_text(text.replace(old, "遵守確認表による確認において"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_generator("build", "--data", str(data_copy), "--site", str(out))
    assert result.returncode == 0, result.stderr
    blocks = refers_blocks((out / "tools" / "audit-rules.html").read_text(encoding="utf-8"))
    assert blocks["one_year"] == [] and blocks["long_term_continuing"] == []
    assert len(blocks["designated_manager"]) == 1
