"""Read one YAML file into plain Python values and the position of every node.

YAML's implicit typing is narrowed on purpose: only `true`/`false`, `null`/`~`/empty and
plain decimal integers are typed; everything else (dates, `1.10`, `no`, `on`) stays the
string the maintainer wrote. Duplicate keys are reported, not silently overwritten.

What a data file may not do, each refused with a located problem before anything else
reads it: be anything but a regular file (a folder, a named pipe, a device such as
/dev/zero, even through a link), be larger than `MAX_BYTES`, hold control characters or
lone surrogates, nest deeper than `MAX_DEPTH`, use anchors, aliases or tags, hold more
than one YAML document, or write a whole number of more than `MAX_DIGITS` digits.

(Over 300 lines on purpose: reading, screening and converting one file share the parser's
events and marks; split, each part would have to re-read or pass them around.)
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Problem

Path_ = tuple  # a path into a document: keys (str) and indexes (int)

MAX_BYTES = 16 * 1024 * 1024  # one data file; the default data is about 40 KB a file
MAX_DEPTH = 48  # nested mappings and lists; the default data nests 12 deep at most
MAX_DIGITS = 15  # whole numbers; JavaScript counts exactly up to 16 digits
MAX_EVENT_PROBLEMS = 20  # refused constructs reported per file before stopping

# What PyYAML's reader refuses (YAML 1.1's printable set), and lone surrogates, which
# an escape such as "\ud800" can produce and no UTF-8 file can hold.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters an escape in a quoted scalar ("\x05", "\u001b") can produce, though the
# file holds none: text in pages and spreadsheets cannot hold them (tab and line breaks can).
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF"}


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


def _events(text: str, fast: bool):
    """The parse events of `text` (libyaml if `fast` and available, else pure Python)."""
    parser = yaml.cyaml.CParser(text) if fast and _FastComposer is not None else _Composer(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _screen(text: str, fast: bool = True) -> list[tuple[int, int, str]]:
    """Refused constructs, found without building anything: too deep, anchors, aliases,
    tags, a second document. Iterative, so neither depth nor aliases can exhaust it;
    raises MarkedYAMLError on a syntax error."""
    found: list[tuple[int, int, str]] = []
    said: set[str] = set()  # anchors and aliases: the first of each is enough
    depth = 0
    documents = 0
    for event in _events(text, fast):
        at = _mark(event)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                found.append((*at, "expected one YAML document in the file, found a second one (after '---' or '...')"))
                break
        elif isinstance(event, yaml.AliasEvent):
            if "alias" in said:
                continue
            said.add("alias")
            found.append((*at, f"expected plain data, found the alias *{event.anchor} (anchors and aliases are not allowed: write the text out)"))
        elif isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.anchor is not None and "anchor" not in said:
                said.add("anchor")
                found.append((*at, f"expected plain data, found the anchor &{event.anchor} (anchors and aliases are not allowed: write the text out)"))
            if event.tag is not None and event.tag != "!":
                what = "text" if isinstance(event, yaml.ScalarEvent) else "a mapping" if isinstance(event, yaml.MappingStartEvent) else "a list"
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                found.append((*at, f"expected {what} without a YAML tag, found the tag {tag}"))
            if not isinstance(event, yaml.ScalarEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    found.append((*at, f"expected mappings and lists nested at most {MAX_DEPTH} deep, found deeper nesting"))
                    break
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if len(found) >= MAX_EVENT_PROBLEMS:
            break
    return found


def _compose(text: str, fast: bool = True):
    """The node tree of `text`; raises the pure-Python parser's MarkedYAMLError if invalid."""
    if fast and _FastComposer is not None:
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
    reported: set = field(default_factory=set)  # paths whose value was refused while reading

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
        self.doc.reported.add(tuple(path))
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
            if key.startswith("\u3000"):
                self.problem(_mark(key_node), path, FULL_WIDTH_INDENT)
                continue
            if _SURROGATE.search(key):
                self.problem(_mark(key_node), path, SURROGATE)
                continue
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
        if _SURROGATE.search(node.value):
            self.problem(_mark(node), path, SURROGATE)
            return None
        control = _ESCAPED_CONTROL.search(node.value)
        if control:
            self.problem(_mark(node), path, _control_message(control.group(0)))
            return None
        if node.style:  # quoted or block scalar: always a string (plain: None or "")
            return node.value
        tag = node.tag
        if tag == "tag:yaml.org,2002:bool":
            return node.value == "true"
        if tag == "tag:yaml.org,2002:int":
            digits = len(node.value.lstrip("-"))
            if digits > MAX_DIGITS:
                self.problem(_mark(node), path,
                             f"expected a whole number of at most {MAX_DIGITS} digits, found one of {digits} digits")
                return None
            return int(node.value)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:str":
            return node.value
        self.problem(_mark(node), path, f"expected plain text, found the YAML tag {tag}")
        return node.value


