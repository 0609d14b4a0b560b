"""The handbook as a typed, frozen model: what the data says, with no I/O.

The bottom layer: it imports nothing else of the generator. `assemble` builds it from
validated plain data (`generator.source` validates); the site layer reads it. Every record
that can be linked to has an `id`; `Handbook.locate(id)` tells on which page and anchor it is.
"""

from .audit import (
    AIMS, APPLIES, EVERY_N_YEARS, METHODS, ONSITE_WHEN, READING_PARAMS, REPEATS, TERM_RELATIONS, Action, AuditAim,
    AuditCheck, AuditMethod, AuditRules, AuditSettings, BeforeContract, ContractType, Era, OnsiteRule,
    PlanSettings, Reading, Sample, Step, TermFit,
)
from .forms import (
    Checklist, ChecklistForms, ChecklistRow, Choice, ClauseGenerator, ClauseVariant, EraDate,
    FormField, HandoverForm, OutlineArticle,
)
from .handbook import Handbook
from .standard import (
    GLOSSARY_PAGE, Block, ClauseBlock, Column, Document, Heading, Item, ListBlock, ListItem, Location, Note,
    NoteBlock, Paragraph, Reference, Revision, Section, Table, Term, section_page,
)
from .text import LANGS, Answers, Text, fill, placeholders, plain, prefix, site_prefix
