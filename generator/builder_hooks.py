"""MkDocs hooks of the builder, named in every configuration `generator.builder` writes.

`on_config` gives the theme the Jinja environment MkDocs makes, with two changes that
leave every page and file the same and make each language's build about a third faster:

- the theme's templates (Material's and `theme/`) are compiled once per machine, not once
  per build: MkDocs makes its environment without a bytecode cache. The cache is Jinja's
  own (a per-user folder of the system's temporary folder, one file per template, written
  atomically and used only while the template's source is unchanged), the same that the
  generator's renderer uses;
- listing the theme's files (MkDocs copies the static ones into the site) does not walk
  hidden folders: MkDocs leaves out every path with a part that starts with a dot
  (patterns `.*` and `*/.*` of `Files.add_files_from_theme`), and Material's `.icons`
  folder alone holds some 14,000 files.

`on_files` leaves out of the site the theme's files that no page loads: Material's search
worker and lunr's language files (about 1 MB a language). The handbook's own worker answers
Material's search box (`theme/main.html`).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import jinja2
from mkdocs.plugins import event_priority


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, whose list of templates skips hidden folders."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
                for filename in filenames:
                    template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep)
                    template = template.replace(os.path.sep, "/")
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)


def _env(make_env, theme) -> jinja2.Environment:
    env = make_env()
    env.loader = ThemeLoader(theme.dirs)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    return env


@event_priority(100)  # before the theme's plugins, which make environments of their own in theirs
def on_config(config):
    theme = config.theme
    theme.get_env = functools.partial(_env, theme.get_env, theme)
    return config


# Folders of Material's theme that no page of the handbook loads (see the module's docstring).
UNUSED_THEME_FOLDERS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def on_files(files, config):
    themes = {Path(folder).resolve() for folder in config.theme.dirs}
    for file in list(files):
        if file.src_uri.startswith(UNUSED_THEME_FOLDERS) and Path(file.src_dir).resolve() in themes:
            files.remove(file)
    return files
