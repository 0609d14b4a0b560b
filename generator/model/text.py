"""Text in both languages, and the one filler of `{name}` placeholders on the Python side."""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Mapping

# The languages of the site: the first is authoritative and its tree is the site's root;
# each other language's tree is the folder of its name (en/).
LANGS = ("ja", "en")


def prefix(lang: str) -> str:
    """Where a language's tree is inside the site: "" for the first language, "en/" …"""
    return "" if lang == LANGS[0] else f"{lang}/"


def site_prefix(from_lang: str, to_lang: str) -> str:
    """The relative path from the root of one language's tree to the root of another's."""
    return "../" * prefix(from_lang).count("/") + prefix(to_lang)


@dataclass(frozen=True)
class Text:
    """A text in both languages. Japanese is authoritative; English is a reference."""

    ja: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)

    @classmethod
    def of(cls, value: Mapping[str, str]) -> Text:
        """From validated plain data: a mapping with `ja` and `en`."""
        return cls(ja=value["ja"], en=value["en"])

    def as_json(self) -> dict:
        """For rules.json: {"ja": …, "en": …}."""
        return {"ja": self.ja, "en": self.en}


# {name} is replaced by the value; {name|one|other} by `one` when the value is 1, else by
# `other` (the UI strings' plural choice, as in the page scripts' fill).
PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)(?:\|([^{}|]*)\|([^{}|]*))?\}")


@dataclass(frozen=True)
class Answers:
    """The words that mean yes and no where a tool reads an answer as text (a register of
    contracts, a link's query); the first yes word is the one a tool writes into links."""

    yes: tuple[str, ...]
    no: tuple[str, ...]

    def as_json(self) -> dict:
        """For rules.json: {"yes": [...], "no": [...]}."""
        return {"yes": list(self.yes), "no": list(self.no)}


def placeholders(template: str) -> list[str]:
    """The names a template asks for, in order."""
    return [m.group(1) for m in PLACEHOLDER.finditer(template)]


def fill(template: str, values: Mapping[str, object]) -> str:
    """Put values in place of {name} in one pass, so a value is never read as a template;
    unknown names and other braces stay as they are."""

    def one(match: re.Match) -> str:
        name, singular, plural = match.groups()
        if name not in values:
            return match.group(0)
        if singular is None:
            return str(values[name])
        return singular if str(values[name]) == "1" else plural

    return PLACEHOLDER.sub(one, template)


def plain(text: str) -> str:
    """A data text without its inline markup `**…**` (for titles, attributes, JSON)."""
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)
