"""JSON Schemas of the data files, one per file, and the keyword that checks references.

Every data file is described here once. The custom keyword `idref: <file>` says that a
string must be the `id` of a record defined in that data file; the loader fills the table
of known ids before validating, so broken references are reported together with every
other problem.

(Over 300 lines on purpose: it is one declaration per data file, read top to bottom as the
description of the data; split, the shared pieces would be spread over several files.)
"""

from __future__ import annotations

import contextvars
import datetime as _dt

import jsonschema
from jsonschema import Draft202012Validator

from ..model import AIMS, APPLIES, LANGS, METHODS, ONSITE_WHEN, REPEATS, TERM_RELATIONS

ID = {
    "type": "string",
    "pattern": r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$",
    "description": "schema.desc.id",
}
NONEMPTY = {"type": "string", "minLength": 1, "pattern": r"\S", "description": "schema.desc.nonempty"}
TEXT = {
    "type": "object",
    "required": list(LANGS),
    "additionalProperties": False,
    "properties": {lang: NONEMPTY for lang in LANGS},
    "description": "schema.desc.text",
}
# The numeral styles clause.js can write an article number in; clauses.yaml offers some of them.
NUMERAL_STYLES = ("arabic", "kanji")
DATE = {"type": "string", "format": "date", "description": "schema.desc.date"}
MARKER = {"type": "string", "minLength": 1, "maxLength": 8, "description": "schema.desc.marker"}


def ref(file: str) -> dict:
    """A string that must be the id of a record defined in data file `file`; "file#key":
    the id of one of the records of the list at the top-level `key` of that file."""
    return {"type": "string", "idref": file}


def record(required: dict, optional: dict | None = None) -> dict:
    """A mapping with exactly these fields: all of `required`, any of `optional`."""
    props = dict(required)
    props.update(optional or {})
    return {
        "type": "object",
        "required": list(required),
        "additionalProperties": False,
        "properties": props,
    }


def listof(item: dict, min_items: int = 0) -> dict:
    return {"type": "array", "items": item, "minItems": min_items}


TRANSLATION_NOTE = {"translation_note": NONEMPTY}

NOTE = record({"id": ID, "marker": MARKER, "text": TEXT}, TRANSLATION_NOTE)

LIST_ITEM: dict = record(
    {"id": ID, "marker": MARKER, "text": TEXT},
    {
        "items": listof({"$ref": "#/$defs/list_item"}, 1),
        "notes": listof(NOTE, 1),
        **TRANSLATION_NOTE,
    },
)

BLOCK_KINDS = {
    "paragraph": record({"id": ID, "kind": {"const": "paragraph"}, "text": TEXT}, TRANSLATION_NOTE),
    "heading": record({"id": ID, "kind": {"const": "heading"}, "text": TEXT}, TRANSLATION_NOTE),
    "note": record(
        {"id": ID, "kind": {"const": "note"}, "marker": MARKER, "text": TEXT}, TRANSLATION_NOTE
    ),
    "list": record(
        {"id": ID, "kind": {"const": "list"}, "items": listof({"$ref": "#/$defs/list_item"}, 1)},
        TRANSLATION_NOTE,
    ),
    "clause": record(
        {"id": ID, "kind": {"const": "clause"}, "heading": TEXT, "article": TEXT, "text": TEXT},
        TRANSLATION_NOTE,
    ),
    "table": record(
        {
            "id": ID,
            "kind": {"const": "table"},
            "columns": listof(record({"id": ID, "heading": TEXT, "cells": listof(TEXT, 1)}), 1),
        },
        TRANSLATION_NOTE,
    ),
}

BLOCK = {
    "type": "object",
    "required": ["id", "kind"],
    "properties": {"kind": {"enum": sorted(BLOCK_KINDS)}},
    # the schema of the block's own kind (see `_by_kind` below)
    "by_kind": {"field": "kind", "schemas": BLOCK_KINDS},
}

