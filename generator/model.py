"""The handbook as a typed, frozen model: what the data says, with no I/O.

Built by `generator.load` from validated data; read by the renderers. Every record that
can be linked to has an `id`; `Handbook.locate(id)` tells on which page and anchor it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Union

LANGS = ("ja", "en")


def section_page(section_id: str) -> str:
    """The staging path of a top-level section's page."""
    return f"standard/{section_id}.md"


@dataclass(frozen=True)
class Text:
    """A text in both languages. Japanese is authoritative; English is a reference."""

    ja: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Note:
    id: str
    marker: str
    text: Text
    translation_note: str | None = None


@dataclass(frozen=True)
class ListItem:
    id: str
    marker: str
    text: Text
    items: tuple["ListItem", ...] = ()
    notes: tuple[Note, ...] = ()
    translation_note: str | None = None


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: Text
    translation_note: str | None = None
    kind: str = "paragraph"


@dataclass(frozen=True)
class Heading:
    id: str
    text: Text
    translation_note: str | None = None
    kind: str = "heading"


@dataclass(frozen=True)
class NoteBlock:
    id: str
    marker: str
    text: Text
    translation_note: str | None = None
    kind: str = "note"


@dataclass(frozen=True)
class ListBlock:
    id: str
    items: tuple[ListItem, ...]
    translation_note: str | None = None
    kind: str = "list"


@dataclass(frozen=True)
class Clause:
    id: str
    heading: Text
    article: Text
    text: Text
    translation_note: str | None = None
    kind: str = "clause"


@dataclass(frozen=True)
class Column:
    id: str
    heading: Text
    cells: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    id: str
    columns: tuple[Column, ...]
    translation_note: str | None = None
    kind: str = "table"


Block = Union[Paragraph, Heading, NoteBlock, ListBlock, Clause, Table]


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    title: Text
    blocks: tuple[Block, ...]
    subsections: tuple["Section", ...] = ()


@dataclass(frozen=True)
class Reference:
    id: str
    source: str


@dataclass(frozen=True)
class Revision:
    """One decision (決裁) that made or amended the standard: when, a summary, what it changed."""

    id: str
    decided: str
    effective: str
    summary: Text
    changes: tuple[str, ...]  # ids of the records it changed


@dataclass(frozen=True)
class Document:
    municipality: Text
    title: Text
    site_name: Text
    decision: Text
    decided: str
    effective: str
    effective_source: str
    references: tuple[Reference, ...]
    copyright: Text | None = None
    revised: str | None = None
    revisions: tuple[Revision, ...] = ()  # oldest first; the last is the current version

    def pending(self, today: str) -> tuple[Revision, ...]:
        """The revisions not yet in effect on `today` (YYYY-MM-DD)."""
        return tuple(r for r in self.revisions if r.effective > today)


@dataclass(frozen=True)
class Term:
    id: str
    term: Text
    definition: Text
    strict: bool
    source: str | None = None
    # Other forms of the English rendering that count as using it in running text
    # (a plural, the verb of a noun): "public facilities", "correct".
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One of the items the special specifications and checklists cover (①–⑨ of 3(1))."""

    id: str
    number: int
    source: str
    short: Text
    title: Text
    confirm: tuple[Text, ...]


@dataclass(frozen=True)
class AuditAim:
    """When a check is aimed: `months` after the start of the contract year (or term), or the midpoint."""

    months: int | None = None
    midpoint: bool = False


@dataclass(frozen=True)
class OnsiteRule:
    """When one of a type's checks must be an on-site check instead of its usual method."""

    id: str
    when: str  # "once_in_term" | "every_n_years_if_renewed"
    source: str
    label: Text
    years: int | None = None


@dataclass(frozen=True)
class AuditCheck:
    """One check a contract type requires: how often, how, aimed when, from which clause."""

    id: str
    repeat: str  # "every_contract_year" | "once_in_term"
    method: str  # "onsite" | "written"
    aim: AuditAim
    checklist: str  # a key of AuditSettings.checklists
    source: str
    label: Text
    onsite: OnsiteRule | None = None


@dataclass(frozen=True)
class TermFit:
    """The term that fits a contract type: equal to, shorter or longer than `months` months."""

    relation: str
    months: int


@dataclass(frozen=True)
class Sample:
    """A fixed sample contract of a type, whose checks `diff` computes with both versions."""

    start: str
    end: str
    renewed_yearly: bool = False
    last_onsite_visit: str | None = None


@dataclass(frozen=True)
class AuditRules:
    """The audit rules of one contract type (section 4(4) of the standard)."""

    applies: str  # "starts_on_or_after" | "runs_on_or_after" (the effective date)
    checks: tuple[AuditCheck, ...]
    pre_contract_guidance: str
    follow_up: str
    term: TermFit | None = None
    may_visit_instead: str | None = None
    samples: tuple[Sample, ...] = ()


