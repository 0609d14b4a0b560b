"""`python -m generator diff OLD [NEW]`: compare two versions of the data, record by record.

OLD and NEW are data folders, or OLD is a git revision of the project (its `data/` folder
is read with `git archive` into a temporary folder; the working tree is not touched).
Both are loaded and validated like `check`. The models are compared record by record by
id (`diffrecords`); changed texts are marked inside the sentence (characters for
Japanese, words for English); the audit rules' consequence is shown on each type's
sample contracts, computed by the site's own schedule.js under Node with both versions'
rules.json. `diffreport` turns the result into the 新旧対照表 (HTML).
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import json
import re
import subprocess
import tarfile
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import diffrecords
from .diffrecords import KINDS, Entry
from ..builder import THEME
from ..errors import DataError, GeneratorError, problem
from ..messages import DEFAULT, msg
from ..model import LANGS, Handbook, Sample, Text
from ..site.registry import page_data
from .load import load
from ..source.load import load as load_source

SCHEDULE_JS = THEME / "assets" / "handbook" / "schedule.js"

# Runs computeSchedule of schedule.js (argv[1]) on each case with the old and new rules.
_NODE = """
const s = require(process.argv[1]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = input.cases.map(c => [input.old, input.new].map(rules => {
  const r = s.computeSchedule(rules, c);
  return {applicable: r.applicable, errors: r.errors.length,
          events: r.events.map(e => ({date: e.date, method: e.method, phase: e.phase}))};
}));
process.stdout.write(JSON.stringify(out));
"""

Segments = tuple[tuple[str, bool], ...]  # (text, changed)
STATUSES = ("changed", "added", "removed")  # what happened to a record


@dataclass(frozen=True)
class FieldChange:
    """One field of a record, old and new, with the changed parts marked (None: absent)."""

    field: str
    old: dict[str, Segments] | None
    new: dict[str, Segments] | None


@dataclass(frozen=True)
class Change:
    kind: str
    id: str
    status: str  # one of STATUSES
    section: Text
    fields: tuple[FieldChange, ...]
    subject: Text | None = None
    before: Text | None = None  # audit rules: the value in a few words, old and new
    after: Text | None = None
    # The id to list in document.yaml revisions[].changes (diffrecords.Entry.record); None
    # for a text of the handbook's own, or a record that the new version no longer has.
    record: str | None = None


@dataclass(frozen=True)
class SampleResult:
    type_name: Text
    sample: Sample
    old: tuple[dict, ...]  # events: {date, method, phase}
    new: tuple[dict, ...]


@dataclass(frozen=True)
class Comparison:
    old_name: str
    new_name: str
    old: Handbook
    new: Handbook
    changes: dict[str, list[Change]]
    samples: list[SampleResult]
    sample_count: int
    old_is_revision: bool = False  # OLD was read from git, not from a folder

    @property
    def old_decided(self) -> str:
        return decided(self.old)

    @property
    def new_decided(self) -> str:
        return decided(self.new)

    @property
    def empty(self) -> bool:
        return not any(self.changes.values()) and not self.samples


def decided(hb: Handbook) -> str:
    """The decision date of the version of the standard that a data folder holds: its last
    revision's (document.yaml `revisions`), or the decision's."""
    return hb.document.revisions[-1].decided if hb.document.revisions else hb.document.decided


# ---------------------------------------------------------------- reading both versions


def _from_git(rev: str, into: Path) -> Path:
    """Extract the `data/` folder of git revision `rev` of the project into `into`."""
    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], capture_output=True)

    top = git("rev-parse", "--show-toplevel")
    if top.returncode != 0 or git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise GeneratorError(msg("diff.not_a_version", rev=rev))
    archive = git("-C", top.stdout.decode().strip(), "archive", "--format=tar", rev, "data")
    if archive.returncode != 0:
        raise GeneratorError(msg("diff.no_data", rev=rev))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        members = tar.getmembers()
        problems = [
            problem(f"{rev}:{m.name}", 1, 1, "$", "diff.link", target=m.linkname) if m.issym() or m.islnk()
            else problem(f"{rev}:{m.name}", 1, 1, "$", "diff.not_regular")
            for m in members if not (m.isfile() or m.isdir())
        ]
        if problems:
            raise DataError(problems)
        tar.extractall(into, members=members, filter="data")
    return into / "data"


def _load(folder: Path, shown: str, site_keys: bool = True) -> Handbook:
    """Load a version; problems in a temporary folder are shown under the revision's name.
    `site_keys`: require every UI string this generator's site asks for (not of the old
    version, which may predate some of them: it borrows the new version's)."""
    try:
        return load(folder) if site_keys else load_source(folder)
    except DataError as exc:
        prefix = folder.as_posix().rstrip("/")
        raise DataError([dataclasses.replace(p, file=p.file.replace(prefix, shown, 1)) for p in exc.problems]) from None


def read_versions(old: str, new: str | Path) -> tuple[Handbook, Handbook]:
    """Both versions, validated; every problem of both raised together."""
    new_dir = Path(new)
    if not new_dir.is_dir():
        raise GeneratorError(msg("diff.no_folder", folder=new))
    problems = []
    versions = []
    with tempfile.TemporaryDirectory(prefix="handbook-diff-") as tmp:
        old_dir = Path(old) if Path(old).is_dir() else _from_git(old, Path(tmp))
        shown = old if old_dir == Path(old) else f"{old}:data"
        for folder, name, site_keys in ((old_dir, shown, False), (new_dir, str(new), True)):
            try:
                versions.append(_load(folder, name.rstrip("/"), site_keys))
            except DataError as exc:
                problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    old_hb, new_hb = versions
    # The UI texts are the handbook's, not the standard's: where the old version has none
    # for a key that this generator asks for, it reads the new version's.
    return dataclasses.replace(old_hb, ui={**new_hb.ui, **old_hb.ui}), new_hb


# ---------------------------------------------------------------- marking changed text


def _tokens(text: str, lang: str) -> list[str]:
    if lang == "ja":
        return list(text)
    return re.findall(r"\s+|\w+|[^\w\s]", text)


def _segments(tokens: list[str], marks: list[bool]) -> Segments:
    out: list[list] = []
    for token, changed in zip(tokens, marks):
        if out and out[-1][1] == changed:
            out[-1][0] += token
        else:
            out.append([token, changed])
    return tuple((text, changed) for text, changed in out)


def mark(old: str, new: str, lang: str) -> tuple[Segments, Segments]:
    """Old and new text with the changed parts marked: characters (ja) or words (en)."""
    a, b = _tokens(old, lang), _tokens(new, lang)
    old_marks, new_marks = [False] * len(a), [False] * len(b)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            old_marks[i1:i2] = [True] * (i2 - i1)
            new_marks[j1:j2] = [True] * (j2 - j1)
    return _segments(a, old_marks), _segments(b, new_marks)


def _whole(text: Text) -> dict[str, Segments]:
    return {lang: ((text[lang], True),) for lang in LANGS}


# ---------------------------------------------------------------- comparing records


def _ordered(old: list[Entry], new: list[Entry]) -> list[tuple[Entry | None, Entry | None]]:
    """Pairs of (old, new) by id, in the new order, each removed record after its old predecessor."""
    old_by_id = {e.id: e for e in old}
    new_ids = {e.id for e in new}
    order = [e.id for e in new]
    previous = None
    for e in old:
        if e.id not in new_ids:
            order.insert(order.index(previous) + 1 if previous in order else 0, e.id)
        previous = e.id
    new_by_id = {e.id: e for e in new}
    return [(old_by_id.get(i), new_by_id.get(i)) for i in order]


def _compare(old: Entry | None, new: Entry | None) -> Change | None:
    entry = new or old
    if old is None or new is None:
        status = "added" if old is None else "removed"
        fields = tuple(
            FieldChange(name, None, _whole(text)) if old is None else FieldChange(name, _whole(text), None)
            for name, text in entry.fields
        )
        return Change(entry.kind, entry.id, status, entry.section, fields, entry.subject,
                      old.short if old else None, new.short if new else None, entry.record)
    old_fields, fields = dict(old.fields), []
    for name, text in new.fields:
        before = old_fields.get(name)
        if before == text:
            continue
        if before is None:
            fields.append(FieldChange(name, None, _whole(text)))
            continue
        pairs = {lang: mark(before[lang], text[lang], lang) for lang in LANGS}
        fields.append(FieldChange(name, {k: v[0] for k, v in pairs.items()}, {k: v[1] for k, v in pairs.items()}))
    if not fields:
        return None
    return Change(new.kind, new.id, "changed", new.section, tuple(fields), new.subject, old.short, new.short, new.record)


def _own_rules(hb: Handbook) -> dict:
    """rules.json of a version with its own rules alone: without the earlier versions it
    keeps, which schedule.js would apply to the samples that start before its effective date."""
    rules = json.loads(page_data(hb))
    rules["schedule"].pop("versions", None)
    return rules


def _samples(old: Handbook, new: Handbook) -> tuple[list[SampleResult], int]:
    """Each type's sample contracts computed by schedule.js with the old and new rules."""
    cases, meta = [], []
    for ct in new.contract_types:
        for sample in ct.audit.samples:
            cases.append({"type": ct.id, "start": sample.start, "end": sample.end,
                          "renewedYearly": sample.renewed_yearly, "lastOnsiteVisit": sample.last_onsite_visit})
            meta.append((ct, sample))
    if not cases:
        return [], 0
    payload = json.dumps({"old": _own_rules(old), "new": _own_rules(new), "cases": cases})
    try:
        run = subprocess.run(["node", "-e", _NODE, str(SCHEDULE_JS)], input=payload, capture_output=True,
                             text=True, encoding="utf-8")
    except FileNotFoundError:
        raise GeneratorError(msg("diff.no_node")) from None
    if run.returncode != 0:
        raise GeneratorError(msg("diff.schedule_failed", output=" ".join(run.stderr.strip().splitlines()[-1:])))
    results = []
    for (ct, sample), (before, after) in zip(meta, json.loads(run.stdout)):
        if before != after:
            results.append(SampleResult(ct.name, sample, tuple(before["events"]), tuple(after["events"])))
    return results, len(cases)


def compare(old: Handbook, new: Handbook, old_name: str = "old", new_name: str = "new") -> Comparison:
    old_entries, new_entries = diffrecords.entries(old), diffrecords.entries(new)
    changes = {
        kind: [c for pair in _ordered(old_entries[kind], new_entries[kind]) if (c := _compare(*pair))]
        for kind in KINDS
    }
    # A removed record is listed by the record it belonged to only where the new version has it.
    records = {e.record for kind in KINDS for e in new_entries[kind]}
    changes = {kind: [c if c.record in records else dataclasses.replace(c, record=None) for c in found]
               for kind, found in changes.items()}
    samples, count = _samples(old, new)
    return Comparison(old_name, new_name, old, new, changes, samples, count, not Path(old_name).is_dir())


# ---------------------------------------------------------------- terminal summary


def _padded(word: str, columns: int) -> str:
    """`word` and spaces to fill `columns` columns of a terminal (a wide character takes two)."""
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in word)
    return word + " " * max(0, columns - width)