SUBSECTION = record(
    {"id": ID, "number": NONEMPTY, "title": TEXT, "blocks": listof(BLOCK)},
)
SECTION = record(
    {"id": ID, "number": NONEMPTY, "title": TEXT, "blocks": listof(BLOCK)},
    {"subsections": listof(SUBSECTION, 1)},
)

# Compliance checklists (data/checklists.yaml)
OPTION_TEXT = {
    "type": "string",
    "pattern": r'^(?=.*\S)[^,"]+$',
    "description": "schema.desc.option",
}
OPTION_LABEL = record({"ja": OPTION_TEXT, "en": OPTION_TEXT})
OPTION = record({"id": ID, "label": OPTION_LABEL})
# An answer, with the finding it gives when the department reviews a returned checklist.
ANSWER = record({"id": ID, "label": OPTION_LABEL, "finding": {"enum": ["adequate", "correction", "not_applicable"]}})
# A review result; `correction: true` marks the one that calls for guidance to correct.
RESULT = record({"id": ID, "label": OPTION_LABEL, "correction": {"type": "boolean"}})
CHECKLIST_FIELD = record({"id": ID, "kind": {"enum": ["text", "date"]}, "label": TEXT})
# A particular of the checklist; `register`: the text column of the register of contracts
# the review page fills from it.
PARTICULAR_FIELD = record(
    {"id": ID, "kind": {"enum": ["text", "date"]}, "label": TEXT},
    {"register": {"enum": ["name", "department", "contractor"]}},
)
SHEET_NAME = {
    "type": "string",
    "minLength": 1,
    "maxLength": 31,
    "pattern": r"^[^\[\]:*?/\\']+$",
    "description": "schema.desc.sheet_name",
}
CHECKLIST = record(
    {
        "id": ID,  # also its page and spreadsheet: checklists/<id>.html, checklists/<id>.xlsx
        "title": TEXT,
        "short": TEXT,
        "sheet": record({"ja": SHEET_NAME, "en": SHEET_NAME}),
        "sources": listof(ref("standard"), 1),
        "purpose": TEXT,
        "instructions": TEXT,
        "rows": listof(
            record(
                {"id": ID, "item": ref("items"), "source": ref("standard")},
                {"text": TEXT, "model": {"type": "boolean"}},
            ),
            1,
        ),
    },
    {"notes": listof(ref("standard"), 1)},
)

# The correction step (checklists.yaml `correction`): the guidance notice and the corrective
# action plan form, both model text.
COLUMN_LABEL = TEXT
CORRECTION = record(
    {
        "notice": record(
            {
                "title": TEXT,
                "addressee": TEXT,
                "body": TEXT,
                "heading": TEXT,
                "closing": TEXT,
                "due_days": {"type": "integer", "minimum": 1, "maximum": 365},
                "fields": listof(CHECKLIST_FIELD, 1),
                "columns": record({k: COLUMN_LABEL for k in ("item", "point", "answer", "remark", "finding")}),
            }
        ),
        "plan": record(
            {
                "id": ID,  # what a returned file says it is
                "file": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$",
                         "description": "a file name of lowercase letters, digits and hyphens"},
                "title": TEXT,
                "short": TEXT,
                "sheet": record({"ja": SHEET_NAME, "en": SHEET_NAME}),
                "purpose": TEXT,
                "instructions": TEXT,
                "blank_rows": {"type": "integer", "minimum": 1, "maximum": 50},
                "fields": listof(PARTICULAR_FIELD, 1),
                "columns": record({k: COLUMN_LABEL for k in ("item", "finding", "measure", "person", "completion")}),
                "review": record({"title": TEXT, "fields": listof(CHECKLIST_FIELD, 1)}),
            }
        ),
    }
)

