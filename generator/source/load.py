"""Load the data folder: read every file with positions, validate, check across files,
and assemble the model.

Every problem of every file is collected and raised together as one `DataError`;
`load()` either returns a complete `Handbook` or raises, never anything else.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Mapping

from ..errors import DataError, Problem
from ..model import Handbook
from ..model.assemble import assemble
from .checks import CROSS_FILE_CHECKS
from .messages import schema_problems
from .schema import SCHEMAS, iter_errors
from .versions import read_versions
from .yamlfile import MISSING, Document, format_path, mappings, read


def read_all(data_dir: Path) -> tuple[dict[str, Document], list[Problem]]:
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    shown = data_dir.as_posix().rstrip("/")
    for name in SCHEMAS:
        docs[name] = read(data_dir / f"{name}.yaml", f"{shown}/{name}.yaml", problems)
    expected = ", ".join(n + ".yaml" for n in SCHEMAS)
    misspelt: set[str] = set()
    if data_dir.is_dir():
        for extra in sorted(data_dir.iterdir()):
            name = extra.name
            stem, _, suffix = name.rpartition(".")
            if suffix.lower() not in ("yaml", "yml") or (stem in SCHEMAS and suffix == "yaml"):
                continue
            proper = data_dir / f"{stem.lower()}.yaml"
            if stem.lower() in SCHEMAS:  # GLOSSARY.YAML, glossary.yml: never silently ignored
                if proper.exists() and os.path.samefile(proper, extra):
                    continue  # a file system that ignores case read it as the proper name
                misspelt.add(f"{shown}/{stem.lower()}.yaml")
                message = f"expected the name {stem.lower()}.yaml (lowercase, ending in .yaml), found {name!r}, which is not read"
            else:
                message = f"expected one of the data files {expected}; found an unknown file"
            problems.append(Problem(f"{shown}/{name}", 1, 1, "$", message))
    # A file missing because it is spelt otherwise is one problem, not two.
    problems = [p for p in problems if not (p.file in misspelt and p.message == MISSING)]
    return docs, problems



def validate(docs: dict[str, Document], problems: list[Problem], ui_keys: Mapping[str, str] = {}) -> set[str]:
    """Append every schema, id and reference problem of all documents, and every UI key of
    `ui_keys` (key: where it is used) that ui.yaml lacks, to `problems`; return the names of the files that are unreadable or do not match their schema."""
    known: dict[str, set[str] | None] = {
        name: (set() if docs[name].value is not None else None) for name in SCHEMAS
    }
    first_seen: dict[str, tuple[str, int]] = {}
    for name, doc in docs.items():
        found = [(v["id"], p + ("id",)) for p, v in mappings(doc.value) if isinstance(v.get("id"), str)]
        for record_id, path in found:
            line, col = doc.where(path)
            if record_id in first_seen:
                other_file, other_line = first_seen[record_id]
                problems.append(
                    Problem(doc.file, line, col, format_path(path),
                            f"expected a unique id, found {record_id!r} again (first at {other_file}:{other_line})")
                )
                continue
            first_seen[record_id] = (doc.file, line)
            known[name].add(record_id)
        # "file#key": the ids of the records listed at the file's top-level `key` (ref("file#key")).
        for key, value in (doc.value.items() if isinstance(doc.value, dict) else ()):
            if isinstance(value, list):
                known[f"{name}#{key}"] = {v["id"] for v in value if isinstance(v, dict) and isinstance(v.get("id"), str)}
    invalid = {name for name, doc in docs.items() if doc.value is None}
    for name, doc in docs.items():
        if doc.value is None:
            continue
        errors = [
            e for e in iter_errors(SCHEMAS[name], doc.value, known)
            if not any(tuple(e.absolute_path)[: len(r)] == r for r in doc.reported)
        ]
        if errors or doc.reported:
            invalid.add(name)
        for error in errors:
            problems.extend(schema_problems(doc, error))

    ui = docs["ui"]
    strings = ui.value.get("strings") if isinstance(ui.value, dict) else None
    if isinstance(strings, dict):
        for key, where in sorted(ui_keys.items()):
            if key not in strings:
                line, col = ui.where(("strings",), key=True)
                problems.append(
                    Problem(ui.file, line, col, "$.strings",
                            f"expected the key {key!r} (used by {where}), found none")
                )
    return invalid



def load(data_dir: Path | str, ui_keys: Mapping[str, str] = {}) -> Handbook:
    """Read, validate and model the data folder, or raise `DataError` with every problem.

    `ui_keys` are the UI strings the site asks for, each with where it is used (the site
    layer lists them: `generator.site.registry.ui_keys_used`)."""
    data_dir = Path(data_dir)
    docs, problems = read_all(data_dir)
    invalid = validate(docs, problems, ui_keys)
    # Every check whose files are sound runs, so independent problems show at once; a
    # check that reads a broken file is skipped, since it would only repeat that problem.
    for inputs, check in CROSS_FILE_CHECKS:
        if not invalid.intersection(inputs):
            check(docs, problems)
    kept = {} if "document" in invalid else check_versions(data_dir, docs, problems)
    if problems:
        raise DataError(problems)
    hb = assemble({name: doc.value for name, doc in docs.items()})
    if not kept:
        return hb
    earlier = {i: assemble({**{n: d.value for n, d in docs.items()}, "contract_types": d.value}).contract_types
               for i, d in kept.items()}
    return replace(hb, earlier_rules=earlier)


def check_versions(data_dir: Path, docs: dict[str, Document], problems: list[Problem]) -> dict[str, Document]:
    """The earlier versions' contract_types.yaml the data keeps (generator.source.versions),
    each validated like contract_types.yaml against the rest of the data; append their
    problems to `problems`."""
    kept = read_versions(data_dir, docs, problems)
    for doc in kept.values():
        if doc.value is None:
            continue
        swapped = {**docs, "contract_types": doc}
        found: list[Problem] = []
        invalid = validate(swapped, found)
        for inputs, check in CROSS_FILE_CHECKS:
            if "contract_types" in inputs and not invalid.intersection(inputs):
                check(swapped, found)
        problems += [p for p in found if p.file == doc.file]
    return {i: d for i, d in kept.items() if d.value is not None}

