"""The forms: the clause generator (data/clauses.yaml) and the compliance checklists
(data/checklists.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .text import Text


@dataclass(frozen=True)
class ClauseVariant:
    """The clause for one kind of document (contract, agreement, no contract document).

    `heading` and `text` are templates with {partyA} and {partyB}; `parties` holds the
    default names put in their place. A variant with `from_clause` is the standard's own
    clause; the others are model text (`model` is True).
    """

    id: str
    document_type: str
    label: Text
    hint: Text
    source: str
    numbered: bool
    heading: Text
    text: Text
    parties: Mapping[str, Text]
    document: Text
    model: bool = False
    from_clause: str | None = None
    omit_actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class HandoverForm:
    """A form handed over in the procedure, with the page it is on."""

    checklist: str  # the id of the checklist handed over
    page: str  # its staging path, e.g. "checklists/pre-contract.md"
    name: Text  # its short name
    when: Text
    source: str
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutlineArticle:
    """One article of the model outline of the special specifications (one item ①–⑨)."""

    item: str
    number: int
    heading: Text
    source: str
    text: Text  # template with {partyA}, {partyB}, {document}


@dataclass(frozen=True)
class ClauseGenerator:
    """Everything the clause generator page and clause.js need."""

    article_default: Text  # 第〇条 / Article ○, as in the standard's clause
    article_format: Text  # 第{number}条 / Article {number}
    article_max: int
    separator: Text
    default_document_type: str
    numerals: tuple[str, ...]  # the numeral styles offered for the article number
    default_numerals: str
    kanji_digits: str
    kanji_units: str
    party_max_length: int
    variants: tuple[ClauseVariant, ...]
    handover_steps: tuple[str, ...]
    forms: tuple[HandoverForm, ...]
    outline_title: Text
    outline_heading_format: Text  # （{heading}） / ({heading})
    outline: tuple[OutlineArticle, ...]
    source: str  # the passage cited beside the page's introduction
    outline_source: str  # the passage cited beside the outline's notice

    def variant(self, document_type: str) -> ClauseVariant:
        return next(v for v in self.variants if v.document_type == document_type)


# Compliance checklists (data/checklists.yaml)


@dataclass(frozen=True)
class Choice:
    """One option of a closed question (an answer, a review result)."""

    id: str
    label: Text
    correction: bool = False  # a review result that calls for correction


@dataclass(frozen=True)
class FormField:
    """A blank on a form: a line of text, or an era date (令和　年　月　日)."""

    id: str
    kind: str  # "text" | "date"
    label: Text


@dataclass(frozen=True)
class EraDate:
    """How a date is written on the forms: era, then year, month, day with their units."""

    era: Text
    year: Text
    month: Text
    day: Text


@dataclass(frozen=True)
class ChecklistRow:
    """One question of a compliance checklist, tied to an item ①–⑨ and a clause."""

    id: str
    item: str  # id of the Item (item-1 … item-9)
    marker: str  # the item's marker in the standard (①)
    title: Text  # the item's title, from the standard
    source: str  # id of the record of the standard the question comes from
    text: Text  # the question: the source's own words, or a model text
    model: bool  # True: written for the handbook, not the standard's words


@dataclass(frozen=True)
class Checklist:
    """A compliance checklist (遵守確認表), e.g. before or after the contract."""

    id: str  # e.g. "pre-contract"; its page and spreadsheet are named after it (below)
    title: Text
    short: Text
    sheet: Text  # the spreadsheet tab name
    sources: tuple[str, ...]
    purpose: Text
    instructions: Text
    rows: tuple[ChecklistRow, ...]
    notes: tuple[str, ...] = ()  # ids of notes of the standard printed under the table

    # The one place where a checklist's page and spreadsheet paths are made from its id.
    @property
    def page(self) -> str:
        """The staging path of its page, e.g. "checklists/pre-contract.md"."""
        return f"checklists/{self.id}.md"

    @property
    def spreadsheet(self) -> str:
        """The path of its spreadsheet in a language's tree, e.g. "checklists/pre-contract.xlsx"."""
        return f"checklists/{self.id}.xlsx"


@dataclass(frozen=True)
class ChecklistForms:
    """The checklists and the parts they share: answers, particulars, review block."""

    answers: tuple[Choice, ...]
    fields: tuple[FormField, ...]
    date: EraDate
    review_title: Text
    review_fields: tuple[FormField, ...]
    result_label: Text
    results: tuple[Choice, ...]
    checklists: tuple[Checklist, ...]

    def get(self, checklist_id: str) -> Checklist:
        return next(c for c in self.checklists if c.id == checklist_id)
