"""Messages for schema errors: each jsonschema error as located problems that say what
was expected and what was found."""

from __future__ import annotations

import re

from ..errors import Problem
from .yamlfile import Document, format_path

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def _found(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int):
        return f"the number {value}"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)


def _expected_type(schema_type) -> str:
    if isinstance(schema_type, list):
        return " or ".join(_TYPE_NAMES.get(t, t) for t in schema_type)
    return _TYPE_NAMES.get(schema_type, schema_type)


def schema_problems(doc: Document, error) -> list[Problem]:
    """Turn one jsonschema error into located problems with 'expected …, found …'."""
    path = tuple(error.absolute_path)
    kind = error.validator
    inst = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    def at(p, key=False, message=""):
        line, col = doc.where(p, key=key)
        return Problem(doc.file, line, col, format_path(p), message)

    if kind == "additionalProperties" and isinstance(inst, dict):
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in inst if k not in schema.get("properties", {})]
        return [
            at(path + (k,), key=True, message=f"expected one of the fields {', '.join(allowed)}; found unknown field {k!r}")
            for k in extras
        ]
    if kind == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        name = missing.group(1) if missing else str(error.validator_value)
        return [at(path, message=f"expected the field {name!r}, found none")]
    if kind == "type":
        return [at(path, message=f"expected {_expected_type(error.validator_value)}, found {_found(inst)}")]
    if kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        return [at(path, message=f"expected one of {', '.join(repr(o) for o in options)}; found {_found(inst)}")]
    if kind == "idref":
        files = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        where = " or ".join(f"{f}.yaml" if "#" not in f else "{}.yaml $.{}".format(*f.split("#", 1)) for f in files)
        return [at(path, message=f"expected the id of a record in {where}, found unknown id {inst!r}")]
    if kind == "minItems":
        return [at(path, message=f"expected at least {error.validator_value} entries, found {len(inst)}")]
    if kind == "minProperties":
        return [at(path, message=f"expected at least {error.validator_value} entries, found {len(inst)}")]
    if kind in ("minLength", "pattern", "format", "maxLength", "minimum", "maximum"):
        wanted = schema.get("description") or f"{kind} {error.validator_value}"
        if kind == "minimum":
            wanted = f"a number of at least {error.validator_value}"
        return [at(path, message=f"expected {wanted}, found {_found(inst)}")]
    if kind == "propertyNames":
        return [at(path, message=f"expected keys that are {schema.get('propertyNames', {}).get('description', 'valid')}, found {_found(inst)}")]
    return [at(path, message=f"expected {schema.get('description', 'valid data')}, found {_found(inst)} ({error.message})")]

