"""The checks across files that a schema cannot make, each with the files it reads."""

from __future__ import annotations

import unicodedata

from ..errors import Problem
from ..model import READING_PARAMS
from ..model.cite import NUMBER_REF
from ..model.text import placeholders
from . import clause_checks
from .yamlfile import Document, format_path, mappings


def _item_checks(docs: dict[str, Document], problems: list[Problem]) -> None:
    """Rules a schema cannot say: items must point at list items of the standard."""
    list_item_ids = {
        item["id"]
        for _, block in mappings(docs["standard"].value) if block.get("kind") == "list"
        for item in block.get("items") or [] if isinstance(item, dict) and isinstance(item.get("id"), str)
    }
    items_doc = docs["items"]
    for i, item in enumerate((items_doc.value or {}).get("items", []) or []):
        if isinstance(item, dict) and isinstance(item.get("source"), str):
            src = item["source"]
            if src not in list_item_ids:
                line, col = items_doc.where(("items", i, "source"))
                problems.append(
                    Problem(items_doc.file, line, col, format_path(("items", i, "source")),
                            f"expected the id of a list item of standard.yaml, found {src!r}")
                )



def _checklist_checks(docs: dict[str, Document], problems: list[Problem]) -> None:
    """Checklist rows: a question is either the standard's words or a marked model text."""
    doc = docs["checklists"]
    lists = (doc.value or {}).get("checklists") or []
    texts = {
        v["id"] for _, v in mappings(docs["standard"].value)
        if isinstance(v.get("id"), str) and isinstance(v.get("text"), dict)
    }
    for key, checklist in enumerate(lists):
        for i, row in enumerate(checklist.get("rows") or []):
            path = ("checklists", key, "rows", i)
            line, col = doc.where(path)
            if "text" in row and row.get("model") is not True:
                problems.append(Problem(doc.file, line, col, format_path(path + ("model",)),
                    "expected model: true beside a question written for the handbook (text), found none"))
            if "text" not in row and row.get("model") is True:
                problems.append(Problem(doc.file, line, col, format_path(path + ("text",)),
                    "expected the model question (text) that model: true marks, found none"))
            if "text" not in row and row.get("source") not in texts:
                problems.append(Problem(doc.file, line, col, format_path(path + ("source",)),
                    f"expected the id of a passage of the standard whose words can be asked, or a model text; found {row.get('source')!r}"))
        for i, note in enumerate(checklist.get("notes") or []):
            if note not in texts:
                line, col = doc.where(("checklists", key, "notes", i))
                problems.append(Problem(doc.file, line, col, format_path(("checklists", key, "notes", i)),
                    f"expected the id of a passage of the standard with a text, found {note!r}"))



def _audit_semantic_checks(docs: dict[str, Document], problems: list[Problem]) -> None:
    """The shared audit settings must point at procedure actions and steps of the right kind."""
    steps = (docs["procedure"].value or {}).get("steps") or []
    step_ids = {s.get("id") for s in steps if isinstance(s, dict)}
    action_ids = {
        a.get("id") for s in steps if isinstance(s, dict) for a in (s.get("actions") or []) if isinstance(a, dict)
    }
    ct = docs["contract_types"]
    audit = (ct.value or {}).get("audit") or {}
    wanted = [(("before_contract", "action"), action_ids, "an action")]
    for key in ("before_steps", "follow_up_steps"):
        for i, _ in enumerate(audit.get(key) or []):
            wanted.append(((key, i), step_ids, "a step"))
    for path, ids, what in wanted:
        value = audit
        for part in path:
            value = value[part] if isinstance(value, (dict, list)) else None
        if isinstance(value, str) and value not in ids:
            full = ("audit",) + path
            line, col = ct.where(full)
            problems.append(
                Problem(ct.file, line, col, format_path(full), f"expected the id of {what} in procedure.yaml, found {value!r}")
            )



