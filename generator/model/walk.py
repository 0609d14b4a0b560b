"""The one walk of the standard's tree: a record's children, and every record inside it."""

from __future__ import annotations

from typing import Iterator

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
    yield record
    for child in children(record):
        yield from walk(child)