# Audit rules of each contract type (section 4(4) and 5), read by the schedule calculator.
AUDIT_METHOD = {"enum": list(METHODS)}
# A reference to one of the checklists (not to a row or an answer of checklists.yaml).
CHECKLIST_REF = ref("checklists#checklists")
AUDIT_AIM = {
    **record({}, dict(zip(AIMS, ({"type": "integer", "minimum": 0, "maximum": 11}, {"const": True}), strict=True))),
    "minProperties": 1,
    "maxProperties": 1,
    "description": "schema.desc.aim",
}
AUDIT_ONSITE = {
    **record(
        {"id": ID, "when": {"enum": list(ONSITE_WHEN)}, "source": ref("standard"), "label": TEXT},
        {"years": {"type": "integer", "minimum": 1}},
    ),
    "if": {"properties": {"when": {"const": ONSITE_WHEN[1]}}, "required": ["when"]},  # every n years
    "then": {"required": ["years"]},
}
AUDIT_CHECK = record(
    {
        "id": ID,
        "repeat": {"enum": list(REPEATS)},
        "method": AUDIT_METHOD,
        "aim": AUDIT_AIM,
        "checklist": CHECKLIST_REF,
        "source": ref("standard"),
        "label": TEXT,
    },
    {"onsite": AUDIT_ONSITE},
)
# A fixed sample contract of a type: `diff` computes its checks with both versions of the rules.
AUDIT_SAMPLE = record(
    {"start": DATE, "end": DATE},
    {"renewed_yearly": {"type": "boolean"}, "last_onsite_visit": DATE},
)
AUDIT_RULES = record(
    {
        "applies": {"enum": list(APPLIES)},
        "checks": listof(AUDIT_CHECK, 1),
        "pre_contract_guidance": ref("standard"),
        "follow_up": ref("standard"),
    },
    {
        "term": record(
            {"relation": {"enum": list(TERM_RELATIONS)}, "months": {"type": "integer", "minimum": 1}}
        ),
        "may_visit_instead": ref("standard"),
        "samples": listof(AUDIT_SAMPLE, 1),
    },
)
AUDIT_SHARED = record(
    {
        "methods": record({m: record({"name": TEXT, "who": TEXT, "description": TEXT}) for m in METHODS}),
        "before_contract": record(
            {
                "action": ref("procedure"),
                "days_before_start": {"type": "integer", "minimum": 1},
                "method": AUDIT_METHOD,
                "checklist": CHECKLIST_REF,
            }
        ),
        "before_steps": listof(ref("procedure"), 1),
        "follow_up_steps": listof(ref("procedure"), 1),
        "contract_year_months": {"type": "integer", "minimum": 1, "maximum": 120},
        "max_term_years": {"type": "integer", "minimum": 1, "maximum": 200},
        "readings": listof(record({"id": ID, "model": {"const": True}, "title": TEXT, "text": TEXT, "alternative": TEXT},
                                 {"about": ID, "types": listof(ID, 1)})),
    }
)

# Revision history of the standard (document.yaml `revisions`): the records each revision
# changed may be of the standard, the glossary, the contract types (a type, a check or an
# on-site rule), the checklists, the clause templates (an outline article by its item) or
# the items ①–⑨: the record ids `diff` reports.
REVISION = record(
    {
        "id": ID,
        "decided": DATE,
        "effective": DATE,
        "summary": TEXT,
        "changes": listof({"type": "string",
                           "idref": ["standard", "glossary", "contract_types", "checklists", "clauses", "items"]}, 1),
    }
)

