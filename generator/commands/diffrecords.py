"""The comparable records of one version of the handbook, for `generator diff`.

Each kind of data (the standard, the checklists, the audit rules described in words, the
clause templates, the glossary, the UI texts) is flattened into `Entry` records keyed by
id, each with its texts by field, so two versions can be compared record by record.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import LANGS, ONSITE_WHEN, ClauseBlock, Column, Handbook, ListBlock, Section, Table, Text, fill, plain
from ..model.walk import tree
from ..site.pages.schedule import rules_context

KINDS = ("standard", "checklists", "audit", "clauses", "glossary", "ui")
# The fields of the records, and the aspects of an audit rule, each named by a UI string.
FIELDS = ("title", "purpose", "instructions", "text", "note", "name", "summary", "rule", "label", "hint",
          "heading", "article", "term", "definition")
AUDIT_ASPECTS = ("applies", "term", "when", "method", "label")

# The UI keys this module builds from names (the report template's literal keys are
# found by the loader itself).
UI_KEYS = (
    tuple(f"diff.kind.{kind}" for kind in KINDS)
    + tuple(f"diff.field.{field}" for field in FIELDS)
    + tuple(f"diff.audit.{aspect}" for aspect in AUDIT_ASPECTS)
    + tuple(f"diff.audit.{part}.{when}" for part in ("onsite", "value") for when in ONSITE_WHEN)
)


@dataclass(frozen=True)
class Entry:
    """One record of one version: its kind, id, where it is, and its texts by field.

    `subject` names an audit rule described in words; `short` is its value in a few words
    (e.g. "every 3 years"), for the terminal summary. `record` is the id of the data's
    record it belongs to, the id a revision lists in document.yaml `revisions[].changes`
    (`id` itself, or the table column, checklist, contract type, check or on-site rule, or
    item of a finer part); None for a text of the handbook's own (ui.yaml), which no
    revision of the standard records."""

    kind: str
    id: str
    section: Text
    fields: tuple[tuple[str, Text], ...]
    subject: Text | None = None
    short: Text | None = None
    record: str | None = ""

    def __post_init__(self):
        if self.record == "":
            object.__setattr__(self, "record", self.id)


def _t(text: Text) -> Text:
    """A data text without its inline markup."""
    return Text(plain(text.ja), plain(text.en))


def _same(value: str) -> Text:
    return Text(value, value)


def _ui(hb: Handbook, key: str, **params) -> Text:
    return Text(fill(hb.t(key, "ja"), params), fill(hb.t(key, "en"), params))


def standard(hb: Handbook) -> list[Entry]:
    """Every record of the standard with a text, in the order of the standard (a table's
    cells each as a record of their own, `COLUMN.N`)."""
    out: list[Entry] = []

    def add(record_id: str, fields, cite_of: str) -> None:
        cite = _same(hb.numbers.get(cite_of, ""))
        out.append(Entry("standard", record_id, cite, tuple((f, _t(t)) for f, t in fields), record=cite_of))

    for record, _parents in tree(hb.sections):
        if isinstance(record, Section):
            add(record.id, [("title", record.title)], record.id)
        elif isinstance(record, ClauseBlock):
            add(record.id, [("heading", record.heading), ("article", record.article), ("text", record.text)], record.id)
        elif isinstance(record, Column):
            add(record.id, [("heading", record.heading)], record.id)
            for i, cell in enumerate(record.cells, start=1):
                add(f"{record.id}.{i}", [("text", cell)], record.id)
        elif not isinstance(record, (ListBlock, Table)):  # paragraphs, headings, notes, list items
            add(record.id, [("text", record.text)], record.id)
    return out


def checklists(hb: Handbook) -> list[Entry]:
    out: list[Entry] = []
    for cl in hb.checklists.checklists:
        where = _t(cl.short)
        out.append(Entry("checklists", cl.id, where, (
            ("title", _t(cl.title)), ("purpose", _t(cl.purpose)), ("instructions", _t(cl.instructions)))))
        for row in cl.rows:
            place = Text(f"{where.ja} {row.marker}", f"{where.en} {row.marker}")
            out.append(Entry("checklists", row.id, place, (("text", _t(row.text)),)))
        for note_id in cl.notes:
            note = hb.record(note_id)
            out.append(Entry("checklists", f"{cl.id}.{note_id}", where, (("note", _t(note.text)),), record=cl.id))
    return out


def audit(hb: Handbook) -> list[Entry]:
    """Each contract type's rules as sentences (the rules page's own wording), aspect by aspect."""
    out: list[Entry] = []
    words = {lang: rules_context(hb, lang) for lang in LANGS}
    for ja, en in zip(words["ja"], words["en"]):
        ct = ja["type"]
        where = _t(ct.name)
        out.append(Entry("audit", ct.id, where, (("name", _t(ct.name)), ("summary", _t(ct.summary)))))

        def aspect(key: str, subject: Text, sentence: Text, short: Text | None = None, record: str = ct.id):
            out.append(Entry("audit", f"{ct.id}.{key}", where, (("rule", sentence),), subject,  # noqa: B023 - called at once
                             short or sentence, record))

        aspect("applies", _ui(hb, "diff.audit.applies"), Text(ja["applies"], en["applies"]))
        aspect("term", _ui(hb, "diff.audit.term"), Text(ja["term"], en["term"]))
        for cj, ce in zip(ja["checks"], en["checks"]):
            c = cj["check"]
            aspect(f"{c.id}.when", _ui(hb, "diff.audit.when"), Text(cj["when"], ce["when"]), record=c.id)
            aspect(f"{c.id}.method", _ui(hb, "diff.audit.method"), _t(cj["method"].name), record=c.id)
            aspect(f"{c.id}.label", _ui(hb, "diff.audit.label"), _t(c.label), record=c.id)
            if c.onsite:
                when = c.onsite.when
                aspect(f"{c.id}.onsite", _ui(hb, f"diff.audit.onsite.{when}"),
                       Text(cj["onsite"]["text"], ce["onsite"]["text"]),
                       _ui(hb, f"diff.audit.value.{when}", years=c.onsite.years), record=c.onsite.id)
    return out


def clauses(hb: Handbook) -> list[Entry]:
    out: list[Entry] = []
    for v in hb.clauses.variants:
        out.append(Entry("clauses", v.id, _t(v.label), (
            ("label", _t(v.label)), ("hint", _t(v.hint)), ("heading", _t(v.heading)), ("text", _t(v.text)))))
    for a in hb.clauses.outline:
        out.append(Entry("clauses", f"outline.{a.item}", _t(hb.clauses.outline_title),
                         (("heading", _t(a.heading)), ("text", _t(a.text))), record=a.item))
    return out


def glossary(hb: Handbook) -> list[Entry]:
    return [
        Entry("glossary", term.id, _t(term.term), (("term", _t(term.term)), ("definition", _t(term.definition))))
        for term in hb.terms
    ]


def ui(hb: Handbook) -> list[Entry]:
    return [Entry("ui", key, _same(key), (("text", text),), record=None) for key, text in hb.ui.items()]


def entries(hb: Handbook) -> dict[str, list[Entry]]:
    """Every comparable record of the version, by kind, in the order of the data."""
    makers = {"standard": standard, "checklists": checklists, "audit": audit,
              "clauses": clauses, "glossary": glossary, "ui": ui}
    return {kind: makers[kind](hb) for kind in KINDS}
