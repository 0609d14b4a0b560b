"""The audit-schedule calculator and the audit rules it computes from, as text.

Both pages come from the same data (contract_types.yaml `audit`, procedure.yaml,
document.yaml `effective`): the rules page renders the rules as sentences, and
`page_data` hands the same rules to `assets/handbook/schedule.js` through rules.json
(top-level key `schedule`).
"""

from __future__ import annotations

from ...model import AIMS, APPLIES, LANGS, ONSITE_WHEN, REPEATS, TERM_RELATIONS, Action, Handbook, ListBlock, ListItem, Reading, Step, fill
from ...model.walk import children, walk
from ..page import RULES_PAGE, SCHEDULE_PAGE, Page, page_url, rules_anchor
from ..renderer import Renderer

PATHS = (SCHEDULE_PAGE, RULES_PAGE)

# The clause generator's page, linked from the steps of a contract's path that it serves.
CLAUSE_PAGE = "tools/clause.md"

# UI strings the page script needs, by the camelCase name it uses (rules.json schedule.text).
JS_TEXT = {
    "aimMidpointNote": "schedule.aim_midpoint_note",
    "byDate": "schedule.by_date",
    "phaseBeforeContract": "schedule.phase.before_contract",
    "phaseDuringContract": "schedule.phase.during_contract",
    "resultEmpty": "schedule.result.empty",
    "resultErrors": "schedule.result.errors",
    "resultNotApplicable": "schedule.result.not_applicable",
    "resultCount": "schedule.result.count",
    "resultWarnings": "schedule.result.warnings",
    "resultNotes": "schedule.result.notes",
    "colWho": "schedule.col.who",
    "colChecklist": "schedule.col.checklist",
    "colSource": "schedule.col.source",
    "timelineTitle": "schedule.timeline.title",
    "timelineYear": "schedule.timeline.year",
    "effectiveLabel": "standard.effective",
    "icsFilename": "schedule.ics.filename",
    "icsCalendarName": "schedule.ics.calendar_name",
    "summaryYes": "schedule.summary.yes",
    "summaryNo": "schedule.summary.no",
    "summaryNone": "schedule.summary.none",
    "conditionsTermValue": "schedule.conditions.term_value",
    "conditionsDateValue": "schedule.conditions.date_value",
    "icsSummary": "schedule.ics.summary",
    "icsAlarm": "schedule.ics.alarm",
    "icsContract": "schedule.ics.contract",
    "conditionsDepartment": "schedule.conditions.department",
    "conditionsContractor": "schedule.conditions.contractor",
    "pathBy": "schedule.path.by",
    "pathChecks": "schedule.path.checks",
    "pathEnd": "schedule.path.end",
    "nextOnsite": "schedule.path.next_onsite",
    "versionLatest": "schedule.version.latest",
    "versionEarlier": "schedule.version.earlier",
    "versionNotKept": "schedule.version.not_kept",
}

# Messages of computeSchedule (errors, warnings, notes), by code.
MESSAGES = (
    "input_not_object", "internal", "type_missing", "type_unknown", "date_missing",
    "date_not_text", "date_format", "date_impossible", "end_before_start", "term_too_long",
    "flag_invalid", "visit_after_end", "not_applicable_started", "not_applicable_ended",
    "before_effective", "pre_contract_before_effective", "term_equal", "term_shorter",
    "term_longer", "term_length", "term_length_months", "renewed_unused", "visit_unused", "onsite_recorded",
    "onsite_next_due", "version_latest", "version_earlier", "version_not_kept",
)

# Keys the rules page builds from data (the template cannot name them literally).
RULE_KEYS = (
    "schedule.rules.before_when",
    *(f"schedule.rules.applies.{applies}" for applies in APPLIES),
    *(f"schedule.rules.term.{relation}" for relation in TERM_RELATIONS),
    *(f"schedule.rules.repeat.{repeat}.{aim}" for repeat in REPEATS for aim in AIMS),
    *(f"schedule.rules.onsite.{when}" for when in ONSITE_WHEN),
    "schedule.rules.dt.readings",
    "schedule.rules.reading_alternative",
    "schedule.rules.refers_to",
)