def _revision_checks(docs: dict[str, Document], problems: list[Problem]) -> None:
    """The revision history starts with the decision of document.yaml and runs oldest first."""
    doc = docs["document"]
    revisions = doc.value.get("revisions") or []
    for field in ("decided", "effective"):
        if revisions and revisions[0][field] != doc.value[field]:
            line, col = doc.where(("revisions", 0, field))
            problems.append(Problem(doc.file, line, col, format_path(("revisions", 0, field)),
                f"expected the first revision to be the decision of this file ({field}: {doc.value[field]}), found {revisions[0][field]}"))
    for i in range(1, len(revisions)):
        if revisions[i]["decided"] < revisions[i - 1]["decided"]:
            line, col = doc.where(("revisions", i, "decided"))
            problems.append(Problem(doc.file, line, col, format_path(("revisions", i, "decided")),
                f"expected revisions oldest first (decided on or after {revisions[i - 1]['decided']}), found {revisions[i]['decided']}"))



def _reading_checks(docs: dict[str, Document], problems: list[Problem]) -> None:
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
                        line, col = ct.where(path)
                        names = ", ".join("{%s}" % n for n in sorted(allowed_label))
                        problems.append(Problem(ct.file, line, col, format_path(path),
                                                f"expected only the placeholders {names}, found {{{name}}}"))
    for i, reading in enumerate((root.get("audit") or {}).get("readings") or []):
        allowed = set(READING_PARAMS)
        about = reading.get("about")
        if about is not None:
            if about not in rules:
                path = ("audit", "readings", i, "about")
                line, col = ct.where(path)
                problems.append(Problem(ct.file, line, col, format_path(path),
                                        f"expected the id of a check or on-site rule of a contract type, found {about!r}"))
                continue
            allowed |= rules[about]
        for lang, text in sorted((reading.get("text") or {}).items()):
            for name in placeholders(text):
                if name not in allowed:
                    path = ("audit", "readings", i, "text", lang)
                    line, col = ct.where(path)
                    names = ", ".join("{%s}" % n for n in sorted(allowed))
                    problems.append(Problem(ct.file, line, col, format_path(path),
                                            f"expected only the placeholders {names}, found {{{name}}}"))


def _number_ref_checks(docs: dict[str, Document], problems: list[Problem]) -> None:
    """`{number:ID}` in a data text must name a passage of the standard."""
    ids = {v["id"] for _, v in mappings(docs["standard"].value) if isinstance(v.get("id"), str)}
    for name, doc in sorted(docs.items()):
        if name == "standard" or doc.value is None:
            continue
        for path, mapping in mappings(doc.value):
            for key, value in mapping.items():
                if not isinstance(value, str):
                    continue
                for ref in NUMBER_REF.findall(value):
                    if ref not in ids:
                        line, col = doc.where(path + (key,))
                        problems.append(Problem(doc.file, line, col, format_path(path + (key,)),
                            f"expected {{number:ID}} to name a passage of standard.yaml, found unknown id {ref!r}"))


def _alias_checks(docs: dict[str, Document], problems: list[Problem]) -> None:
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
                path = ("contract_types", i, "aliases", j)
                line, col = ct.where(path)
                problems.append(Problem(ct.file, line, col, format_path(path),
                                        f"expected a name no other contract type has, found {alias!r} (already a name of {other})"))
            seen.setdefault(key, t.get("id"))


def _plan_reading_checks(docs: dict[str, Document], problems: list[Problem]) -> None:
    """The plan's readings (ui.yaml plan.readings) are readings of contract_types.yaml."""
    ui = docs["ui"]
    known = {r.get("id") for r in ((docs["contract_types"].value or {}).get("audit") or {}).get("readings") or []
             if isinstance(r, dict)}
    for i, rid in enumerate(((ui.value or {}).get("plan") or {}).get("readings") or []):
        if isinstance(rid, str) and rid not in known:
            path = ("plan", "readings", i)
            line, col = ui.where(path)
            problems.append(Problem(ui.file, line, col, format_path(path),
                                    f"expected the id of a reading of contract_types.yaml, found {rid!r}"))


# The checks across files, each with the files it reads.
CROSS_FILE_CHECKS = (
    (("standard", "items"), _item_checks),
    (("clauses", "standard", "procedure", "items"), clause_checks.check),
    ((), clause_checks.vocabulary),
    (("checklists", "standard"), _checklist_checks),
    (("procedure", "contract_types"), _audit_semantic_checks),
    (("document",), _revision_checks),
    (("contract_types",), _reading_checks),
    (("contract_types",), _alias_checks),
    (("ui", "contract_types"), _plan_reading_checks),
    (("standard",), _number_ref_checks),
)


