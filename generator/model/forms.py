"""The forms: the clause generator (data/clauses.yaml) and the compliance checklists
(data/checklists.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping

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
    """A form handed over in the procedure (its name and page are the checklist's)."""

    checklist: str  # the id of the checklist handed over (ChecklistForms.get)
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
    # The text for a document type that needs other wording (the agreement's remedy), by type.
    text_for: tuple[tuple[str, Text], ...] = ()

    def text_of(self, document_type: str) -> Text:
        """The article's template for a variant of that document type."""
        return dict(self.text_for).get(document_type, self.text)


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
    finding: str | None = None  # an answer: "adequate" | "correction" | "not_applicable"
    correction: bool = False  # a review result: True where it calls for correction


@dataclass(frozen=True)
class FormField:
    """A blank on a form: a line of text, or an era date (令和　年　月　日)."""

    id: str
    kind: str  # "text" | "date"
    label: Text
    register: str | None = None  # the register-of-contracts column filled from it


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
class CorrectionNotice:
    """The guidance notice (model letter) the review page makes from a checklist's findings.

    `addressee` and `body` are templates ({contractor}, {work}, {checklist}, {checked},
    {due}, {citation}, {plan}); `columns` labels the table of items to correct."""

    title: Text
    addressee: Text
    body: Text
    heading: Text
    closing: Text
    due_days: int
    fields: tuple[FormField, ...]
    columns: Mapping[str, Text]


@dataclass(frozen=True)
class CorrectionPlan:
    """The corrective action plan form (是正計画書), a model form: a page and a spreadsheet."""

    id: str
    file: str  # its page and spreadsheet: forms/<file>.html, forms/<file>.xlsx
    title: Text
    short: Text
    sheet: Text
    purpose: Text
    instructions: Text
    blank_rows: int
    fields: tuple[FormField, ...]
    columns: Mapping[str, Text]  # item, finding, measure, person, completion
    review_title: Text
    review_fields: tuple[FormField, ...]

    # The one place where the plan's page and spreadsheet paths are made from its id.
    @property
    def page(self) -> str:
        return f"forms/{self.file}.md"

    @property
    def spreadsheet(self) -> str:
        return f"forms/{self.file}.xlsx"


@dataclass(frozen=True)
class Correction:
    notice: CorrectionNotice
    plan: CorrectionPlan


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
    correction: Correction | None = None  # the guidance notice and corrective action plan

    def get(self, checklist_id: str) -> Checklist:
        return next(c for c in self.checklists if c.id == checklist_id)
