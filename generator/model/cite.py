"""How the handbook cites a record of the standard: one form on every page and in every
page script ("基準4(4)③" / "Standard 4(4)③"), from the UI string `standard.cite`.

The pages get their citations from `citations()` (through the renderer's `cite`), and the
page scripts get the same strings precomputed in rules.json (`citations`); nothing else
formats a citation.
"""

from __future__ import annotations

import re

from .handbook import Handbook
from .standard import Section
from .text import LANGS, Text, fill

UI_KEY = "standard.cite"

# Other data texts name a passage of the standard by id, `{number:s4-4}`, and read its
# number ("4(4)"), so that no number of the standard is typed twice.
NUMBER_REF = re.compile(r"\{number:([^{}\s]+)\}")


def numbers(hb: Handbook) -> dict[str, str]:
    """The number of every record of the standard (see `section_numbers`)."""
    return section_numbers(hb.sections)


def section_numbers(sections: tuple[Section, ...]) -> dict[str, str]:
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

    for section in sections:
        blocks(section, section.number)
    return out


def with_numbers(value, numbers_by_id: dict[str, str]):
    """A copy of plain data with every `{number:ID}` in its texts replaced by that record's
    number (ids are checked by the loader before this runs)."""
    if isinstance(value, str):
        return NUMBER_REF.sub(lambda m: numbers_by_id[m.group(1)], value)
    if isinstance(value, dict):
        return {key: with_numbers(child, numbers_by_id) for key, child in value.items()}
    if isinstance(value, list):
        return [with_numbers(child, numbers_by_id) for child in value]
    return value


def citations(hb: Handbook) -> dict[str, Text]:
    """Every record of the standard cited in both languages, by record id."""
    ja, en = (hb.t(UI_KEY, lang) for lang in LANGS)
    return {
        record_id: Text(ja=fill(ja, {"number": number}), en=fill(en, {"number": number}))
        for record_id, number in numbers(hb).items()
    }
