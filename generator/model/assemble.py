"""Assemble the model from the validated plain data of the data folder (no I/O).

`generator.source` reads and validates the files; `assemble()` turns their plain values
into the frozen model. Nothing here checks: the data is valid when it arrives.
"""

from __future__ import annotations

from collections.abc import Mapping

from .audit import (
    Action, AuditAim, AuditCheck, AuditMethod, AuditRules, AuditSettings, BeforeContract, ContractType, Era,
    OnsiteRule, PlanSettings, Reading, Sample, Step, TermFit,
)
from .cite import UI_KEY as CITE_KEY
from .cite import citations, law_citer, section_numbers, with_numbers
from .clause_generator import clause_generator
from .forms import (
    Checklist, ChecklistForms, ChecklistRow, Choice, Correction, CorrectionNotice, CorrectionPlan, EraDate, FormField,
)
from .handbook import Handbook
from .standard import (
    GLOSSARY_PAGE, Block, ClauseBlock, Column, Document, Heading, Item, ListBlock, ListItem, Location, Note, NoteBlock, Paragraph,
    Reference, Revision, Section, Table, Term, section_page,
)
from .text import LANGS, Answers, Text, fill
from .walk import walk


def _note(v: dict) -> Note:
    return Note(v["id"], v["marker"], Text.of(v["text"]), v.get("translation_note"))


def _list_item(v: dict) -> ListItem:
    return ListItem(
        id=v["id"],
        marker=v["marker"],
        text=Text.of(v["text"]),
        items=tuple(_list_item(i) for i in v.get("items", ())),
        notes=tuple(_note(n) for n in v.get("notes", ())),
        translation_note=v.get("translation_note"),
    )


def _block(v: dict) -> Block:
    kind, tn = v["kind"], v.get("translation_note")
    if kind == "paragraph":
        return Paragraph(v["id"], Text.of(v["text"]), tn)
    if kind == "heading":
        return Heading(v["id"], Text.of(v["text"]), tn)
    if kind == "note":
        return NoteBlock(v["id"], v["marker"], Text.of(v["text"]), tn)
    if kind == "list":
        return ListBlock(v["id"], tuple(_list_item(i) for i in v["items"]), tn)
    if kind == "clause":
        return ClauseBlock(v["id"], Text.of(v["heading"]), Text.of(v["article"]), Text.of(v["text"]), tn)
    if kind == "table":
        cols = tuple(
            Column(c["id"], Text.of(c["heading"]), tuple(Text.of(t) for t in c["cells"])) for c in v["columns"]
        )
        return Table(v["id"], cols, tn)
    raise AssertionError(kind)  # unreachable after validation


def _section(v: dict) -> Section:
    return Section(
        id=v["id"],
        number=v["number"],
        title=Text.of(v["title"]),
        blocks=tuple(_block(b) for b in v["blocks"]),
        subsections=tuple(_section(s) for s in v.get("subsections", ())),
    )


def _index_standard(sections, locations, records):
    for section in sections:
        for record in walk(section):
            locations[record.id] = Location(section_page(section.id), record.id, section.id)
            records[record.id] = record


