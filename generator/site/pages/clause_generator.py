"""The clause generator page (tools/clause.html): the clause of section 4(3), its variants,
what to hand over at each stage, and a model outline of the special specifications.

The page shows the default clause and outline as rendered here, so it reads and prints
without scripts; `clause.js` (logic, no DOM) and `clause-page.js` (form, URL, copy) then
render whatever the form or the URL asks for, from the `clause` key of rules.json.
"""

from __future__ import annotations

from ...model import LANGS, ClauseGenerator, ClauseVariant, Handbook, Text, fill
from ..page import CLAUSE_PAGE, Page
from ..renderer import Renderer

PATHS = (CLAUSE_PAGE,)

# The messages clause.js reports, by its key in rules.json: UI key.
MESSAGES = {
    "input": "clause.error.input",
    "documentType": "clause.error.document_type",
    "article": "clause.error.article",
    "numerals": "clause.error.numerals",
    "party": "clause.error.party",
    "partyControl": "clause.error.party_control",
    "articleUnused": "clause.warning.article_unused",
    "partyScript": "clause.warning.party_script",
}

# Keys the template builds from parts (the loader sees only literal keys).
UI_KEYS = (
    "nav.tools",
    "clause.title",
    *MESSAGES.values(),
    *(f"clause.{part}.{lang}" for part in ("output", "copy", "outline_output", "copy_outline") for lang in LANGS),
    "clause.condition.information_system",
    "list.separator",
)


def render_clause(c: ClauseGenerator, v: ClauseVariant, lang: str) -> str:
    """The clause as plain text with the defaults (no article number)."""
    body = fill(v.text[lang], {name: v.parties[name][lang] for name in v.parties})
    line = c.article_default[lang] + c.separator[lang] + body if v.numbered else body
    return v.heading[lang] + "\n" + line


def render_outline(c: ClauseGenerator, v: ClauseVariant, lang: str) -> str:
    """The model outline as plain text, with the variant's party names, arabic numerals."""
    values = {name: v.parties[name][lang] for name in v.parties}
    values["document"] = v.document[lang]
    parts = [c.outline_title[lang]]
    for a in c.outline:
        heading = fill(c.outline_heading_format[lang], {"heading": a.heading[lang]})
        article = fill(c.article_format[lang], {"number": str(a.number)})
        parts.append(heading + "\n" + article + c.separator[lang] + fill(a.text_of(v.document_type)[lang], values))
    return "\n\n".join(parts)


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    c = hb.clauses
    default = c.variant(c.default_document_type)
    steps = [s for sid in c.handover_steps for s in hb.steps if s.id == sid]
    # the checklist handed over at each action that hands one over
    form_of = {action: hb.checklists.get(form.checklist) for form in c.forms for action in form.actions}
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
        numerals=c.numerals,
        strings=strings,
        static={
            lang: {"clause": render_clause(c, default, lang), "outline": render_outline(c, default, lang)}
            for lang in LANGS
        },
    )
    title = Text(hb.t("clause.title", "ja"), hb.t("clause.title", "en"))
    return [Page(CLAUSE_PAGE, title, r.both("clause.md.j2", CLAUSE_PAGE, **ctx), nav="nav.tools")]


def messages(hb: Handbook) -> dict:
    """The messages clause.js reports; the bidirectional controls it refuses are named in
    them ({ranges}) as the data lists them."""
    out = {}
    for key, ui_key in MESSAGES.items():
        text = hb.text(ui_key)
        out[key] = {
            lang: fill(text[lang], {"ranges": hb.t("list.separator", lang).join(hb.direction_controls)})
            for lang in LANGS
        }
    return out


def page_data(hb: Handbook) -> dict:
    c = hb.clauses
    return {
        "clause": {
            "defaults": {"documentType": c.default_document_type, "numerals": c.default_numerals},
            "documentTypes": [v.document_type for v in c.variants],
            "article": {
                "min": 1,
                "max": c.article_max,
                "blank": c.article_default.as_json(),
                "format": c.article_format.as_json(),
                "separator": c.separator.as_json(),
            },
            "kanji": {"digits": c.kanji_digits, "units": c.kanji_units},
            "partyMaxLength": c.party_max_length,
            "numerals": {n: hb.text(f"clause.numerals.{n}").as_json() for n in c.numerals},
            "variants": {
                v.document_type: {
                    "id": v.id,
                    "label": v.label.as_json(),
                    "heading": v.heading.as_json(),
                    "text": v.text.as_json(),
                    "parties": {name: t.as_json() for name, t in v.parties.items()},
                    "document": v.document.as_json(),
                    "numbered": v.numbered,
                    "model": v.model,
                    "source": v.source,
                    "fromClause": v.from_clause,
                    "omitActions": list(v.omit_actions),
                }
                for v in c.variants
            },
            "outline": {
                "title": c.outline_title.as_json(),
                "headingFormat": c.outline_heading_format.as_json(),
                "articles": [
                    {
                        "item": a.item,
                        "number": a.number,
                        "heading": a.heading.as_json(),
                        "source": a.source,
                        "text": a.text.as_json(),
                        # The text for these document types instead of `text` (by type).
                        "textFor": {kind: t.as_json() for kind, t in a.text_for},
                    }
                    for a in c.outline
                ],
            },
            "messages": messages(hb),
        }
    }
