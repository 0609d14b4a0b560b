"""The one index of the ids of every data file, made once and shared by the schema's
references (`idref`) and by every check across files."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from .yamlfile import Document, mappings


@dataclass(frozen=True)
class Record:
    """A mapping with an `id`: the file it is in, where, the mapping itself, and the id of
    the record it is inside (None at the top)."""

    file: str
    path: tuple
    value: dict
    parent: str | None


class Index:
    """Every record of every file by id. An id defined twice is a problem (the first stays)."""

    def __init__(self, docs: dict[str, Document], problems: list[Problem]):
        self.records: dict[str, Record] = {}
        # file (or "file#key", the records listed at the file's top-level `key`) -> its ids;
        # None: the file could not be read, so its ids are unknown rather than absent.
        self.known: dict[str, set[str] | None] = {name: None for name in docs}
        first_line: dict[str, int] = {}
        for name, doc in docs.items():
            if doc.value is None:
                continue
            self.known[name] = set()
            inside: list[tuple[tuple, str]] = []  # (path, id) of the records around the current one
            for path, value in mappings(doc.value):
                record_id = value.get("id")
                if not isinstance(record_id, str):
                    continue
                while inside and inside[-1][0] != path[: len(inside[-1][0])]:
                    inside.pop()
                if record_id in self.records:
                    first = self.records[record_id]
                    problems.append(doc.problem(path + ("id",), "ids.duplicate", id=repr(record_id),
                                                first=f"{docs[first.file].file}:{first_line[record_id]}"))
                    continue
                self.records[record_id] = Record(name, path, value, inside[-1][1] if inside else None)
                first_line[record_id] = doc.where(path + ("id",))[0]
                self.known[name].add(record_id)
                inside.append((path, record_id))
            for key, value in (doc.value.items() if isinstance(doc.value, dict) else ()):
                if isinstance(value, list):
                    self.known[f"{name}#{key}"] = {
                        v["id"] for v in value if isinstance(v, dict) and isinstance(v.get("id"), str)
                    }

    def of(self, file: str, top: bool | None = None) -> dict[str, dict]:
        """The records of a file, id -> mapping, in the order of the file (only those at the
        top, or only those inside another record, when `top` is given)."""
        return {
            record_id: r.value for record_id, r in self.records.items()
            if r.file == file and (top is None or (r.parent is None) == top)
        }

    def get(self, record_id: object) -> dict | None:
        """The mapping of a record, or None for an unknown id."""
        record = self.records.get(record_id) if isinstance(record_id, str) else None
        return record.value if record else None

    def parent(self, record_id: str) -> dict | None:
        """The mapping of the record a record is inside."""
        record = self.records.get(record_id)
        return self.get(record.parent) if record and record.parent else None
