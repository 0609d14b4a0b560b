"""Ruff with the project's configuration (ruff.toml) finds nothing in the project, and that
configuration is the one in force: a finding of a selected rule fails."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT


def _ruff(*args: str, source: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *args],
                          cwd=ROOT, input=source, capture_output=True, text=True)


def test_ruff_finds_nothing_in_the_project():
    result = _ruff(".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_fails_on_a_finding_under_the_project_configuration():
    source = "import os\n\n\ndef f():\n    return undefined_name\n"
    result = _ruff("--stdin-filename", "generator/example.py", "-", source=source)
    assert result.returncode == 1
    assert "F401" in result.stdout and "F821" in result.stdout
