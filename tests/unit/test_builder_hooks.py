"""The builder's MkDocs hooks (generator/builder_hooks.py) change how fast the theme is
read, never what the site holds."""

from __future__ import annotations

from pathlib import Path

import jinja2
import material
import mkdocs

from generator.builder import THEME
from generator.builder_hooks import ThemeLoader

DIRS = [str(THEME), str(Path(material.__file__).parent / "templates"), str(Path(mkdocs.__file__).parent / "templates")]


def hidden(path: str) -> bool:
    """A path MkDocs never copies from a theme: a part of it starts with a dot."""
    return any(part.startswith(".") for part in path.split("/"))


def test_the_theme_files_listed_are_jinjas_list_without_hidden_folders():
    everything = jinja2.FileSystemLoader(DIRS).list_templates()
    listed = ThemeLoader(DIRS).list_templates()
    assert any(hidden(path) for path in everything)  # Material's icons: what the list skips
    assert sorted(path for path in everything if not hidden(path)) == sorted(p for p in listed if not hidden(p))
    assert set(listed) <= set(everything)
