"""How the handbook cites a record of the standard: one form on every page and in every
page script ("基準4(4)③" / "Standard 4(4)③"), from the UI string `standard.cite`.

The pages get their citations from `citations()` (through the renderer's `cite`), and the
page scripts get the same strings precomputed in rules.json (`citations`); nothing else
formats a citation.
"""

from __future__ import annotations

from .handbook import Handbook
from .standard import Section
from .text import LANGS, Text, fill

UI_KEY = "standard.cite"


def numbers(hb: Handbook) -> dict[str, str]:
    """The number of every record of the standard as the standard numbers it: "4(4)③" for
    an item, "4(4)③※" for its note, "3(1)※" for a note block, "4(2)" for a paragraph of
    a subsection, "5" for a paragraph of a section."""
    out: dict[str, str] = {}

    def items(list_items, prefix: str) -> None:
        for item in list_items:
            number = prefix + item.marker
            out[item.id] = number
            items(item.items, number)
            for note in item.notes:
                out[note.id] = number + note.marker

    def blocks(section: Section, prefix: str) -> None:
        out[section.id] = prefix
        for b in section.blocks:
            out[b.id] = prefix + (b.marker if b.kind == "note" else "")
            if b.kind == "list":
                items(b.items, prefix)
            elif b.kind == "table":
                for col in b.columns:
                    out[col.id] = prefix
        for sub in section.subsections:
            blocks(sub, prefix + sub.number)

    for section in hb.sections:
        blocks(section, section.number)
    return out


def citations(hb: Handbook) -> dict[str, Text]:
    """Every record of the standard cited in both languages, by record id."""
    ja, en = (hb.t(UI_KEY, lang) for lang in LANGS)
    return {
        record_id: Text(ja=fill(ja, {"number": number}), en=fill(en, {"number": number}))
        for record_id, number in numbers(hb).items()
    }
