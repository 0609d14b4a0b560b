"""The data folder as this site needs it: `generator.source.load` with the UI keys that the
site's templates and page modules ask for, and those `diff` builds from names."""

from __future__ import annotations

from pathlib import Path

from ..model import Handbook
from ..site.registry import ui_keys_used
from ..source.load import load as load_source
from .diffrecords import UI_KEYS as DIFF_UI_KEYS


def load(data_dir: Path | str) -> Handbook:
    """Read, validate and model the data folder, or raise `DataError` with every problem."""
    used = ui_keys_used()
    for key in DIFF_UI_KEYS:
        used.setdefault(key, "generator/commands/diffrecords.py")
    return load_source(data_dir, used)
