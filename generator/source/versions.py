"""The audit rules of earlier versions of the standard, kept in the data folder.

An amendment decided before it takes effect leaves contracts that started before its
effective date under the rules they started with (section 5 of the standard, as the data
reads it). So the data keeps, for each earlier revision of document.yaml `revisions`, the
contract types as they stood under it: `versions/<revision id>/contract_types.yaml`, a
copy of that file written by `python -m generator keep-version` (never retyped). Each is
read and validated like the data's own contract_types.yaml, against the rest of the data;
the last revision's rules are the data's own file.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, problem
from ..messages import msg
from .yamlfile import Document, read

FOLDER = "versions"
FILE = "contract_types.yaml"


def revision_ids(document: Document) -> list[str]:
    """The ids of document.yaml's revisions, oldest first (the data is valid)."""
    value = document.value if isinstance(document.value, dict) else {}
    return [r["id"] for r in value.get("revisions") or ()]


def read_versions(data_dir: Path, docs: dict[str, Document], problems: list[Problem]) -> dict[str, Document]:
    """Every kept version's contract_types.yaml, by revision id; a folder that is not an
    earlier revision's, or one without the file, is a problem."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return {}
    shown = f"{data_dir.as_posix().rstrip('/')}/{FOLDER}"
    ids = revision_ids(docs["document"])
    earlier = ids[:-1]
    out: dict[str, Document] = {}
    for entry in sorted(folder.iterdir()):
        where = f"{shown}/{entry.name}"
        if entry.name not in earlier:
            what = msg("versions.is_last" if ids and entry.name == ids[-1] else "versions.no_revision")
            expected = ", ".join(earlier) or msg("versions.none_earlier")
            problems.append(problem(where, 1, 1, "$", "versions.not_earlier", expected=expected,
                                    found=repr(entry.name), what=what))
            continue
        out[entry.name] = read(entry / FILE, f"{where}/{FILE}", problems)
    return out


def missing(docs: dict[str, Document], kept: dict[str, Document]) -> list[str]:
    """The earlier revisions whose rules the data does not keep."""
    return [i for i in revision_ids(docs["document"])[:-1] if i not in kept]