# Conditions an action of procedure.yaml can carry, and the UI string that names each.
CONDITIONS = {"information_system": "schedule.condition.information_system"}

UI_KEYS = (
    ("nav.tools", "schedule.title", "schedule.rules_title")
    + tuple(CONDITIONS.values())
    + tuple(JS_TEXT.values())
    + tuple(f"schedule.msg.{code}" for code in MESSAGES)
    + RULE_KEYS
)


def _steps(hb: Handbook, ids) -> list[Step]:
    by_id = {s.id: s for s in hb.steps}
    return [by_id[i] for i in ids]


def _action(hb: Handbook, action_id: str) -> Action:
    for step in hb.steps:
        for action in step.actions:
            if action.id == action_id:
                return action
    raise KeyError(action_id)


def _rule_json(hb: Handbook, ct) -> dict:
    a = ct.audit
    checks = []
    for c in a.checks:
        aim = {c.aim.kind: True if c.aim.midpoint else c.aim.months}
        onsite = None
        if c.onsite:
            onsite = {
                "id": c.onsite.id,
                "when": c.onsite.when,
                "years": c.onsite.years,
                "source": c.onsite.source,
                "label": c.onsite.label.as_json(),
            }
        checks.append({
            "id": c.id,
            "repeat": c.repeat,
            "method": c.method,
            "aim": aim,
            "checklist": c.checklist,
            "source": c.source,
            "label": c.label.as_json(),
            "onsite": onsite,
        })
    return {
        "name": ct.name.as_json(),
        "summary": ct.summary.as_json(),
        "source": ct.source,
        "applies": a.applies,
        "term": {"relation": a.term.relation, "months": a.term.months} if a.term else None,
        "checks": checks,
        "mayVisitInstead": a.may_visit_instead,
        "preContractGuidance": a.pre_contract_guidance,
        "followUp": a.follow_up,
        "readings": [r.id for r in type_readings(hb, ct.id)],
    }


def versions_json(hb: Handbook) -> list[dict]:
    """Every version of the rules, oldest first: its revision, decision and effective dates
    and, for an earlier version, its contract types' rules (null where the data does not keep
    them); the last version's rules are `types`. schedule.js picks the one that governs each
    contract (the version in force on its first day)."""
    out = []
    versions = hb.rule_versions()
    for i, (rev, types) in enumerate(versions):
        entry: dict = {"revision": rev.id, "decided": rev.decided, "effective": rev.effective}
        if i < len(versions) - 1:
            entry["types"] = None if types is None else {ct.id: _rule_json(hb, ct) for ct in types}
        out.append(entry)
    return out


def page_data(hb: Handbook) -> dict:
    """Everything schedule.js needs, under the key `schedule`."""
    audit = hb.audit
    bc = audit.before_contract
    action = _action(hb, bc.action)
    site = hb.document.site_name.en
    title = hb.t("schedule.title", "en")
    return {
        "schedule": {
            "effective": hb.document.effective,
            "effectiveSource": hb.document.effective_source,
            "contractYearMonths": audit.contract_year_months,
            "maxTermYears": audit.max_term_years,
            "typeOrder": [ct.id for ct in hb.contract_types],
            "types": {ct.id: _rule_json(hb, ct) for ct in hb.contract_types},
            "readings": readings_json(hb),
            "versions": versions_json(hb),
            "methods": {
                key: {"name": m.name.as_json(), "who": m.who.as_json(), "description": m.description.as_json()}
                for key, m in audit.methods.items()
            },
            "checklists": {
                c.id: {"name": c.short.as_json(), "page": page_url(c.page)}
                for c in sorted(hb.checklists.checklists, key=lambda c: c.id)
            },
            "beforeContract": {
                "id": action.id,
                "daysBeforeStart": bc.days_before_start,
                "method": bc.method,
                "checklist": bc.checklist,
                "source": action.source,
                "label": action.text.as_json(),
            },
            "messages": {code: hb.text(f"schedule.msg.{code}").as_json() for code in MESSAGES},
            "text": {name: hb.text(key).as_json() for name, key in JS_TEXT.items()},
            "ics": {"prodId": {lang: f"-//{site}//{title}//{lang.upper()}" for lang in LANGS}},
            # the plan's settings the calculator shares: the calendar file's reminder, and
            # the fiscal year that "the next on-site check by fiscal year …" names
            "reminderDays": hb.plan.reminder_days,
            "fiscalYearStartMonth": hb.plan.fiscal_year_start_month,
        }
    }


