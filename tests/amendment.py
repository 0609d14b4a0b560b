"""An amendment of the standard, derived from data/ in a temporary folder.

Decided on 2026-12-01, in force from 2027-04-01: a one-year contract renewed every year with
the same contractor gets its on-site check every two years instead of three (the note of the
standard and the audit rule both change). The revision is recorded in document.yaml
`revisions`, and, unless `keep` is False, the rules before it are kept in
versions/<revision>/contract_types.yaml by `python -m generator keep-version` (the original
data/ is the version before), as a maintainer would do it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA, run_generator

DECIDED, EFFECTIVE = "2026-12-01", "2027-04-01"
REVISION = "rev-2026-onsite-interval"
BEFORE = "rev-2023-enactment"  # the last revision of data/document.yaml
OLD_YEARS, NEW_YEARS = 3, 2

_REVISION = f"""  - id: {REVISION}
    decided: "{DECIDED}"
    effective: "{EFFECTIVE}"
    summary:
      ja: 毎年同じ業者と契約する場合の実地確認の間隔を2年に1回に改める
      en: A contract renewed every year with the same contractor gets an on-site check every two years
    changes: [{{changes}}]
"""


def _replace(path: Path, old: str, new: str, count: int) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, (path, old, text.count(old))
    path.write_text(text.replace(old, new), encoding="utf-8")


def derive(target: Path, keep: bool = True, changes: str = "s4-4-ct3-n1, audit-oy-onsite") -> Path:
    """The amended data folder at `target` (created)."""
    shutil.copytree(DATA, target)
    _replace(target / "standard.yaml", f"{OLD_YEARS}年に1回", f"{NEW_YEARS}年に1回", 2)
    _replace(target / "standard.yaml", "once every three years", "once every two years", 2)
    _replace(target / "contract_types.yaml", f"years: {OLD_YEARS}\n", f"years: {NEW_YEARS}\n", 1)
    with open(target / "document.yaml", "a", encoding="utf-8") as f:
        f.write(_REVISION.replace("{changes}", changes))
    if keep:
        run = run_generator("keep-version", str(DATA), "--data", str(target))
        assert run.returncode == 0, run.stderr
    return target
