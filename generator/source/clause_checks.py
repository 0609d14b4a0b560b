"""The clause generator's data (data/clauses.yaml): the checks a schema cannot make."""

from __future__ import annotations

import re

from ..errors import Problem
from ..model.clause_generator import VARIANT_PLACEHOLDERS
from ..model.text import LANGS, placeholders as names_in
from .yamlfile import Document, format_path, mappings

OUTLINE_PLACEHOLDERS = ("partyA", "partyB", "document")
PARTY_PLACEHOLDERS = ("municipality",)
# A placeholder that starts an English sentence would not be capitalised.
SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s+)\{")



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
        for name in names_in(text):
            if name not in allowed:
                problem(path, f"expected only the placeholders {', '.join('{' + a + '}' for a in allowed)}, found {{{name}}}")
        if lang == "en" and "{" in text and SENTENCE_START.search(text) and allowed != PARTY_PLACEHOLDERS:
            problem(path, "expected a word at the start of each English sentence, found a placeholder (it would not be capitalised)")

    art = data["article"]
    types = data["document_types"]
    block = clause_block(("article", "from_clause"), art["from_clause"])
    if block:
        for lang in LANGS:
            blank = art["blank"][lang]
            if block["article"][lang].count(blank) != 1:
                problem(("article", "blank", lang),
                        f"expected {blank!r} exactly once in the clause's article {block['article'][lang]!r}")

    seen: dict[str, int] = {}
    for i, v in enumerate(data["variants"]):
        at = ("variants", i)
        kind = v["document_type"]
        if kind not in types:
            continue  # reported by vocabulary()
        if kind in seen:
            problem(at + ("document_type",), f"expected one variant per document type, found {kind!r} again")
        seen[kind] = i
        for lang in LANGS:
            for party in VARIANT_PLACEHOLDERS:
                placeholders(at + ("parties", party, lang), v["parties"][party][lang], PARTY_PLACEHOLDERS, lang)
        if "from_clause" in v:
            if "heading" in v or "text" in v:
                problem(at, "expected either from_clause or heading and text, found both")
            if v.get("model"):
                problem(at + ("model",), "expected no model mark on the standard's own clause, found model: true")
            src = clause_block(at + ("from_clause",), v["from_clause"])
            if src:
                for lang in LANGS:
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
                for lang in LANGS:
                    if field in v:
                        placeholders(at + (field, lang), v[field][lang], VARIANT_PLACEHOLDERS, lang)
        for j, action in enumerate(v.get("omit_actions", [])):
            if action not in action_ids:
                problem(at + ("omit_actions", j), f"expected the id of an action in procedure.yaml, found {action!r}")
    for kind in types:
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
    for lang in LANGS:
        fmt = data["outline"]["heading_format"][lang]
        if names_in(fmt) != ["heading"]:
            problem(("outline", "heading_format", lang), f"expected the placeholder {{heading}} once, found {fmt!r}")
    for j, article in enumerate(articles):
        for lang in LANGS:
            placeholders(("outline", "articles", j, "text", lang), article["text"][lang], OUTLINE_PLACEHOLDERS, lang)
        for kind, text in article.get("text_for", {}).items():
            if kind not in types:
                problem(("outline", "articles", j, "text_for", kind),
                        f"expected a document type of document_types ({', '.join(types)}), found {kind!r}")
            for lang in LANGS:
                placeholders(("outline", "articles", j, "text_for", kind, lang), text[lang], OUTLINE_PLACEHOLDERS, lang)


def vocabulary(docs: dict[str, Document], problems: list[Problem]) -> None:
    """The vocabularies clauses.yaml defines for itself (document types, numeral styles) and
    the article limit its kanji can write: checked on whatever parts are well formed, so
    that they are reported together with the schema's problems of the same file."""
    doc = docs["clauses"]
    data = doc.value if isinstance(doc.value, dict) else {}

    def problem(path: tuple, message: str) -> None:
        line, col = doc.where(path)
        problems.append(Problem(doc.file, line, col, format_path(path), message))

    def one_of(options: list, value: object, path: tuple) -> None:
        if isinstance(value, str) and value not in options:
            problem(path, f"expected one of {', '.join(repr(o) for o in options)}; found {value!r}")

    kanji = data.get("kanji") if isinstance(data.get("kanji"), dict) else {}
    article = data.get("article") if isinstance(data.get("article"), dict) else {}
    units, most = kanji.get("units"), article.get("max")
    if isinstance(units, str) and units and isinstance(most, int) and not isinstance(most, bool):
        reach = 10 ** (len(units) + 1) - 1
        if most > reach:
            problem(("article", "max"),
                    f"expected a whole number of at most {reach} (the kanji units {units} reach {reach}), found the number {most}")
    types = [t for t in data.get("document_types") or [] if isinstance(t, str)] if isinstance(data.get("document_types"), list) else []
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
                problem(("numerals", i), f"expected the label clause.numerals.{style} in ui.yaml, found none")