def recorded(cmp: Comparison) -> list[str]:
    """The ids to list in the new version's document.yaml revisions[].changes: the record of
    each change, once each, in order (none for the handbook's own texts)."""
    out: list[str] = []
    for kind in KINDS:
        for c in cmp.changes[kind]:
            if c.record is not None and c.record not in out:
                out.append(c.record)
    return out


def summary(cmp: Comparison, lang: str = DEFAULT) -> str:
    """A short summary in `lang`: counts per kind, each change by the id of its record and
    its section (the records' own texts in both languages of the data), and the list to
    record in document.yaml revisions[].changes."""
    lines = [f"{cmp.old_name} → {cmp.new_name}"]
    if cmp.empty:
        lines.append(msg("diff.summary.none").text(lang))
        if cmp.old_is_revision:
            lines.append(msg("diff.summary.same_as_revision", rev=cmp.old_name).text(lang))
        return "\n".join(lines)
    for kind in KINDS:
        changes = cmp.changes[kind]
        if not changes:
            continue
        counts = {s: sum(c.status == s for c in changes) for s in STATUSES}
        # the kind as the report names it (ui.yaml), or by its name in the default language
        name = kind if lang == DEFAULT else cmp.new.t(f"diff.kind.{kind}", lang)
        counted = (msg(f"diff.summary.{s}", count=n).text(lang) for s, n in counts.items() if n)
        lines.append(f"{name}: " + msg("diff.summary.separator").text(lang).join(counted))
        for c in changes:
            where = c.section.ja if c.section.ja == c.section.en else f"{c.section.ja} / {c.section.en}"
            shown = c.record or c.id
            part = "" if c.id == shown else f" ({c.id})"
            line = f"  {_padded(msg(f'diff.status.{c.status}').text(lang), 8)} {shown}{part}  {where}"
            if c.subject is not None:
                for data_lang in LANGS:  # the data's texts, in both of its languages
                    old = c.before[data_lang] if c.before else "—"
                    new = c.after[data_lang] if c.after else "—"
                    line += f"\n             {c.subject[data_lang]}: {old} → {new}"
            lines.append(line)
    ids = recorded(cmp)
    if ids:
        lines.append(msg("diff.summary.record", ids=", ".join(ids)).text(lang))
    lines.append(msg("diff.summary.samples", changed=len(cmp.samples), total=cmp.sample_count).text(lang))
    for s in cmp.samples:
        fmt = lambda events: ", ".join(f"{e['date']} {e['method']}" for e in events) or "—"  # noqa: E731
        lines.append(f"  {s.type_name[lang]} {s.sample.start}–{s.sample.end}: {fmt(s.old)} → {fmt(s.new)}")
    return "\n".join(lines)
