"""Hostile data: every text field of every data file, found by walking the JSON schemas,
gets markup, script, a Markdown link or a spreadsheet formula put in front of its text.

Which fields are text comes from the schemas (`generator.source.schema.SCHEMAS`), not from a
list: a string field is poisoned unless it refers to a record (`idref`), is one of fixed
values (`enum`, `const`), or the payload would break its shape (`pattern`, `format`,
`maxLength`, …) — checked by validating the poisoned value against the field's own schema.
Ids, dates, enum values and numbers therefore stay valid and the data still builds.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import jsonschema
import yaml

from generator.errors import DataError
from generator.commands.load import load
from generator.source.schema import SCHEMAS

# Each payload must show on the page exactly as written. All contain TOKEN, so a page
# whose text holds TOKEN anywhere outside a whole payload has turned data into markup.
PAYLOADS = (
    '<img src=x onerror="window.__pwned=1">',
    '"><script>window.__pwned=1</script>',
    "[x](javascript:window.__pwned=1)",
    '=HYPERLINK("http://x/__pwned","y")',
    "<img src=x onerror=window.__pwned=1>",  # no comma or double quote (option labels)
    "'><svg onload=window.__pwned=1>",
    "**<b>__pwned</b>** _a_ `c` &amp; &lt;",
    "+__pwned",
    "@__pwned",
    "-__pwned",
    "a\n\n[x](javascript:window.__pwned=1)\n\n<img src=x onerror=window.__pwned=1>",  # blank lines
    "</title><img src=x onerror=window.__pwned=1>",
)
# Where the field's schema allows only a short text (e.g. list markers, at most 8).
SHORT = ("<i>__pwn", "[__pwn]", "<b>__pwn")
# The token every payload holds: text around it must be a whole payload.
TOKEN = "__pwn"


def _resolve(schema: dict, root: dict) -> dict:
    ref = schema.get("$ref")
    if ref:
        node = root
        for part in ref.lstrip("#/").split("/"):
            node = node[part]
        return node
    return schema


def _fits(value: str, schema: dict) -> bool:
    leaf = {k: v for k, v in schema.items() if k != "idref"}
    validator = jsonschema.Draft202012Validator(leaf, format_checker=jsonschema.FormatChecker())
    return validator.is_valid(value)


def _is_text(schema: dict) -> bool:
    return (
        schema.get("type") == "string"
        and "idref" not in schema
        and "enum" not in schema
        and "const" not in schema
        and "format" not in schema
    )


class Poisoner:
    """Walks a data value alongside its schema and poisons every text string."""

    def __init__(self):
        self.payloads = itertools.cycle(PAYLOADS)
        self.short = itertools.cycle(SHORT)
        self.poisoned: list[tuple[str, str]] = []  # ($.path, new value)
        self.skipped: list[str] = []  # text-typed fields whose shape no payload fits
        self.kept: list[str] = []  # fields the loader's cross-checks tie to another
        self.file = ""  # the data file being walked

    def _string(self, value: str, schema: dict, path: str) -> str:
        if not _is_text(schema):
            return value
        for _ in range(len(PAYLOADS)):
            candidate = f"{next(self.payloads)} {value}"
            if _fits(candidate, schema):
                self.poisoned.append((f"{self.file}:{path}", candidate))
                return candidate
        for _ in range(len(SHORT)):
            candidate = next(self.short)
            if _fits(candidate, schema):
                self.poisoned.append((f"{self.file}:{path}", candidate))
                return candidate
        self.skipped.append(f"{self.file}:{path}")
        return value

    def walk(self, value, schema: dict, root: dict, path: str = "$"):
        schema = _resolve(schema, root)
        by_kind = schema.get("by_kind")
        if by_kind and isinstance(value, dict):
            chosen = by_kind["schemas"].get(value.get(by_kind["field"]))
            if chosen is not None:
                schema = chosen
        if isinstance(value, str):
            return self._string(value, schema, path)
        if isinstance(value, list):
            item = schema.get("items", {})
            return [self.walk(v, item, root, f"{path}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, dict):
            props = schema.get("properties", {})
            extra = schema.get("additionalProperties")
            out = {}
            for key, child in value.items():
                sub = props.get(key, extra if isinstance(extra, dict) else {})
                out[key] = self.walk(child, sub, root, f"{path}.{key}")
            return out
        return value


def _restore(poisoned, original, path: str):
    """Put the original value back at `path` (`$.a[2].b`) of `poisoned`."""
    steps = re.findall(r"\.([A-Za-z0-9_]+)|\[(\d+)\]", path[1:])
    node, orig = poisoned, original
    for i, (key, index) in enumerate(steps):
        k = key if key else int(index)
        if i == len(steps) - 1:
            node[k] = orig[k]
        else:
            node, orig = node[k], orig[k]


def poison_data(source: Path, target: Path) -> Poisoner:
    """Write a poisoned copy of the data folder `source` into `target`.

    A field that the loader's cross-file checks tie to another (a party name must occur in
    the clause's text, the blank in the article) keeps its original text: the loader names
    each such field, so this too comes from the generator, not from a list.
    """
    target.mkdir(parents=True, exist_ok=True)
    poisoner = Poisoner()
    originals, values = {}, {}
    for name, schema in SCHEMAS.items():
        poisoner.file = name
        originals[name] = yaml.safe_load((source / f"{name}.yaml").read_text(encoding="utf-8"))
        values[name] = poisoner.walk(originals[name], schema, schema)
    for _ in range(5):
        for name, value in values.items():
            (target / f"{name}.yaml").write_text(
                yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8"
            )
        try:
            load(target)
            break
        except DataError as error:
            for problem in error.problems:
                name = Path(problem.file).stem
                _restore(values[name], originals[name], problem.path)
                poisoner.kept.append(f"{name}:{problem.path}")
    else:
        raise AssertionError("the poisoned data does not load")
    poisoner.poisoned = [(p, v) for p, v in poisoner.poisoned if p not in poisoner.kept]
    return poisoner
