"""Load the data folder: read every file with positions, validate, resolve references.

Every problem of every file is collected and raised together as one `DataError`;
`load()` either returns a complete `Handbook` or raises, never anything else.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from . import clauses as clause_data
from . import model as m
from .model import section_page
from .errors import DataError, Problem
from .schema import SCHEMAS, iter_errors
from .yamlsource import MISSING, Document, format_path, mappings, read

TEMPLATES = Path(__file__).parent / "templates"
THEME = Path(__file__).parent.parent / "theme"

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}


def _found(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int):
        return f"the number {value}"
    text = str(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return repr(text)


def _expected_type(schema_type) -> str:
    if isinstance(schema_type, list):
        return " or ".join(_TYPE_NAMES.get(t, t) for t in schema_type)
    return _TYPE_NAMES.get(schema_type, schema_type)


def _schema_problems(doc: Document, error) -> list[Problem]:
    """Turn one jsonschema error into located problems with 'expected …, found …'."""
    path = tuple(error.absolute_path)
    kind = error.validator
    inst = error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}

    def at(p, key=False, message=""):
        line, col = doc.where(p, key=key)
        return Problem(doc.file, line, col, format_path(p), message)

    if kind == "additionalProperties" and isinstance(inst, dict):
        allowed = sorted(schema.get("properties", {}))
        extras = [k for k in inst if k not in schema.get("properties", {})]
        return [
            at(path + (k,), key=True, message=f"expected one of the fields {', '.join(allowed)}; found unknown field {k!r}")
            for k in extras
        ]
    if kind == "required":
        missing = re.match(r"'(.+)' is a required property", error.message)
        name = missing.group(1) if missing else str(error.validator_value)
        return [at(path, message=f"expected the field {name!r}, found none")]
    if kind == "type":
        return [at(path, message=f"expected {_expected_type(error.validator_value)}, found {_found(inst)}")]
    if kind in ("enum", "const"):
        options = error.validator_value if kind == "enum" else [error.validator_value]
        return [at(path, message=f"expected one of {', '.join(repr(o) for o in options)}; found {_found(inst)}")]
    if kind == "idref":
        files = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        where = " or ".join(f"{f}.yaml" for f in files)
        return [at(path, message=f"expected the id of a record in {where}, found unknown id {inst!r}")]
    if kind == "minItems":
        return [at(path, message=f"expected at least {error.validator_value} entries, found {len(inst)}")]
    if kind == "minProperties":
        return [at(path, message=f"expected at least {error.validator_value} entries, found {len(inst)}")]
    if kind in ("minLength", "pattern", "format", "maxLength", "minimum", "maximum"):
        wanted = schema.get("description") or f"{kind} {error.validator_value}"
        if kind == "minimum":
            wanted = f"a number of at least {error.validator_value}"
        return [at(path, message=f"expected {wanted}, found {_found(inst)}")]
    if kind == "propertyNames":
        return [at(path, message=f"expected keys that are {schema.get('propertyNames', {}).get('description', 'valid')}, found {_found(inst)}")]
    return [at(path, message=f"expected {schema.get('description', 'valid data')}, found {_found(inst)} ({error.message})")]


def _ui_keys_used() -> dict[str, str]:
    """Every UI key the templates ask for, with the first template that uses it."""
    used: dict[str, str] = {}
    pattern = re.compile(r"""(?<![.\w])t\(\s*["']([a-z0-9_.]+)["']""")
    for root in (TEMPLATES, THEME):
        for path in sorted(root.rglob("*")):
            if path.suffix in (".j2", ".html", ".md", ".py") and path.is_file():
                for key in pattern.findall(path.read_text(encoding="utf-8")):
                    used.setdefault(key, path.relative_to(root.parent).as_posix())
    for key in _CODE_UI_KEYS:
        used.setdefault(key, "generator")
    from .pages import MODULES

    for mod in MODULES:
        for key in getattr(mod, "UI_KEYS", ()):
            used.setdefault(key, f"generator/pages/{mod.__name__.rsplit('.', 1)[-1]}.py")
    return used


# UI keys the Python code (not a template) asks for.
_CODE_UI_KEYS = (
    "nav.home",
    "nav.standard",
    "nav.glossary",
    "nav.about",
    "nav.maintainers",
    "language.name",
    "language.switch_label",
    "notice.reference_translation",
)


def read_all(data_dir: Path) -> tuple[dict[str, Document], list[Problem]]:
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    shown = data_dir.as_posix().rstrip("/")
    for name in SCHEMAS:
        docs[name] = read(data_dir / f"{name}.yaml", f"{shown}/{name}.yaml", problems)
    expected = ", ".join(n + ".yaml" for n in SCHEMAS)
    misspelt: set[str] = set()
    if data_dir.is_dir():
        for extra in sorted(data_dir.iterdir()):
            name = extra.name
            stem, _, suffix = name.rpartition(".")
            if suffix.lower() not in ("yaml", "yml") or (stem in SCHEMAS and suffix == "yaml"):
                continue
            proper = data_dir / f"{stem.lower()}.yaml"
            if stem.lower() in SCHEMAS:  # GLOSSARY.YAML, glossary.yml: never silently ignored
                if proper.exists() and os.path.samefile(proper, extra):
                    continue  # a file system that ignores case read it as the proper name
                misspelt.add(f"{shown}/{stem.lower()}.yaml")
                message = f"expected the name {stem.lower()}.yaml (lowercase, ending in .yaml), found {name!r}, which is not read"
            else:
                message = f"expected one of the data files {expected}; found an unknown file"
            problems.append(Problem(f"{shown}/{name}", 1, 1, "$", message))
    # A file missing because it is spelt otherwise is one problem, not two.
    problems = [p for p in problems if not (p.file in misspelt and p.message == MISSING)]
    return docs, problems


def validate(docs: dict[str, Document], problems: list[Problem]) -> set[str]:
    """Append every schema, id and reference problem of all documents to `problems`;
    return the names of the files that are unreadable or do not match their schema."""
    known: dict[str, set[str] | None] = {
        name: (set() if docs[name].value is not None else None) for name in SCHEMAS
    }
    first_seen: dict[str, tuple[str, int]] = {}
    for name, doc in docs.items():
        found = [(v["id"], p + ("id",)) for p, v in mappings(doc.value) if isinstance(v.get("id"), str)]
        for record_id, path in found:
            line, col = doc.where(path)
            if record_id in first_seen:
                other_file, other_line = first_seen[record_id]
                problems.append(
                    Problem(doc.file, line, col, format_path(path),
                            f"expected a unique id, found {record_id!r} again (first at {other_file}:{other_line})")
                )
                continue
            first_seen[record_id] = (doc.file, line)
            known[name].add(record_id)
    invalid = {name for name, doc in docs.items() if doc.value is None}
    for name, doc in docs.items():
        if doc.value is None:
            continue
        errors = [
            e for e in iter_errors(SCHEMAS[name], doc.value, known)
            if not any(tuple(e.absolute_path)[: len(r)] == r for r in doc.reported)
        ]
        if errors or doc.reported:
            invalid.add(name)
        for error in errors:
            problems.extend(_schema_problems(doc, error))

    ui = docs["ui"]
    strings = ui.value.get("strings") if isinstance(ui.value, dict) else None
    if isinstance(strings, dict):
        for key, where in sorted(_ui_keys_used().items()):
            if key not in strings:
                line, col = ui.where(("strings",), key=True)
                problems.append(
                    Problem(ui.file, line, col, "$.strings",
                            f"expected the key {key!r} (used by {where}), found none")
                )
    return invalid


# ---------------------------------------------------------------- model building


def _text(value: dict) -> m.Text:
    return m.Text(ja=value["ja"], en=value["en"])


def _note(v: dict) -> m.Note:
    return m.Note(v["id"], v["marker"], _text(v["text"]), v.get("translation_note"))


def _list_item(v: dict) -> m.ListItem:
    return m.ListItem(
        id=v["id"],
        marker=v["marker"],
        text=_text(v["text"]),
        items=tuple(_list_item(i) for i in v.get("items", ())),
        notes=tuple(_note(n) for n in v.get("notes", ())),
        translation_note=v.get("translation_note"),
    )


def _block(v: dict) -> m.Block:
    kind, tn = v["kind"], v.get("translation_note")
    if kind == "paragraph":
        return m.Paragraph(v["id"], _text(v["text"]), tn)
    if kind == "heading":
        return m.Heading(v["id"], _text(v["text"]), tn)
    if kind == "note":
        return m.NoteBlock(v["id"], v["marker"], _text(v["text"]), tn)
    if kind == "list":
        return m.ListBlock(v["id"], tuple(_list_item(i) for i in v["items"]), tn)
    if kind == "clause":
        return m.Clause(v["id"], _text(v["heading"]), _text(v["article"]), _text(v["text"]), tn)
    if kind == "table":
        cols = tuple(
            m.Column(c["id"], _text(c["heading"]), tuple(_text(t) for t in c["cells"])) for c in v["columns"]
        )
        return m.Table(v["id"], cols, tn)
    raise AssertionError(kind)  # unreachable after validation


def _section(v: dict) -> m.Section:
    return m.Section(
        id=v["id"],
        number=v["number"],
        title=_text(v["title"]),
        blocks=tuple(_block(b) for b in v["blocks"]),
        subsections=tuple(_section(s) for s in v.get("subsections", ())),
    )


def _index_standard(sections, locations, records):
    def visit(record, page, top):
        locations[record.id] = m.Location(page, record.id, top)
        records[record.id] = record
        children = []
        if isinstance(record, m.Section):
            children = list(record.blocks) + list(record.subsections)
        elif isinstance(record, m.ListBlock):
            children = record.items
        elif isinstance(record, m.ListItem):
            children = list(record.items) + list(record.notes)
        elif isinstance(record, m.Table):
            children = record.columns
        for child in children:
            visit(child, page, top)

    for section in sections:
        visit(section, section_page(section.id), section.id)


def build_model(docs: dict[str, Document]) -> m.Handbook:
    d = {name: doc.value for name, doc in docs.items()}
    sections = tuple(_section(s) for s in d["standard"]["sections"])
    locations: dict = {}
    records: dict = {}
    _index_standard(sections, locations, records)

    doc = d["document"]
    document = m.Document(
        municipality=_text(doc["municipality"]),
        title=_text(doc["title"]),
        site_name=_text(doc["site_name"]),
        decision=_text(doc["decision"]),
        decided=doc["decided"],
        effective=doc["effective"],
        effective_source=doc["effective_source"],
        references=tuple(m.Reference(r["id"], r["source"]) for r in doc["references"]),
        copyright=_text(doc["copyright"]) if "copyright" in doc else None,
        revised=doc.get("revised"),
        revisions=tuple(
            m.Revision(r["id"], r["decided"], r["effective"], _text(r["summary"]), tuple(r["changes"]))
            for r in doc.get("revisions", ())
        ),
    )
    terms = tuple(
        m.Term(t["id"], _text(t["term"]), _text(t["definition"]), t["strict"], t.get("source"),
               tuple(t.get("forms", ())))
        for t in d["glossary"]["terms"]
    )
    for term in terms:
        locations[term.id] = m.Location("glossary.md", term.id, "")
        records[term.id] = term
    items = []
    for v in d["items"]["items"]:
        source = records[v["source"]]
        confirm = tuple(child.text for child in getattr(source, "items", ()))
        items.append(m.Item(v["id"], v["number"], v["source"], _text(v["short"]), source.text, confirm))
    contract_types = tuple(
        m.ContractType(c["id"], _text(c["name"]), _text(c["summary"]), c["source"], _audit_rules(c["audit"]))
        for c in d["contract_types"]["contract_types"]
    )
    steps = tuple(
        m.Step(
            s["id"], s["stage"], _text(s["title"]),
            tuple(m.Action(a["id"], _text(a["text"]), a["source"], a.get("condition")) for a in s["actions"]),
        )
        for s in d["procedure"]["steps"]
    )
    ui = {key: _text(value) for key, value in sorted(d["ui"]["strings"].items())}
    clauses = clause_data.build(d["clauses"], records, items, document)
    return m.Handbook(
        document=document,
        sections=sections,
        terms=terms,
        ui=ui,
        items=tuple(items),
        contract_types=contract_types,
        steps=steps,
        locations=locations,
        records=records,
        clauses=clauses,
        checklists=_checklists(d["checklists"], records, items),
        audit=_audit_settings(d["contract_types"]["audit"]),
        eras=tuple(m.Era(_text(e["name"]), e["start"]) for e in d["ui"]["eras"]),
        plan=m.PlanSettings(
            d["ui"]["plan"]["fiscal_year_start_month"], d["ui"]["plan"]["due_soon_days"],
            tuple(d["ui"]["plan"]["yes_words"]), tuple(d["ui"]["plan"]["no_words"]),
        ),
    )


def _audit_rules(v: dict) -> m.AuditRules:
    def onsite(o):
        if o is None:
            return None
        return m.OnsiteRule(o["id"], o["when"], o["source"], _text(o["label"]), o.get("years"))

    checks = tuple(
        m.AuditCheck(
            id=c["id"],
            repeat=c["repeat"],
            method=c["method"],
            aim=m.AuditAim(c["aim"].get("months"), bool(c["aim"].get("midpoint", False))),
            checklist=c["checklist"],
            source=c["source"],
            label=_text(c["label"]),
            onsite=onsite(c.get("onsite")),
        )
        for c in v["checks"]
    )
    term = v.get("term")
    return m.AuditRules(
        applies=v["applies"],
        checks=checks,
        pre_contract_guidance=v["pre_contract_guidance"],
        follow_up=v["follow_up"],
        term=m.TermFit(term["relation"], term["months"]) if term else None,
        may_visit_instead=v.get("may_visit_instead"),
        samples=tuple(
            m.Sample(x["start"], x["end"], bool(x.get("renewed_yearly", False)), x.get("last_onsite_visit"))
            for x in v.get("samples", ())
        ),
    )


def _audit_settings(v: dict) -> m.AuditSettings:
    bc = v["before_contract"]
    return m.AuditSettings(
        methods={k: m.AuditMethod(_text(x["name"]), _text(x["who"]), _text(x["description"]))
                 for k, x in sorted(v["methods"].items())},
        checklists={k: m.ChecklistRef(_text(x["name"]), x["page"]) for k, x in sorted(v["checklists"].items())},
        before_contract=m.BeforeContract(bc["action"], bc["days_before_start"], bc["method"], bc["checklist"]),
        before_steps=tuple(v["before_steps"]),
        follow_up_steps=tuple(v["follow_up_steps"]),
        contract_year_months=v["contract_year_months"],
        max_term_years=v["max_term_years"],
        readings=tuple(
            m.Reading(r["id"], _text(r["text"]), r["model"], r.get("about")) for r in v.get("readings", ())
        ),
    )


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
    lists = (doc.value or {}).get("checklists") or {}
    texts = {
        v["id"] for _, v in mappings(docs["standard"].value)
        if isinstance(v.get("id"), str) and isinstance(v.get("text"), dict)
    }
    for key, checklist in sorted(lists.items()):
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


def _checklists(v: dict, records: dict, items) -> m.ChecklistForms:
    """The checklists, with each row's item title and marker read from the standard."""
    by_id = {item.id: item for item in items}

    def field(f: dict) -> m.FormField:
        return m.FormField(f["id"], f["kind"], _text(f["label"]))

    def row(r: dict) -> m.ChecklistRow:
        item = by_id[r["item"]]
        text = _text(r["text"]) if "text" in r else records[r["source"]].text
        return m.ChecklistRow(
            id=r["id"], item=item.id, marker=records[item.source].marker, title=item.title,
            source=r["source"], text=text, model=bool(r.get("model")),
        )

    checklists = tuple(
        m.Checklist(
            id=key.replace("_", "-"),
            title=_text(c["title"]),
            short=_text(c["short"]),
            sheet=_text(c["sheet"]),
            sources=tuple(c["sources"]),
            purpose=_text(c["purpose"]),
            instructions=_text(c["instructions"]),
            rows=tuple(row(r) for r in c["rows"]),
            notes=tuple(c.get("notes", ())),
        )
        for key, c in (("pre_contract", v["checklists"]["pre_contract"]),
                       ("post_contract", v["checklists"]["post_contract"]))
    )
    review = v["review"]
    return m.ChecklistForms(
        answers=tuple(m.Choice(a["id"], _text(a["label"])) for a in v["answers"]),
        fields=tuple(field(f) for f in v["fields"]),
        date=m.EraDate(*(_text(v["date"][part]) for part in ("era", "year", "month", "day"))),
        review_title=_text(review["title"]),
        review_fields=tuple(field(f) for f in review["fields"]),
        result_label=_text(review["result_label"]),
        results=tuple(m.Choice(r["id"], _text(r["label"])) for r in review["results"]),
        checklists=checklists,
    )


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


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


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
    for i, reading in enumerate((root.get("audit") or {}).get("readings") or []):
        allowed = set(m.READING_PARAMS)
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
            for name in _PLACEHOLDER.findall(text):
                if name not in allowed:
                    path = ("audit", "readings", i, "text", lang)
                    line, col = ct.where(path)
                    names = ", ".join("{%s}" % n for n in sorted(allowed))
                    problems.append(Problem(ct.file, line, col, format_path(path),
                                            f"expected only the placeholders {names}, found {{{name}}}"))


# The checks across files, each with the files it reads.
_CROSS_FILE_CHECKS = (
    (("standard", "items"), _item_checks),
    (("clauses", "standard", "procedure", "items"), clause_data.check),
    (("checklists", "standard"), _checklist_checks),
    (("procedure", "contract_types"), _audit_semantic_checks),
    (("document",), _revision_checks),
    (("contract_types",), _reading_checks),
)


def load(data_dir: Path | str) -> m.Handbook:
    """Read, validate and model the data folder, or raise `DataError` with every problem."""
    data_dir = Path(data_dir)
    docs, problems = read_all(data_dir)
    invalid = validate(docs, problems)
    # Every check whose files are sound runs, so independent problems show at once; a
    # check that reads a broken file is skipped, since it would only repeat that problem.
    for inputs, check in _CROSS_FILE_CHECKS:
        if not invalid.intersection(inputs):
            check(docs, problems)
    if problems:
        raise DataError(problems)
    return build_model(docs)
