"""The standard's records (sections, blocks, list items, notes, tables), the document's
facts and revisions, glossary terms, the items ①–⑨, and where each record is shown."""

from __future__ import annotations

from dataclasses import dataclass

from .text import Text


def section_page(section_id: str) -> str:
    """The staging path of a top-level section's page."""
    return f"standard/{section_id}.md"


GLOSSARY_PAGE = "glossary.md"  # the staging path of the glossary, where every term is


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
    items: tuple[ListItem, ...] = ()
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
class ClauseBlock:
    """A clause the standard gives word for word (kind: clause)."""

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


Block = Paragraph | Heading | NoteBlock | ListBlock | ClauseBlock | Table


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    title: Text
    blocks: tuple[Block, ...]
    subsections: tuple[Section, ...] = ()


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
    # The rendering is used only where the Japanese has the term (“designation” never for 指定管理).
    exclusive: bool = False


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
class Location:
    """Where a record of the standard is shown: the page (without language prefix) and anchor."""

    page: str  # e.g. "standard/s4.md"
    anchor: str
    section: str  # id of the top-level section


