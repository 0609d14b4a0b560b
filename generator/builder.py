"""Builder workers: one MkDocs build per language, started before the data is loaded.

`Builders` (used by `generator.build`) starts the workers and hands them their
configuration once the data is rendered.

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
import subprocess
import sys
import time
from pathlib import Path

from .errors import BuildError

ROOT = Path(__file__).resolve().parent.parent


class Builders:
    """One builder process per language, started early and given its configuration later."""

    def __init__(self, langs=("ja", "en")):
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=os.pathsep.join(
            [str(ROOT)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])))
        self.procs = {
            lang: subprocess.Popen(
                [sys.executable, "-m", "generator.builder"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
            )
            for lang in langs
        }
        self.started: dict[str, float] = {}

    def start(self, configs: dict[str, Path], env: dict[str, str]) -> None:
        """Hand each builder its configuration; they build at the same time."""
        for lang, cfg in configs.items():
            self.started[lang] = time.perf_counter()
            request = json.dumps({"config": str(cfg), "env": env}) + "\n"
            proc = self.procs[lang]
            proc.stdin.write(request.encode("utf-8"))
            proc.stdin.close()
            proc.stdin = None  # handed over: communicate() must not touch it again

    def wait(self) -> dict[str, float]:
        """Seconds each builder took; raise BuildError with the output of any that failed."""
        timings: dict[str, float] = {}
        failures = []
        for lang, proc in self.procs.items():
            output, _ = proc.communicate()
            timings[lang] = time.perf_counter() - self.started[lang]
            if proc.returncode != 0:
                failures.append(f"builder failed for '{lang}':\n{output.decode('utf-8', 'replace').strip()}")
        if failures:
            raise BuildError("\n".join(failures))
        return timings

    def abandon(self) -> None:
        """End every builder that has not finished (never given work, or still building
        when the build failed or was interrupted) at once: nothing keeps running or
        writing once the command has returned, and a failed build returns quickly."""
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if proc.stdin is not None and not proc.stdin.closed:
                try:
                    proc.stdin.close()
                except OSError:
                    pass
            if proc.stdout:
                proc.stdout.close()


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
