"""The generator's own words: every message of check, build, serve and diff, by code, in
both languages (the table `messages.yaml` beside this file, as `data/ui.yaml` is for the
site), and the language a command prints them in.

A message is a code and its values (`Msg`); its text is made only when it is printed, in
the language asked for. A value may itself be a message (a phrase such as "a mapping",
translated with it), a tuple of them (joined with the table's `word.or`) or `Lines`. Kinds of
problems are told apart by their code, never by their text.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Mapping

import yaml

from .model.text import fill

TABLE = Path(__file__).with_name("messages.yaml")
LANGS = ("en", "ja")  # the first is the default
DEFAULT = LANGS[0]
# The environment variables that name the user's language, the first set one deciding
# (as POSIX orders them for messages).
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


@functools.cache
def table() -> dict[str, dict[str, str]]:
    """Every message by code: {code: {en: …, ja: …}}."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with TABLE.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader


@dataclass(frozen=True)
class Msg:
    """A message of the table: its code and the values of its placeholders."""

    code: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = DEFAULT) -> str:
        """The message in `lang`, its values filled in (themselves in `lang`)."""
        return fill(table()[self.code][lang], {name: _value(v, lang) for name, v in self.params})

    def __str__(self) -> str:
        return self.text(DEFAULT)


def msg(code: str, /, **params: object) -> Msg:
    """The message `code` with these values (a value may be a `Msg` or a tuple of them).
    An unknown code is a fault of the generator, found at once (KeyError)."""
    table()[code]
    return Msg(code, tuple(sorted(params.items())))


class Lines(tuple):
    """Values shown one per line (a plain tuple is a list of alternatives, joined by "or")."""


def _value(value: object, lang: str) -> str:
    if isinstance(value, Msg):
        return value.text(lang)
    if isinstance(value, Lines):
        return "\n".join(_value(v, lang) for v in value)
    if isinstance(value, tuple):
        return table()["word.or"][lang].join(_value(v, lang) for v in value)
    return str(value)


def text(message: Msg | str, lang: str = DEFAULT) -> str:
    """A message in `lang` (a plain string, e.g. a tool's own output, as it is)."""
    return message.text(lang) if isinstance(message, Msg) else str(message)


def language(requested: str | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The language of the messages: `requested` (--lang) if given, else Japanese when the
    first set of LC_ALL, LC_MESSAGES, LANG starts with "ja", else English."""
    if requested:
        return requested
    for name in LOCALE_VARIABLES:
        value = environ.get(name)
        if value:
            return "ja" if value.lower().startswith("ja") else DEFAULT
    return DEFAULT
