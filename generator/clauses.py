"""Clause generator data (data/clauses.yaml): the checks a schema cannot make, and the model.

The contract clause is not written twice: its variant names the standard's clause block
(`from_clause`), and the template is made from that block here, by putting placeholders
where the default party names stand. Rendering the template with the defaults therefore
gives back the standard's sentence character for character (the tests check it again).
"""

from __future__ import annotations

import re

from . import model as m
from .errors import Problem
from .yamlsource import Document, format_path, mappings

DOCUMENT_TYPES = ("contract", "agreement", "without_contract_document")
VARIANT_PLACEHOLDERS = ("partyA", "partyB")
OUTLINE_PLACEHOLDERS = ("partyA", "partyB", "document")
PARTY_PLACEHOLDERS = ("municipality",)
PLACEHOLDER = re.compile(r"\{([A-Za-z]+)\}")
# A placeholder that starts an English sentence would not be capitalised.
SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s+)\{")


def fill(template: str, values: dict[str, str]) -> str:
    """Put values in place of {name}; one pass, so a value is never read as a template."""
    return PLACEHOLDER.sub(lambda mt: values.get(mt.group(1), mt.group(0)), template)


def _text(value: dict) -> m.Text:
    return m.Text(ja=value["ja"], en=value["en"])


# ---------------------------------------------------------------- checks


def _standard_blocks(standard) -> dict[str, dict]:
    """Every mapping with an id in standard.yaml, by id."""
    return {v["id"]: v for _, v in mappings(standard) if isinstance(v.get("id"), str)}


def check(docs: dict[str, Document], problems: list[Problem]) -> None:
    """Append every problem of clauses.yaml that the schema cannot see."""
    doc = docs["clauses"]
    data = doc.value
    blocks = _standard_blocks(docs["standard"].value)
    procedure = docs["procedure"].value or {}
    step_ids = {s["id"] for s in procedure.get("steps", [])}
    action_ids = {a["id"] for s in procedure.get("steps", []) for a in s.get("actions", [])}
    item_ids = [i["id"] for i in (docs["items"].value or {}).get("items", [])]

    def problem(path: tuple, message: str) -> None:
        line, col = doc.where(path)
        problems.append(Problem(doc.file, line, col, format_path(path), message))

    def clause_block(path: tuple, block_id: str) -> dict | None:
        block = blocks.get(block_id)
        if not block or block.get("kind") != "clause":
            problem(path, f"expected the id of a clause block of standard.yaml, found {block_id!r}")
            return None
        return block

    def placeholders(path: tuple, text: str, allowed: tuple[str, ...], lang: str) -> None:
        for name in PLACEHOLDER.findall(text):
            if name not in allowed:
                problem(path, f"expected only the placeholders {', '.join('{' + a + '}' for a in allowed)}, found {{{name}}}")
        if lang == "en" and "{" in text and SENTENCE_START.search(text) and allowed != PARTY_PLACEHOLDERS:
            problem(path, "expected a word at the start of each English sentence, found a placeholder (it would not be capitalised)")

    art = data["article"]
    block = clause_block(("article", "from_clause"), art["from_clause"])
    if block:
        for lang in ("ja", "en"):
            blank = art["blank"][lang]
            if block["article"][lang].count(blank) != 1:
                problem(("article", "blank", lang),
                        f"expected {blank!r} exactly once in the clause's article {block['article'][lang]!r}")

    seen: dict[str, int] = {}
    for i, v in enumerate(data["variants"]):
        at = ("variants", i)
        kind = v["document_type"]
        if kind in seen:
            problem(at + ("document_type",), f"expected one variant per document type, found {kind!r} again")
        seen[kind] = i
        for lang in ("ja", "en"):
            for party in VARIANT_PLACEHOLDERS:
                placeholders(at + ("parties", party, lang), v["parties"][party][lang], PARTY_PLACEHOLDERS, lang)
        if "from_clause" in v:
            if "heading" in v or "text" in v:
                problem(at, "expected either from_clause or heading and text, found both")
            if v.get("model"):
                problem(at + ("model",), "expected no model mark on the standard's own clause, found model: true")
            src = clause_block(at + ("from_clause",), v["from_clause"])
            if src:
                for lang in ("ja", "en"):
                    for party in VARIANT_PLACEHOLDERS:
                        name = v["parties"][party][lang]
                        if "{" in name or name not in src["text"][lang]:
                            problem(at + ("parties", party, lang),
                                    f"expected a party name that occurs in the clause's text, found {name!r}")
                    if "{" in src["text"][lang] or "{" in src["heading"][lang]:
                        problem(at + ("from_clause",), "expected a clause text without '{', found one")
        else:
            for field in ("heading", "text"):
                if field not in v:
                    problem(at, f"expected the field {field!r} (or from_clause), found none")
            if v.get("model") is not True:
                problem(at + ("model",) if "model" in v else at,
                        "expected model: true on a text that is not the standard's wording, found none")
            for field in ("heading", "text"):
                for lang in ("ja", "en"):
                    if field in v:
                        placeholders(at + (field, lang), v[field][lang], VARIANT_PLACEHOLDERS, lang)
        for j, action in enumerate(v.get("omit_actions", [])):
            if action not in action_ids:
                problem(at + ("omit_actions", j), f"expected the id of an action in procedure.yaml, found {action!r}")
    for kind in DOCUMENT_TYPES:
        if kind not in seen:
            problem(("variants",), f"expected a variant for the document type {kind!r}, found none")

    for j, step in enumerate(data["handover"]["steps"]):
        if step not in step_ids:
            problem(("handover", "steps", j), f"expected the id of a step in procedure.yaml, found {step!r}")
    for j, form in enumerate(data["handover"]["forms"]):
        for k, action in enumerate(form["actions"]):
            if action not in action_ids:
                problem(("handover", "forms", j, "actions", k),
                        f"expected the id of an action in procedure.yaml, found {action!r}")

    articles = data["outline"]["articles"]
    listed = [a["item"] for a in articles]
    if listed != item_ids:
        problem(("outline", "articles"),
                f"expected one article per item in the order of items.yaml ({', '.join(item_ids)}), found {', '.join(listed)}")
    for lang in ("ja", "en"):
        fmt = data["outline"]["heading_format"][lang]
        if PLACEHOLDER.findall(fmt) != ["heading"]:
            problem(("outline", "heading_format", lang), f"expected the placeholder {{heading}} once, found {fmt!r}")
    for j, article in enumerate(articles):
        for lang in ("ja", "en"):
            placeholders(("outline", "articles", j, "text", lang), article["text"][lang], OUTLINE_PLACEHOLDERS, lang)


# ---------------------------------------------------------------- model


def build(data: dict, records, items, document: m.Document) -> m.Clauses:
    """The clause generator's model; `records` are the standard's records by id."""

    def party_names(parties: dict) -> dict:
        return {
            name: m.Text(**{lang: fill(value[lang], {"municipality": document.municipality[lang]}) for lang in ("ja", "en")})
            for name, value in parties.items()
        }

    variants = []
    for v in data["variants"]:
        parties = party_names(v["parties"])
        if "from_clause" in v:
            clause = records[v["from_clause"]]
            heading = clause.heading
            text = {}
            for lang in ("ja", "en"):
                names = {parties[p][lang]: "{" + p + "}" for p in VARIANT_PLACEHOLDERS}
                pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
                text[lang] = pattern.sub(lambda mt: names[mt.group(0)], clause.text[lang])
            text = m.Text(**text)
        else:
            heading, text = _text(v["heading"]), _text(v["text"])
        variants.append(
            m.ClauseVariant(
                id=v["id"],
                document_type=v["document_type"],
                label=_text(v["label"]),
                hint=_text(v["hint"]),
                source=v["source"],
                numbered=v["numbered"],
                heading=heading,
                text=text,
                parties=parties,
                document=_text(v["document"]),
                model=bool(v.get("model", False)),
                from_clause=v.get("from_clause"),
                omit_actions=tuple(v.get("omit_actions", ())),
            )
        )
    art = data["article"]
    default = records[art["from_clause"]].article
    fmt = m.Text(**{lang: default[lang].replace(art["blank"][lang], "{number}") for lang in ("ja", "en")})
    by_id = {item.id: item for item in items}
    outline = tuple(
        m.OutlineArticle(
            item=a["item"],
            number=n,
            heading=by_id[a["item"]].short,
            source=by_id[a["item"]].source,
            text=_text(a["text"]),
        )
        for n, a in enumerate(data["outline"]["articles"], start=1)
    )
    return m.Clauses(
        article_default=default,
        article_format=fmt,
        article_max=art["max"],
        separator=m.Text(**art["separator"]),
        default_numerals=data["default_numerals"],
        kanji_digits=data["kanji"]["digits"],
        kanji_units=data["kanji"]["units"],
        party_max_length=data["party_max_length"],
        variants=tuple(variants),
        handover_steps=tuple(data["handover"]["steps"]),
        forms=tuple(
            m.HandoverForm(f["page"], _text(f["name"]), _text(f["when"]), f["source"], tuple(f["actions"]))
            for f in data["handover"]["forms"]
        ),
        outline_title=_text(data["outline"]["title"]),
        outline_heading_format=_text(data["outline"]["heading_format"]),
        outline=outline,
        source=data["source"],
        outline_source=data["outline"]["source"],
    )
