"""The generator's exception family: a user sees a message and an exit code, never a traceback.

Every message is a `Msg` of the one table (`generator/messages.py`), printed in the
language the command was asked for (`text(lang)`); `str()` gives the default language.
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import DEFAULT, Msg, msg, text


@dataclass(frozen=True)
class Problem:
    """One located problem in the data: FILE:LINE:COLUMN: $.path: message.

    The kind of problem is its `code` (the message's key in the table)."""

    file: str
    line: int
    column: int
    path: str
    message: Msg | str

    @property
    def code(self) -> str:
        """The kind of problem (empty for a message not yet in the table)."""
        return self.message.code if isinstance(self.message, Msg) else ""

    def text(self, lang: str = DEFAULT) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.path}: {text(self.message, lang)}"

    def __str__(self) -> str:
        return self.text(DEFAULT)

    def sort_key(self) -> tuple:
        """Problems are listed by file, position and path (then by the default text, so
        that the order is the same in every language)."""
        return (self.file, self.line, self.column, self.path, text(self.message, DEFAULT))


def problem(file: str, line: int, column: int, path: str, code: str, /, **params: object) -> Problem:
    """A located problem with the message `code` and its values."""
    return Problem(file, line, column, path, msg(code, **params))


class GeneratorError(Exception):
    """Base of every error the command line reports as a clean message.

    Raised with a `Msg` (or, for a tool's own output, a plain string)."""

    exit_code = 1

    def __init__(self, message: Msg | str):
        self.message = message
        super().__init__(text(message))

    def text(self, lang: str = DEFAULT) -> str:
        return text(self.message, lang)


class DataError(GeneratorError):
    """The data folder has one or more problems; all of them are carried together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        Exception.__init__(self, "\n".join(str(p) for p in self.problems))
        self.message = str(self)

    def text(self, lang: str = DEFAULT) -> str:
        return "\n".join(p.text(lang) for p in self.problems)


class BuildError(GeneratorError):
    """The builder (MkDocs) or a later build step failed; the previous site is kept."""


class SiteRefused(BuildError):
    """The site folder may not be replaced (not a previous build) or is being built."""
