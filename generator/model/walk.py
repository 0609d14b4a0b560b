"""The one walk of the standard's tree: a record's children, and every record inside it,
with the chain of records it is inside."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .standard import ListBlock, ListItem, Section, Table


def children(record) -> tuple:
    """The records directly inside a record, in the order of the standard."""
    if isinstance(record, Section):
        return record.blocks + record.subsections
    if isinstance(record, ListBlock):
        return record.items
    if isinstance(record, ListItem):
        return record.items + record.notes
    if isinstance(record, Table):
        return record.columns
    return ()


def walk(record) -> Iterator:
    """The record and every record inside it, depth first, in the order of the standard."""
    for inner, _parents in walk_with_parents(record):
        yield inner


def walk_with_parents(record, parents: tuple = ()) -> Iterator[tuple[object, tuple]]:
    """(record, the records it is inside, outermost first) for the record and every record
    inside it, depth first, in the order of the standard."""
    yield record, parents
    for child in children(record):
        yield from walk_with_parents(child, parents + (record,))


def tree(sections: Iterable[Section]) -> Iterator[tuple[object, tuple]]:
    """(record, parents) for every record of the standard, section by section."""
    for section in sections:
        yield from walk_with_parents(section)
