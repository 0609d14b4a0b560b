"""MkDocs hooks of the builder, named in every configuration `generator.builder` writes.

`on_env`: the theme's templates (Material's and `theme/`) are compiled once per machine,
not once per build: MkDocs makes its Jinja environment without a bytecode cache, and
compiling Material's templates was about a third of each language's build. The cache is
Jinja's own (a per-user folder of the system's temporary folder, one file per template,
written atomically and used only while the template's source is unchanged), the same
that the generator's renderer uses; the pages are the same with or without it.
"""

from __future__ import annotations

import jinja2


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    env.bytecode_cache = jinja2.FileSystemBytecodeCache()
    return env
