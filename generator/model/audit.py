"""Contract types and their audit rules, the procedure's steps, eras and the annual plan's settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from .text import Text


@dataclass(frozen=True)
class AuditAim:
    """When a check is aimed: `months` after the start of the contract year (or term), or the midpoint."""

    months: int | None = None
    midpoint: bool = False


@dataclass(frozen=True)
class OnsiteRule:
    """When one of a type's checks must be an on-site check instead of its usual method."""

    id: str
    when: str  # "once_in_term" | "every_n_years_if_renewed"
    source: str
    label: Text
    years: int | None = None


@dataclass(frozen=True)
class AuditCheck:
    """One check a contract type requires: how often, how, aimed when, from which clause."""

    id: str
    repeat: str  # "every_contract_year" | "once_in_term"
    method: str  # "onsite" | "written"
    aim: AuditAim
    checklist: str  # a key of AuditSettings.checklists
    source: str
    label: Text
    onsite: OnsiteRule | None = None


@dataclass(frozen=True)
class TermFit:
    """The term that fits a contract type: equal to, shorter or longer than `months` months."""

    relation: str
    months: int


@dataclass(frozen=True)
class Sample:
    """A fixed sample contract of a type, whose checks `diff` computes with both versions."""

    start: str
    end: str
    renewed_yearly: bool = False
    last_onsite_visit: str | None = None


@dataclass(frozen=True)
class AuditRules:
    """The audit rules of one contract type (section 4(4) of the standard)."""

    applies: str  # "starts_on_or_after" | "runs_on_or_after" (the effective date)
    checks: tuple[AuditCheck, ...]
    pre_contract_guidance: str
    follow_up: str
    term: TermFit | None = None
    may_visit_instead: str | None = None
    samples: tuple[Sample, ...] = ()


@dataclass(frozen=True)
class ContractType:
    id: str
    name: Text
    summary: Text
    source: str
    audit: AuditRules | None = None
    aliases: tuple[str, ...] = ()  # other names staff write for it in a register


@dataclass(frozen=True)
class Action:
    """One thing staff do at a step, with the clause of the standard it comes from."""

    id: str
    text: Text
    source: str
    condition: str | None = None  # e.g. "information_system": only for such work


@dataclass(frozen=True)
class Step:
    """A stage of the procedure (before selection, selection, contract, during, follow-up)."""

    id: str
    stage: str
    title: Text
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class AuditMethod:
    name: Text
    who: Text
    description: Text


@dataclass(frozen=True)
class ChecklistRef:
    name: Text
    page: str  # staging path, e.g. "checklists/post-contract.md"


@dataclass(frozen=True)
class BeforeContract:
    """The dated check before the contract: a procedure action, `days_before_start` days early."""

    action: str
    days_before_start: int
    method: str
    checklist: str


# Values of the data a reading's text may name in braces: always these two; with `about`,
# the rule's own numbers (the aim's months of a check, the years of an on-site rule).
READING_PARAMS = ("contract_year_months", "effective", "follow_up_months")
READING_RULE_PARAMS = ("months", "years")


@dataclass(frozen=True)
class Reading:
    """How the handbook reads a point the standard leaves open (model text).

    Its text may name values of the data in braces ({contract_year_months}, {effective};
    with `about`, the id of a check or on-site rule, also that rule's {months} and {years}),
    so that no number of the rules is typed twice.
    """

    id: str
    text: Text
    model: bool = True
    about: str | None = None


@dataclass(frozen=True)
class AuditSettings:
    """What the audit rules of every contract type share."""

    methods: Mapping[str, AuditMethod]
    checklists: Mapping[str, ChecklistRef]
    before_contract: BeforeContract
    before_steps: tuple[str, ...]
    follow_up_steps: tuple[str, ...]
    contract_year_months: int  # the length of a contract year, in months from the start date
    max_term_years: int
    readings: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class Location:
    """Where a record of the standard is shown: the page (without language prefix) and anchor."""

    page: str  # e.g. "standard/section-4.md"
    anchor: str
    section: str  # id of the top-level section


@dataclass(frozen=True)
class Era:
    """A calendar era (令和, 平成, …) and its first day, for reading era dates."""

    name: Text
    start: str  # YYYY-MM-DD


@dataclass(frozen=True)
class PlanSettings:
    """The annual audit plan: fiscal year, "due soon" window, the calendar file's reminder
    and hand-out days, the follow-up of a correction, the largest register planned."""

    fiscal_year_start_month: int
    due_soon_days: int
    reminder_days: int = 7
    handout_days: int = 14
    follow_up_months: int = 0
    follow_up_method: str = "written"
    max_rows: int = 100000
    readings: tuple[str, ...] = ()  # ids of the readings on how the plan reads the record


