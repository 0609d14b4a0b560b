"""Read one YAML file into plain Python values and the position of every node.

YAML's implicit typing is narrowed on purpose: only `true`/`false`, `null`/`~`/empty and
plain decimal integers are typed; everything else (dates, `1.10`, `no`, `on`) stays the
string the maintainer wrote. Duplicate keys are reported, not silently overwritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem

Path_ = tuple  # a path into a document: keys (str) and indexes (int)


class _Resolver(yaml.resolver.BaseResolver):
    """Tag resolution with only the implicit types the data format allows."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""]
)


class _Composer(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Resolver,
):
    def __init__(self, stream):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


try:  # libyaml is ~20× faster; its error messages are vaguer, so errors are re-read in Python
    from yaml.cyaml import CParser as _CParser

    class _FastComposer(_CParser, _Resolver):
        def __init__(self, stream):
            _CParser.__init__(self, stream)
            _Resolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastComposer = None


def _compose(text: str):
    """The node tree of `text`; raises the pure-Python parser's MarkedYAMLError if invalid."""
    if _FastComposer is not None:
        fast = _FastComposer(text)
        try:
            return fast.get_single_node()
        except yaml.MarkedYAMLError:
            pass  # fall through: the Python parser gives the clearer message
        finally:
            fast.dispose()
    composer = _Composer(text)
    try:
        return composer.get_single_node()
    finally:
        composer.dispose()


@dataclass
class Document:
    """A parsed file: its value, where each node starts, and where each mapping key is."""

    file: str
    value: object = None
    positions: dict = field(default_factory=dict)  # path -> (line, column) of the value
    key_positions: dict = field(default_factory=dict)  # path -> (line, column) of the key

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """The closest known position of a path (the key itself when `key` is set)."""
        path = tuple(path)
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def mappings(value, path: Path_ = ()):
    """Yield (path, mapping) for every mapping in a parsed document, depth first."""
    if isinstance(value, dict):
        yield path, value
        for key, child in value.items():
            yield from mappings(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from mappings(child, path + (i,))


def format_path(path: Path_) -> str:
    """`("sections", 2, "title", "en")` -> `$.sections[2].title.en`."""
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", part):
            out += f".{part}"
        else:
            out += "[" + repr(part) + "]"
    return out


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    def __init__(self, doc: Document, problems: list[Problem]):
        self.doc = doc
        self.problems = problems

    def problem(self, at: tuple[int, int], path: Path_, message: str) -> None:
        self.problems.append(Problem(self.doc.file, at[0], at[1], format_path(path), message))

    def convert(self, node, path: Path_):
        self.doc.positions[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(child, path + (i,)) for i, child in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node, path: Path_) -> dict:
        out: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(_mark(key_node), path, "expected a plain key, found a complex key")
                continue
            key = key_node.value
            if key_node.tag == "tag:yaml.org,2002:merge" or key == "<<":
                self.problem(_mark(key_node), path, "expected a plain key, found a merge key '<<'")
                continue
            child = path + (key,)
            if key in out:
                self.problem(
                    _mark(key_node),
                    child,
                    f"expected each key once, found '{key}' again (first on line {first_line[key]})",
                )
                continue
            first_line[key] = _mark(key_node)[0]
            self.doc.key_positions[child] = _mark(key_node)
            out[key] = self.convert(value_node, child)
        return out

    def scalar(self, node, path: Path_):
        if node.style:  # quoted or block scalar: always a string (plain: None or "")
            return node.value
        tag = node.tag
        if tag == "tag:yaml.org,2002:bool":
            return node.value == "true"
        if tag == "tag:yaml.org,2002:int":
            return int(node.value)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:str":
            return node.value
        self.problem(_mark(node), path, f"expected plain text, found the YAML tag {tag}")
        return node.value


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _syntax_message(problem: str) -> str:
    """PyYAML's problem text as 'expected …, found …'."""
    if "\t" in problem or "\\t" in problem:
        return "expected valid YAML, found a tab character (indent with spaces)"
    match = re.match(r"expected (.+), but (?:found|got) (.+)$", problem)
    if match:
        return f"expected valid YAML ({match.group(1)}), found {match.group(2)}"
    match = re.match(r"could not find expected (.+)$", problem)
    if match:
        return f"expected valid YAML ({match.group(1)}), found none"
    return f"expected valid YAML, found {problem or 'a syntax error'}"


def read(path: Path, shown_as: str, problems: list[Problem]) -> Document:
    """Parse one file; problems are appended to `problems` and never raised."""
    doc = Document(shown_as)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(shown_as, 1, 1, "$", "expected this data file, found no such file"))
        return doc
    except OSError as exc:
        problems.append(Problem(shown_as, 1, 1, "$", f"expected a readable file, found {exc.strerror}"))
        return doc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_of_offset(raw, exc.start)
        problems.append(
            Problem(
                shown_as, line, column, "$",
                f"expected UTF-8 text, found the byte 0x{raw[exc.start]:02x}",
            )
        )
        return doc
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.append(Problem(shown_as, line, column, "$", _syntax_message(exc.problem or "")))
        return doc
    if node is None:
        problems.append(Problem(shown_as, 1, 1, "$", "expected a mapping, found an empty file"))
        return doc
    doc.value = _Converter(doc, problems).convert(node, ())
    return doc