def assemble(d: Mapping[str, dict]) -> Handbook:
    """The handbook from the validated plain data of every file, by file name (no extension)."""
    sections = tuple(_section(s) for s in d["standard"]["sections"])
    numbers_by_id = section_numbers(sections)
    citers = {lang: law_citer(d["glossary"].get("laws", []), d["ui"]["strings"], lang) for lang in LANGS}
    d = {name: value if name == "standard" else with_numbers(value, numbers_by_id, citers) for name, value in d.items()}
    locations: dict = {}
    records: dict = {}
    _index_standard(sections, locations, records)

    doc = d["document"]
    document = Document(
        municipality=Text.of(doc["municipality"]),
        title=Text.of(doc["title"]),
        site_name=Text.of(doc["site_name"]),
        decision=Text.of(doc["decision"]),
        decided=doc["decided"],
        effective=doc["effective"],
        effective_source=doc["effective_source"],
        references=tuple(Reference(r["id"], r["source"]) for r in doc["references"]),
        copyright=Text.of(doc["copyright"]) if "copyright" in doc else None,
        revised=doc.get("revised"),
        revisions=tuple(
            Revision(r["id"], r["decided"], r["effective"], Text.of(r["summary"]), tuple(r["changes"]))
            for r in doc.get("revisions", ())
        ),
    )
    terms = tuple(
        Term(t["id"], Text.of(t["term"]), Text.of(t["definition"]), t["strict"], t.get("source"),
               tuple(t.get("forms", ())), bool(t.get("exclusive", False)))
        for t in d["glossary"]["terms"]
    )
    for term in terms:
        locations[term.id] = Location(GLOSSARY_PAGE, term.id, "")
        records[term.id] = term
    items = []
    for v in d["items"]["items"]:
        source = records[v["source"]]
        confirm = tuple(child.text for child in getattr(source, "items", ()))
        items.append(Item(v["id"], v["number"], v["source"], Text.of(v["short"]), source.text, confirm))
    contract_types = tuple(
        ContractType(c["id"], Text.of(c["name"]), Text.of(c["summary"]), c["source"], _audit_rules(c["audit"]),
                     tuple(c.get("aliases", ())))
        for c in d["contract_types"]["contract_types"]
    )
    steps = tuple(
        Step(
            s["id"], s["stage"], Text.of(s["title"]),
            tuple(Action(a["id"], Text.of(a["text"]), a["source"], a.get("condition"), a.get("model", False))
                  for a in s["actions"]),
        )
        for s in d["procedure"]["steps"]
    )
    ui = {key: Text.of(value) for key, value in sorted(d["ui"]["strings"].items())}
    checklists = _checklists(d["checklists"], records, items)
    clauses = clause_generator(d["clauses"], records, items, document)
    return Handbook(
        document=document,
        sections=sections,
        terms=terms,
        ui=ui,
        items=tuple(items),
        contract_types=contract_types,
        steps=steps,
        locations=locations,
        records=records,
        numbers=numbers_by_id,
        citations=citations(numbers_by_id, ui[CITE_KEY]),
        clauses=clauses,
        checklists=checklists,
        audit=_audit_settings(d["contract_types"]["audit"]),
        eras=tuple(Era(Text.of(e["name"]), e["start"]) for e in d["ui"]["eras"]),
        plan=_plan_settings(d["ui"]["plan"]),
        answers=Answers(tuple(d["ui"]["answers"]["yes_words"]), tuple(d["ui"]["answers"]["no_words"])),
        direction_controls=tuple(d["ui"]["direction_controls"]),
    )


def _plan_settings(v: dict) -> PlanSettings:
    follow = v["correction_follow_up"]
    return PlanSettings(v["fiscal_year_start_month"], v["due_soon_days"], v["reminder_days"], v["handout_days"],
                        follow["months"], follow["method"], v["max_rows"], tuple(v["readings"]))


def _audit_rules(v: dict) -> AuditRules:
    def onsite(o):
        if o is None:
            return None
        # The label says the rule's own numbers ({years}) through the one filler.
        values = {} if o.get("years") is None else {"years": o["years"]}
        label = Text(fill(o["label"]["ja"], values), fill(o["label"]["en"], values))
        return OnsiteRule(o["id"], o["when"], o["source"], label, o.get("years"))

    checks = tuple(
        AuditCheck(
            id=c["id"],
            repeat=c["repeat"],
            method=c["method"],
            aim=AuditAim(c["aim"].get("months"), bool(c["aim"].get("midpoint", False))),
            checklist=c["checklist"],
            source=c["source"],
            label=Text.of(c["label"]),
            onsite=onsite(c.get("onsite")),
        )
        for c in v["checks"]
    )
    term = v.get("term")
    return AuditRules(
        applies=v["applies"],
        checks=checks,
        pre_contract_guidance=v["pre_contract_guidance"],
        follow_up=v["follow_up"],
        term=TermFit(term["relation"], term["months"]) if term else None,
        may_visit_instead=v.get("may_visit_instead"),
        samples=tuple(
            Sample(x["start"], x["end"], bool(x.get("renewed_yearly", False)), x.get("last_onsite_visit"))
            for x in v.get("samples", ())
        ),
    )


