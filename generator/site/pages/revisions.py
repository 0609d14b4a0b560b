"""The revision history of the standard (revisions.html): each decision, when it takes
effect, and links to the records it changed (document.yaml `revisions`)."""

from __future__ import annotations

from ...model import Handbook, Text
from ..page import REVISIONS_PAGE, RULES_PAGE, Page, page_url, rules_anchor
from ..renderer import Renderer

PATHS = (REVISIONS_PAGE,)

UI_KEYS = ("nav.revisions", "revisions.pending_notice")


def targets(hb: Handbook) -> dict[str, tuple[str, str, Text]]:
    """Where each record a revision can name is shown: staging page, anchor, and its label."""
    cites = hb.citations
    out: dict[str, tuple[str, str, Text]] = {}
    for record_id, loc in hb.locations.items():
        record = hb.record(record_id)
        if hasattr(record, "term"):
            label = record.term
        elif hasattr(record, "number"):
            label = Text(f"{record.number} {record.title.ja}", f"{record.number} {record.title.en}")
        else:
            label = cites.get(record_id) or Text(record_id, record_id)
        out[record_id] = (loc.page, loc.anchor, label)
    for ct in hb.contract_types:
        out[ct.id] = (RULES_PAGE, rules_anchor(ct.id), ct.name)
        for check in ct.audit.checks:
            out[check.id] = out[ct.id]
            if check.onsite:
                out[check.onsite.id] = out[ct.id]
    for cl in hb.checklists.checklists:
        for row in cl.rows:
            out[row.id] = (cl.page, row.id,
                           Text(f"{cl.title.ja} {row.marker}", f"{cl.title.en} {row.marker}"))
    return out


def pages(hb: Handbook, r: Renderer) -> list[Page]:
    if not hb.document.revisions:
        return []
    where = targets(hb)
    revisions = [
        {
            "revision": rev,
            "until": until,
            "changes": [
                (page_url(where[i][0]) + "#" + where[i][1], where[i][2]) for i in rev.changes if i in where
            ],
        }
        for rev, until in reversed(r.periods)
    ]
    title = Text(hb.t("nav.revisions", "ja"), hb.t("nav.revisions", "en"))
    return [Page(REVISIONS_PAGE, title, r.both("revisions.md.j2", REVISIONS_PAGE, revisions=revisions))]
