"""How the handbook cites a record of the standard: one form on every page and in every
page script ("基準4(4)③" / "Standard 4(4)③"), from the UI string `standard.cite`.

The model holds every citation, made once by `citations()` (`Handbook.citations`); the
pages get them through the renderer's `cite`, and the page scripts get the same strings
in rules.json (`citations`); nothing else formats a citation.
"""

from __future__ import annotations

import re

from collections.abc import Mapping

from .standard import ListItem, Note, NoteBlock, Section
from .text import Text, fill
from .walk import tree

UI_KEY = "standard.cite"

# Other data texts name a passage of the standard by id, `{number:s4-4}`, and read its
# number ("4(4)"), so that no number of the standard is typed twice.
NUMBER_REF = re.compile(r"\{number:([^{}\s]+)\}")


def number(record, parents: tuple) -> str:
    """The number of a record as the standard numbers it, from the records it is inside:
    "4(4)③" for an item, "4(4)③※" for its note, "3(1)※" for a note block, "4(2)" for a
    paragraph of a subsection, "5" for a paragraph of a section."""
    chain = parents + (record,)
    out = "".join(r.number for r in chain if isinstance(r, Section))
    return out + "".join(r.marker for r in chain if isinstance(r, (ListItem, Note, NoteBlock)))


def section_numbers(sections: tuple[Section, ...]) -> dict[str, str]:
    """The number of every record of the standard, by id (see `number`)."""
    return {record.id: number(record, parents) for record, parents in tree(sections)}


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


def citations(numbers_by_id: Mapping[str, str], form: Text) -> dict[str, Text]:
    """Every record of the standard cited in both languages, by record id, in the citation
    form of the UI string `UI_KEY` (made once, when the model is assembled: `Handbook.citations`)."""
    return {
        record_id: Text(ja=fill(form.ja, {"number": number}), en=fill(form.en, {"number": number}))
        for record_id, number in numbers_by_id.items()
    }
