"""The checks across files that a schema cannot make, each with the files it reads.

Every check gets the documents, the one index of ids (`ids.Index`) and the list of
problems to append to."""

from __future__ import annotations

import unicodedata

from ..errors import Problem
from ..messages import msg
from ..model import READING_PARAMS
from ..model.cite import LAW_REF, LAW_REF_LIKE, NUMBER_REF
from ..model.text import placeholders
from . import clause_checks
from .ids import Index
from .yamlfile import Document, mappings


def _item_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """Rules a schema cannot say: items must point at list items of the standard."""
    items_doc = docs["items"]
    for i, item in enumerate((items_doc.value or {}).get("items", []) or []):
        if isinstance(item, dict) and isinstance(item.get("source"), str):
            src = item["source"]
            if (ids.parent(src) or {}).get("kind") != "list":
                problems.append(items_doc.problem(("items", i, "source"), "items.not_list_item", id=repr(src)))


def _checklist_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """Checklist rows: a question is either the standard's words or a marked model text."""
    doc = docs["checklists"]
    lists = (doc.value or {}).get("checklists") or []
    texts = {i for i, v in ids.of("standard").items() if isinstance(v.get("text"), dict)}
    for key, checklist in enumerate(lists):
        for i, row in enumerate(checklist.get("rows") or []):
            path = ("checklists", key, "rows", i)  # each problem is shown at the row
            if "text" in row and row.get("model") is not True:
                problems.append(doc.problem(path + ("model",), "checklists.model_missing", at=path))
            if "text" not in row and row.get("model") is True:
                problems.append(doc.problem(path + ("text",), "checklists.text_missing", at=path))
            if "text" not in row and row.get("source") not in texts:
                problems.append(doc.problem(path + ("source",), "checklists.source_not_text", at=path,
                                            id=repr(row.get("source"))))
        for i, note in enumerate(checklist.get("notes") or []):
            if note not in texts:
                problems.append(doc.problem(("checklists", key, "notes", i), "checklists.note_not_text", id=repr(note)))


def _review_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """The review of a returned checklist needs exactly one result that calls for
    correction and one that does not, and each register column filled from one field."""
    doc = docs["checklists"]
    value = doc.value if isinstance(doc.value, dict) else {}
    review = value.get("review") if isinstance(value.get("review"), dict) else {}
    results = [r for r in review.get("results") or [] if isinstance(r, dict)]
    for flag in (True, False):
        if results and all(isinstance(r.get("correction"), bool) for r in results):
            count = sum(r["correction"] is flag for r in results)
            if count != 1:
                problems.append(doc.problem(("review", "results"), "checklists.correction_results",
                                            flag=str(flag).lower(), count=count))
    seen: set = set()
    for i, field in enumerate(value.get("fields") or []):
        column = field.get("register") if isinstance(field, dict) else None
        if isinstance(column, str):
            if column in seen:
                problems.append(doc.problem(("fields", i, "register"), "checklists.register_twice", column=repr(column)))
            seen.add(column)


def _audit_semantic_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """The shared audit settings must point at procedure actions and steps of the right kind."""
    step_ids = ids.of("procedure", top=True)
    action_ids = ids.of("procedure", top=False)
    ct = docs["contract_types"]
    audit = (ct.value or {}).get("audit") or {}
    wanted = [(("before_contract", "action"), action_ids, "what.action")]
    for key in ("before_steps", "follow_up_steps"):
        for i, _ in enumerate(audit.get(key) or []):
            wanted.append(((key, i), step_ids, "what.step"))
    for path, known, what in wanted:
        value = audit
        for part in path:
            value = value[part] if isinstance(value, (dict, list)) else None
        if isinstance(value, str) and value not in known:
            problems.append(ct.problem(("audit",) + path, "audit.unknown_procedure", what=msg(what), id=repr(value)))


def _revision_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """The revision history starts with the decision of document.yaml and runs oldest first."""
    doc = docs["document"]
    revisions = doc.value.get("revisions") or []
    for field in ("decided", "effective"):
        if revisions and revisions[0][field] != doc.value[field]:
            problems.append(doc.problem(("revisions", 0, field), "revisions.first", field=field,
                                        expected=doc.value[field], found=revisions[0][field]))
    for i in range(1, len(revisions)):
        if revisions[i]["decided"] < revisions[i - 1]["decided"]:
            problems.append(doc.problem(("revisions", i, "decided"), "revisions.order",
                                        previous=revisions[i - 1]["decided"], found=revisions[i]["decided"]))


def _placeholder_problem(doc: Document, path: tuple, allowed, name: str) -> Problem:
    names = ", ".join(f"{{{n}}}" for n in sorted(allowed))
    return doc.problem(path, "text.placeholders", allowed=names, name=name)


