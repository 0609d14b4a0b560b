"""Builder worker: one MkDocs build, started before the data is even loaded.

`python -m generator.builder` imports MkDocs and the theme's plugins at once, then waits
for one line of JSON on standard input: `{"config": PATH, "env": {...}}`. It then runs
`mkdocs build --strict` on that configuration (not `--quiet`, which would hide the
warnings that strict mode turns into errors) and exits with MkDocs' status. Starting it
early lets MkDocs' start-up overlap with loading and rendering the data. An empty input
(the build was abandoned, e.g. the data had errors) ends it quietly with status 0.
"""

from __future__ import annotations

import json
import os
import sys


def _warm_up() -> None:
    """Import what every build needs, while the generator is still working."""
    import markdown.extensions.attr_list  # noqa: F401
    import markdown.extensions.md_in_html  # noqa: F401
    import markdown.extensions.tables  # noqa: F401
    import markdown.extensions.toc  # noqa: F401
    import material.plugins.offline.plugin  # noqa: F401
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.__main__  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config.defaults  # noqa: F401


def main() -> int:
    _warm_up()
    line = sys.stdin.readline().strip()
    if not line:
        return 0
    request = json.loads(line)
    os.environ.update(request.get("env", {}))
    from mkdocs.__main__ import cli

    try:
        cli.main(args=["build", "--strict", "-f", request["config"]], prog_name="mkdocs")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