def _audit_settings(v: dict) -> AuditSettings:
    bc = v["before_contract"]
    return AuditSettings(
        methods={k: AuditMethod(Text.of(x["name"]), Text.of(x["who"]), Text.of(x["description"]))
                 for k, x in sorted(v["methods"].items())},
        before_contract=BeforeContract(bc["action"], bc["days_before_start"], bc["method"], bc["checklist"]),
        before_steps=tuple(v["before_steps"]),
        follow_up_steps=tuple(v["follow_up_steps"]),
        contract_year_months=v["contract_year_months"],
        max_term_years=v["max_term_years"],
        readings=tuple(
            Reading(r["id"], Text.of(r["text"]), r["model"], r.get("about"), Text.of(r["title"]),
                    Text.of(r["alternative"]), tuple(r.get("types", ())))
            for r in v.get("readings", ())
        ),
    )


def _checklists(v: dict, records: dict, items) -> ChecklistForms:
    """The checklists, with each row's item title and marker read from the standard."""
    by_id = {item.id: item for item in items}

    def field(f: dict) -> FormField:
        return FormField(f["id"], f["kind"], Text.of(f["label"]), f.get("register"))

    def row(r: dict) -> ChecklistRow:
        item = by_id[r["item"]]
        text = Text.of(r["text"]) if "text" in r else records[r["source"]].text
        return ChecklistRow(
            id=r["id"], item=item.id, marker=records[item.source].marker, title=item.title,
            source=r["source"], text=text, model=bool(r.get("model")),
        )

    checklists = tuple(
        Checklist(
            id=c["id"],
            title=Text.of(c["title"]),
            short=Text.of(c["short"]),
            sheet=Text.of(c["sheet"]),
            sources=tuple(c["sources"]),
            purpose=Text.of(c["purpose"]),
            instructions=Text.of(c["instructions"]),
            rows=tuple(row(r) for r in c["rows"]),
            notes=tuple(c.get("notes", ())),
        )
        for c in v["checklists"]
    )
    review = v["review"]
    correction = None
    if "correction" in v:
        n, p = v["correction"]["notice"], v["correction"]["plan"]
        columns = lambda c: {k: Text.of(t) for k, t in c.items()}  # noqa: E731
        correction = Correction(
            notice=CorrectionNotice(
                title=Text.of(n["title"]), addressee=Text.of(n["addressee"]), body=Text.of(n["body"]),
                heading=Text.of(n["heading"]), closing=Text.of(n["closing"]), due_days=n["due_days"],
                fields=tuple(field(f) for f in n["fields"]), columns=columns(n["columns"]),
            ),
            plan=CorrectionPlan(
                id=p["id"], file=p["file"], title=Text.of(p["title"]), short=Text.of(p["short"]), sheet=Text.of(p["sheet"]),
                purpose=Text.of(p["purpose"]), instructions=Text.of(p["instructions"]),
                blank_rows=p["blank_rows"], fields=tuple(field(f) for f in p["fields"]),
                columns=columns(p["columns"]), review_title=Text.of(p["review"]["title"]),
                review_fields=tuple(field(f) for f in p["review"]["fields"]),
            ),
        )
    return ChecklistForms(
        answers=tuple(Choice(a["id"], Text.of(a["label"]), finding=a["finding"]) for a in v["answers"]),
        fields=tuple(field(f) for f in v["fields"]),
        date=EraDate(*(Text.of(v["date"][part]) for part in ("era", "year", "month", "day"))),
        review_title=Text.of(review["title"]),
        review_fields=tuple(field(f) for f in review["fields"]),
        result_label=Text.of(review["result_label"]),
        results=tuple(Choice(r["id"], Text.of(r["label"]), correction=r["correction"]) for r in review["results"]),
        checklists=checklists,
        correction=correction,
    )