def _reading_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """A reading may name a rule (`about`) and, in braces, only values the data holds for it."""
    ct = docs["contract_types"]
    root = ct.value or {}
    rules: dict[str, set[str]] = {}  # id of a check or on-site rule -> the names it provides
    for t in root.get("contract_types") or []:
        for c in ((t or {}).get("audit") or {}).get("checks") or []:
            months = {"months"} if isinstance((c.get("aim") or {}).get("months"), int) else set()
            rules[c.get("id")] = months
            onsite = c.get("onsite") or {}
            if onsite.get("id"):
                rules[onsite["id"]] = months | ({"years"} if isinstance(onsite.get("years"), int) else set())
    for i, t in enumerate(root.get("contract_types") or []):
        for j, c in enumerate(((t or {}).get("audit") or {}).get("checks") or []):
            onsite = (c or {}).get("onsite") or {}
            # {year}: the contract year, filled by schedule.js; {years}: the rule's own number.
            allowed_label = {"year"} | ({"years"} if isinstance(onsite.get("years"), int) else set())
            for lang, text in sorted((onsite.get("label") or {}).items()):
                for name in placeholders(text if isinstance(text, str) else ""):
                    if name not in allowed_label:
                        path = ("contract_types", i, "audit", "checks", j, "onsite", "label", lang)
                        problems.append(_placeholder_problem(ct, path, allowed_label, name))
    for i, reading in enumerate((root.get("audit") or {}).get("readings") or []):
        allowed = set(READING_PARAMS)
        about = reading.get("about")
        if about is not None:
            if about not in rules:
                problems.append(ct.problem(("audit", "readings", i, "about"), "audit.reading_about", id=repr(about)))
                continue
            allowed |= rules[about]
        for field in ("text", "alternative", "title"):
            value = reading.get(field)
            for lang, text in sorted((value if isinstance(value, dict) else {}).items()):
                for name in placeholders(text):
                    if name not in allowed:
                        problems.append(_placeholder_problem(ct, ("audit", "readings", i, field, lang), allowed, name))
        type_ids = {t.get("id") for t in root.get("contract_types") or [] if isinstance(t, dict)}
        for j, kind in enumerate(reading.get("types") or []):
            if kind not in type_ids:
                problems.append(ct.problem(("audit", "readings", i, "types", j), "audit.reading_type", id=repr(kind)))


def _number_ref_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """`{number:ID}` in a data text must name a passage of the standard, `{law:ID:…}` a law
    of glossary.yaml."""
    known = ids.of("standard")
    glossary = docs["glossary"].value if isinstance(docs["glossary"].value, dict) else {}
    laws = {law["id"] for law in glossary.get("laws") or [] if isinstance(law, dict) and isinstance(law.get("id"), str)}
    for name, doc in sorted(docs.items()):
        if name == "standard" or doc.value is None:
            continue
        for path, mapping in mappings(doc.value):
            for key, value in mapping.items():
                if not isinstance(value, str):
                    continue
                for ref in NUMBER_REF.findall(value):
                    if ref not in known:
                        problems.append(doc.problem(path + (key,), "text.number_ref", id=repr(ref)))
                for ref in LAW_REF_LIKE.findall(value):
                    m = LAW_REF.fullmatch(ref)
                    if m is None or m.group(1) not in laws:
                        found = msg("found.unknown_law", id=repr(m.group(1))) if m else repr(ref)
                        problems.append(doc.problem(path + (key,), "text.law_ref", found=found))


def _alias_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """A name a register may give a contract type (its id, its names, its aliases) names one
    type only, compared as the plan compares them (full-width letters and case aside)."""
    ct = docs["contract_types"]
    seen: dict[str, str] = {}  # normalised name -> id of the type it names
    types = [t for t in (ct.value or {}).get("contract_types") or [] if isinstance(t, dict)]
    for t in types:
        for name in [t.get("id")] + [v for v in (t.get("name") or {}).values()]:
            if isinstance(name, str):
                seen.setdefault(unicodedata.normalize("NFKC", name).strip().lower(), t.get("id"))
    for i, t in enumerate((ct.value or {}).get("contract_types") or []):
        if not isinstance(t, dict):
            continue
        for j, alias in enumerate(t.get("aliases") or []):
            if not isinstance(alias, str):
                continue
            key = unicodedata.normalize("NFKC", alias).strip().lower()
            other = seen.get(key)
            if other is not None and (other != t.get("id") or key in {unicodedata.normalize("NFKC", a).strip().lower()
                                                                    for a in (t.get("aliases") or [])[:j] if isinstance(a, str)}):
                problems.append(ct.problem(("contract_types", i, "aliases", j), "contract_types.alias_taken",
                                           alias=repr(alias), other=other))
            seen.setdefault(key, t.get("id"))


def _plan_reading_checks(docs: dict[str, Document], ids: Index, problems: list[Problem]) -> None:
    """The plan's readings (ui.yaml plan.readings) are readings of contract_types.yaml."""
    ui = docs["ui"]
    known = {r.get("id") for r in ((docs["contract_types"].value or {}).get("audit") or {}).get("readings") or []
             if isinstance(r, dict)}
    for i, rid in enumerate(((ui.value or {}).get("plan") or {}).get("readings") or []):
        if isinstance(rid, str) and rid not in known:
            problems.append(ui.problem(("plan", "readings", i), "plan.reading_unknown", id=repr(rid)))


# The checks across files, each with the files it reads.
CROSS_FILE_CHECKS = (
    (("standard", "items"), _item_checks),
    (("clauses", "standard", "procedure", "items"), clause_checks.check),
    ((), clause_checks.vocabulary),
    (("checklists", "standard"), _checklist_checks),
    (("checklists",), _review_checks),
    (("procedure", "contract_types"), _audit_semantic_checks),
    (("document",), _revision_checks),
    (("contract_types",), _reading_checks),
    (("contract_types",), _alias_checks),
    (("ui", "contract_types"), _plan_reading_checks),
    (("standard", "glossary"), _number_ref_checks),
)
