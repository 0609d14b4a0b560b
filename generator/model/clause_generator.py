"""The clause generator's model, from data/clauses.yaml and the standard's clause block.

The contract clause is not written twice: its variant names the standard's clause block
(`from_clause`), and the template is made from that block here, by putting placeholders
where the default party names stand. Rendering the template with the defaults therefore
gives back the standard's sentence character for character (the tests check it again).
"""

from __future__ import annotations

import re

from .forms import ClauseGenerator, ClauseVariant, HandoverForm, OutlineArticle
from .standard import Document
from .text import LANGS, Text, fill

# The placeholders a variant's texts hold for its parties.
VARIANT_PLACEHOLDERS = ("partyA", "partyB")


def clause_generator(data: dict, records, items, document: Document) -> ClauseGenerator:
    """The clause generator's model; `records` are the standard's records by id."""

    def party_names(parties: dict) -> dict:
        return {
            name: Text(**{lang: fill(value[lang], {"municipality": document.municipality[lang]}) for lang in LANGS})
            for name, value in parties.items()
        }

    variants = []
    for v in data["variants"]:
        parties = party_names(v["parties"])
        if "from_clause" in v:
            clause = records[v["from_clause"]]
            heading = clause.heading
            text = {}
            for lang in LANGS:
                names = {parties[p][lang]: "{" + p + "}" for p in VARIANT_PLACEHOLDERS}
                pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
                text[lang] = pattern.sub(lambda mt, names=names: names[mt.group(0)], clause.text[lang])
            text = Text(**text)
        else:
            heading, text = Text.of(v["heading"]), Text.of(v["text"])
        variants.append(
            ClauseVariant(
                id=v["id"],
                document_type=v["document_type"],
                label=Text.of(v["label"]),
                hint=Text.of(v["hint"]),
                source=v["source"],
                numbered=v["numbered"],
                heading=heading,
                text=text,
                parties=parties,
                document=Text.of(v["document"]),
                model=bool(v.get("model", False)),
                from_clause=v.get("from_clause"),
                omit_actions=tuple(v.get("omit_actions", ())),
            )
        )
    art = data["article"]
    default = records[art["from_clause"]].article
    fmt = Text(**{lang: default[lang].replace(art["blank"][lang], "{number}") for lang in LANGS})
    by_id = {item.id: item for item in items}
    outline = tuple(
        OutlineArticle(
            item=a["item"],
            number=n,
            heading=by_id[a["item"]].short,
            source=by_id[a["item"]].source,
            text=Text.of(a["text"]),
            text_for=tuple((kind, Text.of(t)) for kind, t in sorted(a.get("text_for", {}).items())),
        )
        for n, a in enumerate(data["outline"]["articles"], start=1)
    )
    return ClauseGenerator(
        article_default=default,
        article_format=fmt,
        article_max=art["max"],
        separator=Text(**art["separator"]),
        default_document_type=data["default_document_type"],
        numerals=tuple(data["numerals"]),
        default_numerals=data["default_numerals"],
        kanji_digits=data["kanji"]["digits"],
        kanji_units=data["kanji"]["units"],
        party_max_length=data["party_max_length"],
        variants=tuple(variants),
        handover_steps=tuple(data["handover"]["steps"]),
        forms=tuple(
            HandoverForm(f["checklist"], Text.of(f["when"]), f["source"], tuple(f["actions"]))
            for f in data["handover"]["forms"]
        ),
        outline_title=Text.of(data["outline"]["title"]),
        outline_heading_format=Text.of(data["outline"]["heading_format"]),
        outline=outline,
        source=data["source"],
        outline_source=data["outline"]["source"],
    )
