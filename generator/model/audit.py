"""Contract types and their audit rules, the procedure's steps, eras and the annual plan's settings."""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Mapping

from .text import Text

# The kinds of rule the data can state (contract_types.yaml), each spelled here once: the
# schema offers them, the rules page and `diff` name each with a UI string built from it.
APPLIES = ("starts_on_or_after", "runs_on_or_after")  # which contracts the rules apply to
TERM_RELATIONS = ("equal", "shorter", "longer")  # the term that fits a type
REPEATS = ("every_contract_year", "once_in_term")  # how often a check is made
AIMS = ("months", "midpoint")  # when in the year (or term) a check is aimed
METHODS = ("onsite", "written")  # how a check is made
EVERY_N_YEARS = "every_n_years_if_renewed"  # on site every n years of a contract renewed yearly
ONSITE_WHEN = ("once_in_term", EVERY_N_YEARS)  # when a check must be on site


@dataclass(frozen=True)
class AuditAim:
    """When a check is aimed: `months` after the start of the contract year (or term), or the midpoint."""

    months: int | None = None
    midpoint: bool = False

    @property
    def kind(self) -> str:
        """Which of AIMS it is."""
        return AIMS[1] if self.midpoint else AIMS[0]


@dataclass(frozen=True)
class OnsiteRule:
    """When one of a type's checks must be an on-site check instead of its usual method."""

    id: str
    when: str  # one of ONSITE_WHEN
    source: str
    label: Text
    years: int | None = None


@dataclass(frozen=True)
class AuditCheck:
    """One check a contract type requires: how often, how, aimed when, from which clause."""

    id: str
    repeat: str  # one of REPEATS
    method: str  # one of METHODS
    aim: AuditAim
    checklist: str  # the id of a checklist (ChecklistForms.get)
    source: str
    label: Text
    onsite: OnsiteRule | None = None


@dataclass(frozen=True)
class TermFit:
    """The term that fits a contract type: equal to, shorter or longer than `months` months."""

    relation: str  # one of TERM_RELATIONS
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

    applies: str  # one of APPLIES (the effective date)
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
    audit: AuditRules
    aliases: tuple[str, ...] = ()  # other names staff write for it in a register


@dataclass(frozen=True)
class Action:
    """One thing staff do at a step, with the clause of the standard it comes from."""

    id: str
    text: Text
    source: str
    condition: str | None = None  # e.g. "information_system": only for such work
    model: bool = False  # a model step written for the handbook, not set out by the standard


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
class BeforeContract:
    """The dated check before the contract: a procedure action, `days_before_start` days early."""

    action: str
    days_before_start: int
    method: str
    checklist: str


# Values of the data a reading's text may name in braces: always these two; with `about`,
# the rule's own numbers (the aim's months of a check, the years of an on-site rule).
READING_PARAMS = ("contract_year_months", "effective", "follow_up_months")


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
    title: Text | None = None  # how pages and page scripts name it where they cite it
    alternative: Text | None = None  # the other reading, which the handbook does not take
    types: tuple[str, ...] = ()  # the contract types it concerns (none: every type)


@dataclass(frozen=True)
class AuditSettings:
    """What the audit rules of every contract type share."""

    methods: Mapping[str, AuditMethod]
    before_contract: BeforeContract
    before_steps: tuple[str, ...]
    follow_up_steps: tuple[str, ...]
    contract_year_months: int  # the length of a contract year, in months from the start date
    max_term_years: int
    readings: tuple[Reading, ...] = ()


@dataclass(frozen=True)
class Era:
    """A calendar era (令和, 平成, …) and its first day, for reading era dates."""

    name: Text
    start: str  # YYYY-MM-DD


@dataclass(frozen=True)
class PlanSettings:
    """The annual check plan: fiscal year, "due soon" window, the calendar files' reminder
    and hand-out days, the follow-up of a correction, the largest register planned."""

    fiscal_year_start_month: int
    due_soon_days: int
    reminder_days: int  # days before an event of a calendar file (.ics) its reminder goes off
    handout_days: int = 14
    follow_up_months: int = 0
    follow_up_method: str = "written"
    max_rows: int = 100000
    readings: tuple[str, ...] = ()  # ids of the readings on how the plan reads the record


