"""Messages for schema errors: each jsonschema error as located problems that say what
was expected and what was found."""

from __future__ import annotations

import re

from ..errors import Problem
from ..messages import Msg, msg
from .yamlfile import Document

_TYPES = ("object", "array", "string", "integer", "number", "boolean", "null")


def _found(value: object) -> Msg | str:
    if value is None:
        return msg("found.nothing")
    if isinstance(value, bool):
        return msg(f"found.{str(value).lower()}")
    if isinstance(value, dict):
        return msg("found.object")
    if isinstance(value, list):
        return msg("found.array")
    if isinstance(value, int):
        return msg("found.number", value=value)
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)


def _type(name: str) -> Msg | str:
    return msg(f"type.{name}") if name in _TYPES else name


def _expected_type(schema_type) -> Msg | str | tuple:
    if isinstance(schema_type, list):
        return tuple(_type(t) for t in schema_type)
    return _type(schema_type)


def _described(schema: dict) -> Msg | None:
    """What a schema asks for in words: its `description`, a code of the message table."""
    code = schema.get("description")
    return msg(code) if code else None


def schema_problems(doc: Document, error) -> list[Problem]:
    """Turn one jsonschema error into located problems with 'expected …, found …'."""
    path = tuple(error.absolute_path)
    kind = error.validator
    inst = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    def at(code: str, **params) -> list[Problem]:
        return [doc.problem(path, code, **params)]

    if kind == "additionalProperties" and isinstance(inst, dict):
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in inst if k not in schema.get("properties", {})]
        return [
            doc.problem(path + (k,), "schema.unknown_field", on_key=True, allowed=", ".join(allowed), name=repr(k))
            for k in extras
        ]
    if kind == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        name = missing.group(1) if missing else str(error.validator_value)
        return at("schema.required", name=repr(name))
    if kind == "type":
        return at("schema.type", expected=_expected_type(error.validator_value), found=_found(inst))
    if kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        return at("schema.enum", options=", ".join(repr(o) for o in options), found=_found(inst))
    if kind == "idref":
        files = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        where = tuple(f"{f}.yaml" if "#" not in f else "{}.yaml $.{}".format(*f.split("#", 1)) for f in files)
        return at("schema.idref", where=where, id=repr(inst))
    if kind in ("minItems", "minProperties"):
        return at("schema.min_entries", min=error.validator_value, count=len(inst))
    if kind == "minimum":
        return at("schema.minimum", min=error.validator_value, found=_found(inst))
    if kind in ("minLength", "pattern", "format", "maxLength", "maximum"):
        wanted = _described(schema) or f"{kind} {error.validator_value}"
        return at("schema.described", wanted=wanted, found=_found(inst))
    if kind == "propertyNames":
        return at("schema.key_names", wanted=_described(schema.get("propertyNames", {})) or msg("schema.desc.valid_key"),
                  found=_found(inst))
    return at("schema.other", wanted=_described(schema) or msg("schema.desc.valid"), found=_found(inst),
              detail=error.message)
