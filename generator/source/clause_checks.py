"""The clause generator's data (data/clauses.yaml): the checks a schema cannot make."""

from __future__ import annotations

import re

from ..errors import Problem
from ..messages import msg
from ..model.clause_generator import VARIANT_PLACEHOLDERS
from ..model.text import LANGS
from ..model.text import placeholders as names_in
from .ids import Index
from .yamlfile import Document

OUTLINE_PLACEHOLDERS = ("partyA", "partyB", "document")
PARTY_PLACEHOLDERS = ("municipality",)
# A placeholder that starts an English sentence would not be capitalised.
SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s+)\{")


def check(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """Append every problem of clauses.yaml that the schema cannot see."""
    doc = docs["clauses"]
    data = doc.value
    step_ids = ids.of("procedure", top=True)
    action_ids = ids.of("procedure", top=False)
    item_ids = list(ids.of("items"))

    def problem(path: tuple, code: str, **params) -> None:
        problems.append(doc.problem(path, code, **params))

    def clause_block(path: tuple, block_id: str) -> dict | None:
        block = ids.get(block_id)  # the schema made sure it is an id of standard.yaml
        if not block or block.get("kind") != "clause":
            problem(path, "clauses.not_clause", id=repr(block_id))
            return None
        return block

    def placeholders(path: tuple, text: str, allowed: tuple[str, ...], lang: str) -> None:
        for name in names_in(text):
            if name not in allowed:
                problem(path, "text.placeholders", allowed=", ".join("{" + a + "}" for a in allowed), name=name)
        if lang == "en" and "{" in text and SENTENCE_START.search(text) and allowed != PARTY_PLACEHOLDERS:
            problem(path, "clauses.sentence_start")

    art = data["article"]
    types = data["document_types"]
    block = clause_block(("article", "from_clause"), art["from_clause"])
    if block:
        for lang in LANGS:
            blank = art["blank"][lang]
            if block["article"][lang].count(blank) != 1:
                problem(("article", "blank", lang), "clauses.blank_once",
                        blank=repr(blank), article=repr(block["article"][lang]))

    seen: dict[str, int] = {}
    for i, v in enumerate(data["variants"]):
        at = ("variants", i)
        kind = v["document_type"]
        if kind not in types:
            continue  # reported by vocabulary()
        if kind in seen:
            problem(at + ("document_type",), "clauses.variant_again", kind=repr(kind))
        seen[kind] = i
        for lang in LANGS:
            for party in VARIANT_PLACEHOLDERS:
                placeholders(at + ("parties", party, lang), v["parties"][party][lang], PARTY_PLACEHOLDERS, lang)
        if "from_clause" in v:
            if "heading" in v or "text" in v:
                problem(at, "clauses.both")
            if v.get("model"):
                problem(at + ("model",), "clauses.model_on_standard")
            src = clause_block(at + ("from_clause",), v["from_clause"])
            if src:
                for lang in LANGS:
                    for party in VARIANT_PLACEHOLDERS:
                        name = v["parties"][party][lang]
                        if "{" in name or name not in src["text"][lang]:
                            problem(at + ("parties", party, lang), "clauses.party_not_in_text", name=repr(name))
                    if "{" in src["text"][lang] or "{" in src["heading"][lang]:
                        problem(at + ("from_clause",), "clauses.brace_in_clause")
        else:
            for field in ("heading", "text"):
                if field not in v:
                    problem(at, "clauses.field_missing", name=repr(field))
            if v.get("model") is not True:
                problem(at + ("model",) if "model" in v else at, "clauses.model_missing")
            for field in ("heading", "text"):
                for lang in LANGS:
                    if field in v:
                        placeholders(at + (field, lang), v[field][lang], VARIANT_PLACEHOLDERS, lang)
        for j, action in enumerate(v.get("omit_actions", [])):
            if action not in action_ids:
                problem(at + ("omit_actions", j), "audit.unknown_procedure", what=msg("what.action"), id=repr(action))
    for kind in types:
        if kind not in seen:
            problem(("variants",), "clauses.variant_missing", kind=repr(kind))

    for j, step in enumerate(data["handover"]["steps"]):
        if step not in step_ids:
            problem(("handover", "steps", j), "audit.unknown_procedure", what=msg("what.step"), id=repr(step))
    for j, form in enumerate(data["handover"]["forms"]):
        for k, action in enumerate(form["actions"]):
            if action not in action_ids:
                problem(("handover", "forms", j, "actions", k), "audit.unknown_procedure", what=msg("what.action"),
                        id=repr(action))

    articles = data["outline"]["articles"]
    listed = [a["item"] for a in articles]
    if listed != item_ids:
        problem(("outline", "articles"), "clauses.outline_order", expected=", ".join(item_ids), found=", ".join(listed))
    for lang in LANGS:
        fmt = data["outline"]["heading_format"][lang]
        if names_in(fmt) != ["heading"]:
            problem(("outline", "heading_format", lang), "clauses.heading_format", found=repr(fmt))
    for j, article in enumerate(articles):
        for lang in LANGS:
            placeholders(("outline", "articles", j, "text", lang), article["text"][lang], OUTLINE_PLACEHOLDERS, lang)
        for kind, text in article.get("text_for", {}).items():
            if kind not in types:
                problem(("outline", "articles", j, "text_for", kind), "schema.enum",
                        options=", ".join(repr(t) for t in types), found=repr(kind))
            for lang in LANGS:
                placeholders(("outline", "articles", j, "text_for", kind, lang), text[lang], OUTLINE_PLACEHOLDERS, lang)


def vocabulary(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """The vocabularies clauses.yaml defines for itself (document types, numeral styles) and
    the article limit its kanji can write: checked on whatever parts are well formed, so
    that they are reported together with the schema's problems of the same file."""
    doc = docs["clauses"]
    data = doc.value if isinstance(doc.value, dict) else {}

    def problem(path: tuple, code: str, **params) -> None:
        problems.append(doc.problem(path, code, **params))

    def one_of(options: list, value: object, path: tuple) -> None:
        if isinstance(value, str) and value not in options:
            problem(path, "schema.enum", options=", ".join(repr(o) for o in options), found=repr(value))

    kanji = data.get("kanji") if isinstance(data.get("kanji"), dict) else {}
    article = data.get("article") if isinstance(data.get("article"), dict) else {}
    units, most = kanji.get("units"), article.get("max")
    if isinstance(units, str) and units and isinstance(most, int) and not isinstance(most, bool):
        reach = 10 ** (len(units) + 1) - 1
        if most > reach:
            problem(("article", "max"), "clauses.article_max", reach=reach, units=units, found=most)
    listed = data.get("document_types")
    types = [t for t in listed if isinstance(t, str)] if isinstance(listed, list) else []
    if types:
        one_of(types, data.get("default_document_type"), ("default_document_type",))
        for i, v in enumerate(data.get("variants") if isinstance(data.get("variants"), list) else []):
            if isinstance(v, dict):
                one_of(types, v.get("document_type"), ("variants", i, "document_type"))
    styles = [n for n in data.get("numerals") or [] if isinstance(n, str)] if isinstance(data.get("numerals"), list) else []
    if styles:
        one_of(styles, data.get("default_numerals"), ("default_numerals",))
    ui = docs["ui"].value if isinstance(docs["ui"].value, dict) else {}
    strings = ui.get("strings") if isinstance(ui.get("strings"), dict) else None
    if strings is not None:
        for i, style in enumerate(styles):
            if f"clause.numerals.{style}" not in strings:
                problem(("numerals", i), "clauses.numerals_label", style=style)
