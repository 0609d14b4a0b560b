"""How the handbook cites a record of the standard: one form on every page and in every
page script ("基準4(4)③" / "Standard 4(4)③"), from the UI string `standard.cite`; and how
it cites an article of a law ("地方自治法第244条の2第11項" / "Article 244-2, paragraph 11 of
the Local Autonomy Act"), from the UI strings `LAW_KEYS` and the names in glossary.yaml `laws`.

The model holds every citation, made once by `citations()` (`Handbook.citations`); the
pages get them through the renderer's `cite`, and the page scripts get the same strings
in rules.json (`citations`); nothing else formats a citation.
"""

from __future__ import annotations

import re

from collections.abc import Mapping

from .standard import ListItem, Note, NoteBlock, Section
from .text import LANGS, Text, fill
from .walk import tree

UI_KEY = "standard.cite"

# Other data texts name a passage of the standard by id, `{number:s4-4}`, and read its
# number ("4(4)"), so that no number of the standard is typed twice.
NUMBER_REF = re.compile(r"\{number:([^{}\s]+)\}")

# A data text cites an article of a law as `{law:ID:ARTICLE[:PARAGRAPH]}`, ID a law of
# glossary.yaml `laws`, ARTICLE "234" or "234-3" (第234条の3), PARAGRAPH "11" (第11項).
LAW_REF = re.compile(r"\{law:([^{}:\s]+):(\d+)(?:-(\d+))?(?::(\d+))?\}")
# Anything that starts like a law citation, to report the malformed ones.
LAW_REF_LIKE = re.compile(r"\{law:[^{}]*\}")
LAW_KEYS = ("law.article", "law.article_branch", "law.paragraph", "law.cite")


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


def law_citation(law: str, article: str, branch: str | None, paragraph: str | None, formats: dict[str, str]) -> str:
    """One article (and paragraph) of a law in one language; `formats` are that language's
    `LAW_KEYS` strings, `law` the law's name in it."""
    values = {"article": article, "branch": branch or ""}
    cited = fill(formats["law.article_branch" if branch else "law.article"], values)
    if paragraph:
        cited = fill(formats["law.paragraph"], {"article": cited, "paragraph": paragraph})
    return fill(formats["law.cite"], {"law": law, "article": cited})


def law_citer(laws: list[dict], strings: dict[str, dict], lang: str):
    """The function that writes a `{law:…}` match of a `lang` text, from the plain data of
    glossary.yaml `laws` and ui.yaml `strings` (ids are checked by the loader)."""
    names = {law["id"]: law["name"][lang] for law in laws}
    formats = {key: strings[key][lang] for key in LAW_KEYS}
    return lambda m: law_citation(names[m.group(1)], m.group(2), m.group(3), m.group(4), formats)


def with_numbers(value, numbers_by_id: dict[str, str], citers: dict | None = None, lang: str | None = None):
    """A copy of plain data with every `{number:ID}` in its texts replaced by that record's
    number, and with `citers` (by language, see `law_citer`) every `{law:…}` by the law's
    article cited in the language of the text (the `ja`/`en` key it stands under; ids are
    checked by the loader before this runs)."""
    if isinstance(value, str):
        value = NUMBER_REF.sub(lambda m: numbers_by_id[m.group(1)], value)
        if citers and lang in citers:
            value = LAW_REF.sub(citers[lang], value)
        return value
    if isinstance(value, dict):
        return {key: with_numbers(child, numbers_by_id, citers, key if key in LANGS else lang)
                for key, child in value.items()}
    if isinstance(value, list):
        return [with_numbers(child, numbers_by_id, citers, lang) for child in value]
    return value


def citations(numbers_by_id: Mapping[str, str], form: Text) -> dict[str, Text]:
    """Every record of the standard cited in both languages, by record id, in the citation
    form of the UI string `UI_KEY` (made once, when the model is assembled: `Handbook.citations`)."""
    return {
        record_id: Text(ja=fill(form.ja, {"number": number}), en=fill(form.en, {"number": number}))
        for record_id, number in numbers_by_id.items()
    }