@dataclass(frozen=True)
class ContractType:
    id: str
    name: Text
    summary: Text
    source: str
    audit: AuditRules | None = None


@dataclass(frozen=True)
class Action:
    """One thing staff do at a step, with the clause of the standard it comes from."""

    id: str
    text: Text
    source: str
    condition: str | None = None  # e.g. "information_system": only for such work


@dataclass(frozen=True)
class Step:
    """A stage of the procedure (before selection, selection, contract, during, follow-up)."""

    id: str
    stage: str
    title: Text
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class AuditMethod:
    name: Text
    who: Text
    description: Text


@dataclass(frozen=True)
class ChecklistRef:
    name: Text
    page: str  # staging path, e.g. "checklists/post-contract.md"


@dataclass(frozen=True)
class BeforeContract:
    """The dated check before the contract: a procedure action, `days_before_start` days early."""

    action: str
    days_before_start: int
    method: str
    checklist: str


# Values of the data a reading's text may name in braces: always these two; with `about`,
# the rule's own numbers (the aim's months of a check, the years of an on-site rule).
READING_PARAMS = ("contract_year_months", "effective")
READING_RULE_PARAMS = ("months", "years")


@dataclass(frozen=True)
class Reading:
    """How the handbook reads a point the standard leaves open (model text).

    Its text may name values of the data in braces ({contract_year_months}, {effective};
    with `about`, the id of a check or on-site rule, also that rule's {months} and {years}),
    so that no number of the rules is typed twice.
    """

    id: str
    text: Text
    model: bool = True
    about: str | None = None


@dataclass(frozen=True)
class AuditSettings:
    """What the audit rules of every contract type share."""

    methods: Mapping[str, AuditMethod]
    checklists: Mapping[str, ChecklistRef]
    before_contract: BeforeContract
    before_steps: tuple[str, ...]
    follow_up_steps: tuple[str, ...]
    contract_year_months: int  # the length of a contract year, in months from the start date
    max_term_years: int
    readings: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class Location:
    """Where a record of the standard is shown: the page (without language prefix) and anchor."""

    page: str  # e.g. "standard/section-4.md"
    anchor: str
    section: str  # id of the top-level section


@dataclass(frozen=True)
class Era:
    """A calendar era (令和, 平成, …) and its first day, for reading era dates."""

    name: Text
    start: str  # YYYY-MM-DD


@dataclass(frozen=True)
class PlanSettings:
    """The annual audit plan: fiscal year, "due soon" window, yes/no words of a register."""

    fiscal_year_start_month: int
    due_soon_days: int
    yes_words: tuple[str, ...]
    no_words: tuple[str, ...]


@dataclass(frozen=True)
class Handbook:
    document: Document
    sections: tuple[Section, ...]
    terms: tuple[Term, ...]
    ui: Mapping[str, Text]
    items: tuple[Item, ...]
    contract_types: tuple[ContractType, ...]
    steps: tuple[Step, ...] = ()
    locations: Mapping[str, Location] = field(default_factory=dict)
    records: Mapping[str, object] = field(default_factory=dict)
    clauses: "Clauses | None" = None
    checklists: ChecklistForms | None = None
    audit: AuditSettings | None = None
    eras: tuple[Era, ...] = ()
    plan: PlanSettings | None = None

    def t(self, key: str, lang: str) -> str:
        """A UI string; a missing key is a programming error caught by the tests."""
        return self.ui[key][lang]

    def locate(self, record_id: str) -> Location:
        return self.locations[record_id]

    def record(self, record_id: str):
        return self.records[record_id]


# ---------------------------------------------------------------- clause generator


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

    page: str  # built path, e.g. "checklists/pre-contract.html"
    name: Text
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
class Clauses:
    """Everything the clause generator page and clause.js need."""

    article_default: Text  # 第〇条 / Article ○, as in the standard's clause
    article_format: Text  # 第{number}条 / Article {number}
    article_max: int
    separator: Text
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
    """A compliance checklist (遵守確認表): before or after the contract."""

    id: str  # "pre-contract" | "post-contract" (its page is checklists/<id>.html)
    title: Text
    short: Text
    sheet: Text  # the spreadsheet tab name
    sources: tuple[str, ...]
    purpose: Text
    instructions: Text
    rows: tuple[ChecklistRow, ...]
    notes: tuple[str, ...] = ()  # ids of notes of the standard printed under the table


@dataclass(frozen=True)
class ChecklistForms:
    """Both checklists and the parts they share: answers, particulars, review block."""

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