def rules_context(hb: Handbook, lang: str, types=None) -> list[dict]:
    """Each contract type's rules as sentences in `lang`, from the same data as page_data
    (`types`: an earlier version's contract types instead of the data's own)."""
    effective_text = hb.document.effective
    values = reading_values(hb)
    out = []
    for ct in hb.contract_types if types is None else types:
        a = ct.audit
        applies = fill(hb.t(f"schedule.rules.applies.{a.applies}", lang), {"effective": effective_text})
        if a.term:
            term = fill(hb.t(f"schedule.rules.term.{a.term.relation}", lang), {"months": a.term.months})
        else:
            term = hb.t("schedule.rules.term.none", lang)
        checks = []
        for c in a.checks:
            when = fill(hb.t(f"schedule.rules.repeat.{c.repeat}.{c.aim.kind}", lang), {"months": c.aim.months})
            onsite = None
            if c.onsite:
                onsite = {
                    "text": fill(hb.t(f"schedule.rules.onsite.{c.onsite.when}", lang), {"years": c.onsite.years}),
                    "source": c.onsite.source,
                }
            checks.append({"check": c, "when": when, "method": hb.audit.methods[c.method],
                           "checklist": hb.checklists.get(c.checklist), "onsite": onsite})
        follow_up = referred_context(hb, a.follow_up, lang) if a.follow_up else None
        out.append({"type": ct, "anchor": rules_anchor(ct.id), "applies": applies, "term": term, "checks": checks,
                    # the readings of this type alone (those of every type follow on the page)
                    "readings": [(r.id, fill(r.title[lang], values[r.id])) for r in hb.audit.readings if ct.id in r.types],
                    "follow_up": follow_up})
    return out


def referred_items(hb: Handbook, record_id: str) -> list[ListItem]:
    """The items of the same list that a list item names by their markers ("上記②③④",
    "under ②, ③ and ④ above"), in the list's order: read from the Japanese text, so a
    passage quoted on its own can say what it refers to."""
    for section in hb.sections:
        for record in walk(section):
            if not isinstance(record, (ListBlock, ListItem)):
                continue
            items = [c for c in children(record) if isinstance(c, ListItem)]
            if any(item.id == record_id for item in items):
                quoted = next(item for item in items if item.id == record_id)
                return [item for item in items
                        if item is not quoted and item.marker in quoted.text.ja]
    return []


def referred_context(hb: Handbook, record_id: str, lang: str) -> dict | None:
    """What a quoted item refers to by marker, named: each item by the contract types whose
    checks it sets (linked to their rules on the page) or, if none, by its own text."""
    items = referred_items(hb, record_id)
    if not items:
        return None
    named = []
    for item in items:
        types = [ct for ct in hb.contract_types
                 if ct.audit and any(c.source == item.id for c in ct.audit.checks)]
        named.append({"item": item, "types": types})
    markers = "".join(item.marker for item in items)
    return {"label": fill(hb.t("schedule.rules.refers_to", lang), {"markers": markers, "count": len(items)}), "items": named}


def reading_values(hb: Handbook) -> dict[str, dict]:
    """The values each reading's texts may name, by reading id."""
    rules: dict[str, dict] = {}
    for ct in hb.contract_types:
        for c in ct.audit.checks:
            months = {} if c.aim.months is None else {"months": c.aim.months}
            rules[c.id] = months
            if c.onsite:
                rules[c.onsite.id] = {**months, **({} if c.onsite.years is None else {"years": c.onsite.years})}
    shared = {"contract_year_months": hb.audit.contract_year_months, "effective": hb.document.effective,
              "follow_up_months": hb.plan.follow_up_months}
    return {r.id: {**shared, **(rules[r.about] if r.about else {})} for r in hb.audit.readings}