SCHEMAS: dict[str, dict] = {
    "document": record(
        {
            "municipality": TEXT,
            "title": TEXT,
            "site_name": TEXT,
            "decision": TEXT,
            "decided": DATE,
            "effective": DATE,
            "effective_source": ref("standard"),
            "references": listof(record({"id": ID, "source": ref("standard")}), 1),
        },
        {"copyright": TEXT, "revised": DATE, "revisions": listof(REVISION, 1)},
    ),
    "standard": {
        **record({"sections": listof(SECTION, 1)}),
        "$defs": {"list_item": LIST_ITEM},
    },
    "glossary": record(
        {
            "terms": listof(
                record(
                    {"id": ID, "term": TEXT, "definition": TEXT, "strict": {"type": "boolean"}},
                    {"source": ref("standard"), "forms": listof(NONEMPTY, 1), "exclusive": {"type": "boolean"}},
                ),
                1,
            )
        },
        # Laws and other instruments that data texts cite by article ({law:ID:ARTICLE[:PARAGRAPH]}).
        {"laws": listof(record({"id": ID, "name": TEXT}), 1)},
    ),
    "ui": record(
        {
            "strings": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {
                    "pattern": r"^[a-z0-9_]+(\.[a-z0-9_]+)*$",
                    "description": "schema.desc.ui_key",
                },
                "additionalProperties": TEXT,
            },
            # Calendar eras and the annual audit plan's settings (tools/plan.html).
            "eras": listof(record({"name": TEXT, "start": DATE}), 1),
            "plan": record(
                {
                    "fiscal_year_start_month": {"type": "integer", "minimum": 1, "maximum": 12},
                    "due_soon_days": {"type": "integer", "minimum": 0},
                    "reminder_days": {"type": "integer", "minimum": 0, "maximum": 366},
                    "handout_days": {"type": "integer", "minimum": 0, "maximum": 366},
                    "correction_follow_up": record(
                        {"months": {"type": "integer", "minimum": 0, "maximum": 120},
                         "method": AUDIT_METHOD}
                    ),
                    "max_rows": {"type": "integer", "minimum": 1, "maximum": 1000000},
                    "readings": listof(ID),
                }
            ),
            # The words for yes and no of every tool that reads an answer as text.
            "answers": record({"yes_words": listof(NONEMPTY, 1), "no_words": listof(NONEMPTY, 1)}),
            # The bidirectional controls a name typed into a tool may not hold.
            "direction_controls": listof(
                {
                    "type": "string",
                    "pattern": r"^U\+[0-9A-F]{4,6}(–U\+[0-9A-F]{4,6})?$",
                    "description": "a code point U+XXXX or a range U+XXXX–U+YYYY",
                },
                1,
            ),
        }
    ),
    "items": record(
        {
            "items": listof(
                record({"id": ID, "number": {"type": "integer", "minimum": 1}, "source": ref("standard"), "short": TEXT}),
                1,
            )
        }
    ),
    "contract_types": record(
        {
            "contract_types": listof(
                record(
                    {
                        "id": ID,
                        "name": TEXT,
                        "summary": TEXT,
                        "source": ref("standard"),
                        "audit": AUDIT_RULES,
                    },
                    # Other names staff write for the type in a register of contracts.
                    {"aliases": listof(NONEMPTY, 1)},
                ),
                1,
            ),
            "audit": AUDIT_SHARED,
        }
    ),
    "procedure": record(
        {
            "steps": listof(
                record(
                    {
                        "id": ID,
                        "stage": {"enum": ["before_selection", "selection", "contract", "during_contract", "follow_up", "end"]},
                        "title": TEXT,
                        "actions": listof(
                            record(
                                {"id": ID, "text": TEXT, "source": ref("standard")},
                                {"condition": {"enum": ["information_system"]}, "model": {"type": "boolean"}},
                            ),
                            1,
                        ),
                    }
                ),
                1,
            )
        }
    ),
    # Clause generator: clause variants, hand-over checklist, model outline (clauses.yaml).
    "clauses": record(
        {
            "article": record(
                {
                    "from_clause": ref("standard"),
                    "blank": TEXT,
                    "max": {"type": "integer", "minimum": 1},
                    "separator": record(
                        {"ja": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}}
                    ),
                }
            ),
            "document_types": listof(ID, 1),
            "default_document_type": ID,
            # The numeral styles the page scripts can write (clause.js: arabic digits, kanji).
            "numerals": listof({"enum": list(NUMERAL_STYLES)}, 1),
            "default_numerals": {"enum": list(NUMERAL_STYLES)},
            "source": ref("standard"),
            "kanji": record(
                {
                    "digits": {"type": "string", "minLength": 9, "maxLength": 9,
                               "description": "schema.desc.kanji_digits"},
                    "units": {"type": "string", "minLength": 3, "maxLength": 3,
                              "description": "schema.desc.kanji_units"},
                }
            ),
            "party_max_length": {"type": "integer", "minimum": 1, "maximum": 200},
            "variants": listof(
                record(
                    {
                        "id": ID,
                        "document_type": ID,
                        "label": TEXT,
                        "hint": TEXT,
                        "source": ref("standard"),
                        "numbered": {"type": "boolean"},
                        "parties": record({"partyA": TEXT, "partyB": TEXT}),
                        "document": TEXT,
                    },
                    {
                        "from_clause": ref("standard"),
                        "model": {"type": "boolean"},
                        "heading": TEXT,
                        "text": TEXT,
                        "omit_actions": listof(ref("procedure")),
                    },
                ),
                1,
            ),
            "handover": record(
                {
                    "steps": listof(ref("procedure"), 1),
                    "forms": listof(
                        record(
                            {
                                "checklist": CHECKLIST_REF,
                                "when": TEXT,
                                "source": ref("standard"),
                                "actions": listof(ref("procedure")),
                            }
                        )
                    ),
                }
            ),
            "outline": record(
                {
                    "model": {"const": True},
                    "source": ref("standard"),
                    "heading_format": TEXT,
                    "title": TEXT,
                    # text_for: the article's text for one document type (by its name) instead of `text`.
                    "articles": listof(record(
                        {"item": ref("items"), "text": TEXT},
                        {"text_for": {"type": "object", "minProperties": 1, "additionalProperties": TEXT}},
                    ), 1),
                }
            ),
        }
    ),
    "checklists": record(
        {
            "answers": listof(ANSWER, 1),
            "fields": listof(PARTICULAR_FIELD, 1),
            "date": record({"era": TEXT, "year": TEXT, "month": TEXT, "day": TEXT}),
            "review": record(
                {
                    "title": TEXT,
                    "fields": listof(CHECKLIST_FIELD, 1),
                    "result_label": TEXT,
                    "results": listof(RESULT, 2),
                }
            ),
            "checklists": listof(CHECKLIST, 1),
        },
        {"correction": CORRECTION},
    ),
}

