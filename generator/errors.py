"""The generator's exception family: a user sees a message and an exit code, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in the data: FILE:LINE:COLUMN: $.path: message."""

    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message}"


class GeneratorError(Exception):
    """Base of every error the command line reports as a clean message."""

    exit_code = 1


class DataError(GeneratorError):
    """The data folder has one or more problems; all of them are carried together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(GeneratorError):
    """The builder (MkDocs) or a later build step failed; the previous site is kept."""


class SiteRefused(BuildError):
    """The site folder may not be replaced (not a previous build) or is being built."""
