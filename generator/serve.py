"""Preview server: build, serve the site on 127.0.0.1, rebuild when a source changes."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from .build import CONTENT, THEME, build
from .errors import GeneratorError


def _snapshot(folders: list[Path]) -> dict[str, float]:
    state: dict[str, float] = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    state[str(path)] = path.stat().st_mtime_ns
    return state


def _rebuild(data: Path, site: Path) -> None:
    try:
        timings = build(data, site)
        print(f"rebuilt in {timings.total:.2f} s", flush=True)
    except GeneratorError as exc:
        print(f"{exc}\nthe previous site is still served", flush=True)


def serve(data: Path, site: Path, port: int = 8000, poll: float = 0.3) -> None:
    """Serve `site` on 127.0.0.1:port until interrupted; rebuild on every change."""
    _rebuild(data, site)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site.resolve()))

    class Handler(handler.func):  # serve the current tree even after a swap
        def translate_path(self, path):
            self.directory = str(site.resolve())
            return super().translate_path(path)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(site.resolve())))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    watched = [data, CONTENT, THEME]
    before = _snapshot(watched)
    try:
        while True:
            time.sleep(poll)
            now = _snapshot(watched)
            if now != before:
                before = now
                _rebuild(data, site)
    finally:
        server.shutdown()
