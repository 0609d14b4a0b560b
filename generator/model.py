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


@dataclass(frozen=True)
class Term:
    id: str
    term: Text
    definition: Text
    strict: bool
    source: str | None = None


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
class AuditRules:
    """The audit rules of one contract type (section 4(4) of the standard)."""

    applies: str  # "starts_on_or_after" | "runs_on_or_after" (the effective date)
    checks: tuple[AuditCheck, ...]
    pre_contract_guidance: str
    follow_up: str
    term: TermFit | None = None
    may_visit_instead: str | None = None


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


@dataclass(frozen=True)
class Reading:
    """How the handbook reads a point the standard leaves open (model text)."""

    id: str
    text: Text
    model: bool = True


@dataclass(frozen=True)
class AuditSettings:
    """What the audit rules of every contract type share."""

    methods: Mapping[str, AuditMethod]
    checklists: Mapping[str, ChecklistRef]
    before_contract: BeforeContract
    before_steps: tuple[str, ...]
    follow_up_steps: tuple[str, ...]
    max_term_years: int
    readings: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class Location:
    """Where a record of the standard is shown: the page (without language prefix) and anchor."""

    page: str  # e.g. "standard/section-4.md"
    anchor: str
    section: str  # id of the top-level section


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
    audit: AuditSettings | None = None

    def t(self, key: str, lang: str) -> str:
        """A UI string; a missing key is a programming error caught by the tests."""
        return self.ui[key][lang]

    def locate(self, record_id: str) -> Location:
        return self.locations[record_id]

    def record(self, record_id: str):
        return self.records[record_id]