def reading_texts(hb: Handbook, lang: str) -> list[tuple[Reading, str, str, str]]:
    """Each reading of the rules: its title, its text and the other reading it does not
    take, with the data's values filled in ({contract_year_months}, …)."""
    values = reading_values(hb)
    return [(r, *(fill(t[lang], values[r.id]) for t in (r.title, r.text, r.alternative))) for r in hb.audit.readings]


def readings_json(hb: Handbook) -> dict:
    """The readings as the page scripts cite them (rules.json schedule.readings): by id, the
    title, the contract types they concern (empty: every type) and the anchor on the check
    rules page; each type lists the ids that concern it (schedule.types.*.readings)."""
    values = reading_values(hb)
    return {
        r.id: {
            "title": {lang: fill(r.title[lang], values[r.id]) for lang in LANGS},
            "types": list(r.types),
            "about": r.about,
            "page": page_url("tools/audit-rules.md") + "#" + r.id,
        }
        for r in hb.audit.readings
    }


def type_readings(hb: Handbook, type_id: str) -> list[Reading]:
    """The readings that concern a contract type: its own and those of every type."""
    return [r for r in hb.audit.readings if not r.types or type_id in r.types]


def contract_path(hb: Handbook, site_paths) -> list[dict]:
    """The path of one contract through the standard: every step of procedure.yaml in its
    order, each action with the forms and tools it uses, found in the data: the clause
    page for an action citing a passage its clauses come from (clauses.yaml), a checklist
    for an action its hand-over forms name (clauses.yaml `handover.forms`)."""
    c = hb.clauses
    clause_sources = {c.source} | {v.source for v in c.variants}
    forms_of: dict[str, list] = {}
    for form in c.forms:
        checklist = hb.checklists.get(form.checklist)
        for action_id in form.actions:
            forms_of.setdefault(action_id, []).append({"name": checklist.short, "page": checklist.page})
    out = []
    for step in hb.steps:
        actions = []
        for a in step.actions:
            links = list(forms_of.get(a.id, []))
            if a.source in clause_sources:
                links.append({"name": hb.text("clause.title"), "page": CLAUSE_PAGE})
            links = [link for link in links if link["page"] in site_paths]
            actions.append({"action": a, "links": links})
        # the step at a glance (for paper): its clauses and forms, each once, in order
        cited = hb.citations
        sources = list({cited[a.source].ja: a.source for a in reversed(step.actions)}.values())[::-1]
        pages = list(dict.fromkeys(link["page"] for a in actions for link in a["links"]))
        step_links = [next(link for a in actions for link in a["links"] if link["page"] == page) for page in pages]
        out.append({"step": step, "actions": actions, "sources": sources, "links": step_links,
                    "model": any(a.model for a in step.actions)})
    return out


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    audit = hb.audit
    before = _steps(hb, audit.before_steps)
    follow = _steps(hb, audit.follow_up_steps)
    bc_action = _action(hb, audit.before_contract.action)
    conditions = {name: hb.text(key) for name, key in CONDITIONS.items()}
    rules_bodies = {
        lang: r.render(
            "audit-rules.md.j2", RULES_PAGE, lang,
            rules=rules_context(hb, lang), bc_action=bc_action, readings=reading_texts(hb, lang),
            earlier=[(rev, until, rules_context(hb, lang, types))
                     for (rev, types), (_, until) in zip(hb.rule_versions()[:-1], r.periods) if types is not None],
            before_when=fill(hb.t("schedule.rules.before_when", lang),
                             {"days": audit.before_contract.days_before_start}),
        )
        for lang in LANGS
    }
    return [
        Page(
            SCHEDULE_PAGE,
            hb.text("schedule.title"),
            r.both("schedule.md.j2", SCHEDULE_PAGE, before_steps=before, follow_steps=follow,
                   conditions=conditions, path=contract_path(hb, r.site_paths)),
            nav="nav.tools",
        ),
        Page(RULES_PAGE, hb.text("schedule.rules_title"), rules_bodies, nav="nav.tools"),
    ]