_format_checker = jsonschema.FormatChecker(formats=())


@_format_checker.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        raise ValueError("not YYYY-MM-DD")
    _dt.date.fromisoformat(value)
    return True


_KNOWN_IDS: contextvars.ContextVar[dict | None] = contextvars.ContextVar("known_ids", default=None)


def _idref(validator, target_file, instance, schema):
    known = _KNOWN_IDS.get() or {}
    files = target_file if isinstance(target_file, list) else [target_file]
    # None: a file that could not be read, so its ids are unknown (not absent); its own
    # problem is reported, and the references to it would only follow from that one.
    if any(known.get(f) is None for f in files):
        return
    if isinstance(instance, str) and not any(instance in known[f] for f in files):
        yield jsonschema.ValidationError(f"unknown id {instance!r} in {target_file}")


def _by_kind(validator, spec, instance, schema):
    """Validate a mapping against the schema its `field` names: one lookup instead of an
    `if`/`then` per kind (which JSON Schema would evaluate for every kind)."""
    if isinstance(instance, dict):
        kind = instance.get(spec["field"])
        chosen = spec["schemas"].get(kind) if isinstance(kind, str) else None  # a list is no kind
        if chosen is not None:
            yield from validator.descend(instance, chosen)


_Validator = jsonschema.validators.extend(Draft202012Validator, {"idref": _idref, "by_kind": _by_kind})


def iter_errors(schema: dict, instance: object, known_ids: dict[str, set[str] | None]):
    """Every error of `instance` against `schema` (Draft 2020-12 plus `idref`), as a list."""
    token = _KNOWN_IDS.set(known_ids)
    try:
        return list(_Validator(schema, format_checker=_format_checker).iter_errors(instance))
    finally:
        _KNOWN_IDS.reset(token)