MISSING = "expected this data file, found no such file"
FULL_WIDTH_INDENT = "expected indentation with spaces, found a full-width space (U+3000)"
SURROGATE = "expected text, found a lone surrogate (an escape such as \\ud800 that is no character)"


def _line_of_offset(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column


def _syntax_message(problem: str, lines: list[str] = ()) -> str:
    """PyYAML's problem text as 'expected …, found …'; `lines` are the lines the error
    names, to recognise indentation with full-width spaces."""
    if "\t" in problem or "\\t" in problem:
        return "expected valid YAML, found a tab character (indent with spaces)"
    if any("\u3000" in re.match(r"[ \u3000]*", line).group(0) for line in lines):
        return FULL_WIDTH_INDENT
    if "single document" in problem:
        return "expected one YAML document in the file, found a second one (after '---' or '...')"
    match = re.match(r"expected (.+), but (?:found|got) (.+)$", problem)
    if match:
        return f"expected valid YAML ({match.group(1)}), found {match.group(2)}"
    match = re.match(r"could not find expected (.+)$", problem)
    if match:
        return f"expected valid YAML ({match.group(1)}), found none"
    problem = re.sub(r"^found ", "", problem)
    return f"expected valid YAML, found {problem or 'a syntax error'}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_bytes(path: Path) -> bytes | str:
    """The file's bytes, or what is wrong with it. Never blocks on a pipe or reads a
    device: the type is checked (through links) before and after opening, and at most
    MAX_BYTES + 1 bytes are read."""
    try:
        before = os.stat(path)
    except FileNotFoundError:
        return MISSING
    except OSError as exc:
        return f"expected a readable file, found {exc.strerror}"
    if not stat.S_ISREG(before.st_mode):
        return f"expected a regular file, found {_kind(before.st_mode)}"
    if before.st_size > MAX_BYTES:
        return f"expected a file of at most {MAX_BYTES // (1024 * 1024)} MB, found {before.st_size} bytes"
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return f"expected a readable file, found {exc.strerror}"
    try:
        now = os.fstat(fd)
        if not stat.S_ISREG(now.st_mode):
            return f"expected a regular file, found {_kind(now.st_mode)}"
        chunks, size = [], 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_BYTES:
            return f"expected a file of at most {MAX_BYTES // (1024 * 1024)} MB, found a larger one"
        return b"".join(chunks)
    except OSError as exc:
        return f"expected a readable file, found {exc.strerror}"
    finally:
        os.close(fd)


def _control_message(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    shown = f"U+{code:04X}" + (f" ({name})" if name else "")
    if 0xD800 <= code <= 0xDFFF:
        return f"expected text, found the lone surrogate {shown}"
    return f"expected text without control characters, found {shown}"


def read(path: Path, shown_as: str, problems: list[Problem]) -> Document:
    """Parse one file; problems are appended to `problems` and never raised."""
    doc = Document(shown_as)
    raw = _read_bytes(path)
    if isinstance(raw, str):
        problems.append(Problem(shown_as, 1, 1, "$", raw))
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
    bad = list(_NON_PRINTABLE.finditer(text))
    if bad:
        for match in bad[:MAX_EVENT_PROBLEMS]:
            start = match.start()
            line = text.count("\n", 0, start) + 1
            column = start - (text.rfind("\n", 0, start) + 1) + 1
            problems.append(Problem(shown_as, line, column, "$", _control_message(match.group(0))))
        return doc
    try:
        try:
            refused, fast = _screen(text), True
        except yaml.MarkedYAMLError:
            # The Python parser names a problem more clearly than libyaml, and accepts a
            # few things libyaml refuses (e.g. the escape "\ud800", reported below).
            refused, fast = _screen(text, fast=False), False
        if refused:
            problems.extend(Problem(shown_as, line, column, "$", message) for line, column, message in refused)
            return doc
        node = _compose(text, fast)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        named = [text.split("\n")[m.line] for m in (exc.problem_mark, exc.context_mark)
                 if m is not None and m.line < text.count("\n") + 1]
        problems.append(Problem(shown_as, line, column, "$", _syntax_message(exc.problem or "", named)))
        return doc
    if node is None:
        problems.append(Problem(shown_as, 1, 1, "$", "expected a mapping, found an empty file"))
        return doc
    mine: list[Problem] = []
    value = _Converter(doc, mine).convert(node, ())
    problems.extend(mine)
    # A key indented with full-width spaces moved a whole subtree: what the schema would
    # then say about the file only follows from it, so the file counts as unreadable.
    doc.value = None if any(p.message == FULL_WIDTH_INDENT for p in mine) else value
    return doc
