"""The handbook: the whole model, as the renderers read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping

from .audit import AuditSettings, ContractType, Era, PlanSettings, Step
from .forms import ChecklistForms, ClauseGenerator
from .standard import Document, Item, Location, Revision, Section, Term
from .text import Answers, Text


@dataclass(frozen=True)
class Handbook:
    document: Document
    sections: tuple[Section, ...]
    terms: tuple[Term, ...]
    ui: Mapping[str, Text]
    items: tuple[Item, ...]
    contract_types: tuple[ContractType, ...]
    clauses: ClauseGenerator
    checklists: ChecklistForms
    audit: AuditSettings
    plan: PlanSettings
    steps: tuple[Step, ...] = ()
    locations: Mapping[str, Location] = field(default_factory=dict)
    records: Mapping[str, object] = field(default_factory=dict)
    numbers: Mapping[str, str] = field(default_factory=dict)  # record id -> "4(4)③" (model.cite)
    citations: Mapping[str, Text] = field(default_factory=dict)  # record id -> "基準4(4)③" / "Standard 4(4)③"
    eras: tuple[Era, ...] = ()
    answers: Answers = Answers((), ())
    # The bidirectional controls, "U+XXXX" or "U+XXXX–U+YYYY" (ui.yaml direction_controls).
    direction_controls: tuple[str, ...] = ()
    # The contract types of earlier versions, by the id of the revision they stood under
    # (data/versions/<revision id>/contract_types.yaml); the last revision's are `contract_types`.
    earlier_rules: Mapping[str, tuple[ContractType, ...]] = field(default_factory=dict)

    def t(self, key: str, lang: str) -> str:
        """A UI string; a missing key is a programming error caught by the tests."""
        return self.ui[key][lang]

    def text(self, key: str) -> Text:
        """A UI string in both languages."""
        return self.ui[key]

    def rule_versions(self) -> tuple[tuple[Revision, tuple[ContractType, ...] | None], ...]:
        """Each revision, oldest first, with the contract types as they stood under it (None
        where the data does not keep them); without revisions, the data's own rules alone."""
        revisions = self.document.revisions
        if not revisions:
            return ()
        return tuple((rev, self.earlier_rules.get(rev.id)) for rev in revisions[:-1]) + (
            (revisions[-1], self.contract_types),
        )

    def locate(self, record_id: str) -> Location:
        return self.locations[record_id]

    def record(self, record_id: str):
        return self.records[record_id]
