"""Load the data folder: read every file with positions, validate, check across files,
and assemble the model.

Every problem of every file is collected and raised together as one `DataError`;
`load()` either returns a complete `Handbook` or raises, never anything else.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from collections.abc import Mapping

from ..errors import DataError, Problem, problem
from ..model import Handbook
from ..model.assemble import assemble
from ..model.cite import UI_KEY as CITE_KEY
from .checks import CROSS_FILE_CHECKS
from .ids import Index
from .messages import schema_problems
from .schema import SCHEMAS, iter_errors
from .versions import read_versions
from .yamlfile import MISSING, Document, read

# The UI strings the model itself reads (the citation form), wherever the site is.
MODEL_UI_KEYS = {CITE_KEY: "generator/model/cite.py"}


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
                problems.append(problem(f"{shown}/{name}", 1, 1, "$", "file.misspelt",
                                        proper=f"{stem.lower()}.yaml", name=repr(name)))
            else:
                problems.append(problem(f"{shown}/{name}", 1, 1, "$", "file.unknown", expected=expected))
    # A file missing because it is spelt otherwise is one problem, not two.
    problems = [p for p in problems if not (p.file in misspelt and p.code == MISSING)]
    return docs, problems


def validate(docs: dict[str, Document], problems: list[Problem], ui_keys: Mapping[str, str] = {}) -> tuple[set[str], Index]:
    """Append every schema, id and reference problem of all documents, and every UI key of
    `ui_keys` (key: where it is used) that ui.yaml lacks, to `problems`; return the names
    of the files that are unreadable or do not match their schema, and the index of ids."""
    index = Index(docs, problems)
    invalid = {name for name, doc in docs.items() if doc.value is None}
    for name, doc in docs.items():
        if doc.value is None:
            continue
        errors = [
            e for e in iter_errors(SCHEMAS[name], doc.value, index.known)
            if not any(tuple(e.absolute_path)[: len(r)] == r for r in doc.reported)
        ]
        if errors or doc.reported:
            invalid.add(name)
        for error in errors:
            problems.extend(schema_problems(doc, error))

    ui = docs["ui"]
    strings = ui.value.get("strings") if isinstance(ui.value, dict) else None
    if isinstance(strings, dict):
        for key, where in sorted({**MODEL_UI_KEYS, **ui_keys}.items()):
            if key not in strings:
                problems.append(ui.problem(("strings",), "ui.missing_key", on_key=True, name=repr(key), where=where))
    return invalid, index


def load(data_dir: Path | str, ui_keys: Mapping[str, str] = {}) -> Handbook:
    """Read, validate and model the data folder, or raise `DataError` with every problem.

    `ui_keys` are the UI strings the site asks for, each with where it is used (the site
    layer lists them: `generator.site.registry.ui_keys_used`)."""
    data_dir = Path(data_dir)
    docs, problems = read_all(data_dir)
    invalid, index = validate(docs, problems, ui_keys)
    # Every check whose files are sound runs, so independent problems show at once; a
    # check that reads a broken file is skipped, since it would only repeat that problem.
    for inputs, check in CROSS_FILE_CHECKS:
        if not invalid.intersection(inputs):
            check(docs, index, problems)
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
        invalid, index = validate(swapped, found)
        for inputs, check in CROSS_FILE_CHECKS:
            if "contract_types" in inputs and not invalid.intersection(inputs):
                check(swapped, index, found)
        problems += [p for p in found if p.file == doc.file]
    return {i: d for i, d in kept.items() if d.value is not None}

