"""The clause generator page (tools/clause.html): the clause of section 4(3), its variants,
what to hand over at each stage, and a model outline of the special specifications.

The page shows the default clause and outline as rendered here, so it reads and prints
without scripts; `clause.js` (logic, no DOM) and `clause-page.js` (form, URL, copy) then
render whatever the form or the URL asks for, from the `clause` key of rules.json.
"""

from __future__ import annotations

from ..clauses import fill
from ..model import LANGS, Clauses, ClauseVariant, Handbook, Text
from ..render import Page, Renderer

PATHS = ("tools/clause.md",)

# The messages clause.js reports, by its key in rules.json: UI key.
MESSAGES = {
    "input": "clause.error.input",
    "documentType": "clause.error.document_type",
    "article": "clause.error.article",
    "numerals": "clause.error.numerals",
    "party": "clause.error.party",
    "partyControl": "clause.error.party_control",
    "articleUnused": "clause.warning.article_unused",
}
NUMERALS = ("arabic", "kanji")

# Keys the template builds from parts (the loader sees only literal keys).
UI_KEYS = (
    "nav.tools",
    "clause.title",
    *MESSAGES.values(),
    *(f"clause.numerals.{n}" for n in NUMERALS),
    *(f"clause.{part}.{lang}" for part in ("output", "copy", "outline_output", "copy_outline") for lang in LANGS),
    "clause.condition.information_system",
)


def _text(t: Text) -> dict:
    return {"ja": t.ja, "en": t.en}


def _ui(hb: Handbook, key: str) -> dict:
    return {lang: hb.t(key, lang) for lang in LANGS}


def render_clause(c: Clauses, v: ClauseVariant, lang: str) -> str:
    """The clause as plain text with the defaults (no article number)."""
    body = fill(v.text[lang], {name: v.parties[name][lang] for name in v.parties})
    line = c.article_default[lang] + c.separator[lang] + body if v.numbered else body
    return v.heading[lang] + "\n" + line


def render_outline(c: Clauses, v: ClauseVariant, lang: str) -> str:
    """The model outline as plain text, with the variant's party names, arabic numerals."""
    values = {name: v.parties[name][lang] for name in v.parties}
    values["document"] = v.document[lang]
    parts = [c.outline_title[lang]]
    for a in c.outline:
        heading = fill(c.outline_heading_format[lang], {"heading": a.heading[lang]})
        article = fill(c.article_format[lang], {"number": str(a.number)})
        parts.append(heading + "\n" + article + c.separator[lang] + fill(a.text[lang], values))
    return "\n\n".join(parts)


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    c = hb.clauses
    default = c.variant("contract")
    steps = [s for sid in c.handover_steps for s in hb.steps if s.id == sid]
    form_of = {action: form for form in c.forms for action in form.actions}
    strings = {
        lang: {
            "article_hint": fill(
                hb.t("clause.article_hint", lang),
                {"min": "1", "max": str(c.article_max), "blank": c.article_default[lang]},
            ),
        }
        for lang in LANGS
    }
    ctx = dict(
        c=c,
        default=default,
        steps=steps,
        form_of=form_of,
        numerals=NUMERALS,
        strings=strings,
        static={
            lang: {"clause": render_clause(c, default, lang), "outline": render_outline(c, default, lang)}
            for lang in LANGS
        },
    )
    title = Text(hb.t("clause.title", "ja"), hb.t("clause.title", "en"))
    return [Page("tools/clause.md", title, r.both("clause.md.j2", "tools/clause.md", **ctx), nav="nav.tools", order=450)]


def page_data(hb: Handbook) -> dict:
    c = hb.clauses
    return {
        "clause": {
            "defaults": {"documentType": "contract", "numerals": c.default_numerals},
            "documentTypes": [v.document_type for v in c.variants],
            "article": {
                "min": 1,
                "max": c.article_max,
                "blank": _text(c.article_default),
                "format": _text(c.article_format),
                "separator": _text(c.separator),
            },
            "kanji": {"digits": c.kanji_digits, "units": c.kanji_units},
            "partyMaxLength": c.party_max_length,
            "numerals": {n: _ui(hb, f"clause.numerals.{n}") for n in NUMERALS},
            "variants": {
                v.document_type: {
                    "id": v.id,
                    "label": _text(v.label),
                    "heading": _text(v.heading),
                    "text": _text(v.text),
                    "parties": {name: _text(t) for name, t in v.parties.items()},
                    "document": _text(v.document),
                    "numbered": v.numbered,
                    "model": v.model,
                    "source": v.source,
                    "fromClause": v.from_clause,
                    "omitActions": list(v.omit_actions),
                }
                for v in c.variants
            },
            "outline": {
                "title": _text(c.outline_title),
                "headingFormat": _text(c.outline_heading_format),
                "articles": [
                    {
                        "item": a.item,
                        "number": a.number,
                        "heading": _text(a.heading),
                        "source": a.source,
                        "text": _text(a.text),
                    }
                    for a in c.outline
                ],
            },
            "messages": {key: _ui(hb, ui_key) for key, ui_key in MESSAGES.items()},
        }
    }
