"""Preview server: build, serve the site on 127.0.0.1, rebuild when a source changes.

Whatever goes wrong in a rebuild (bad data, a builder failure, an unreadable file, a
fault of the generator) is printed and the last good site stays served; only Ctrl+C or
SIGTERM stops the server. A request the file system cannot answer (e.g. `/%00`) gets
400 Bad Request.

Before building, the port is taken (a port out of range or in use is one line, nothing
built) and the site folder is checked as a build checks it (`sitefolder`): a folder the
build would refuse is refused, and never served. A rebuild that finds the folder refused
(someone put files of their own into it meanwhile) stops the server.
"""

from __future__ import annotations

import http.server
import sys
import threading
import time
from pathlib import Path

from ..builder import THEME
from ..errors import DataError, GeneratorError, SiteRefused
from ..messages import DEFAULT, Msg, msg, text
from .build import CONTENT, ROOT, build
from .sitefolder import SiteBusy, check_site_folder


def _snapshot(folders: list[Path]) -> dict[str, float]:
    state: dict[str, float] = {}
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                try:
                    if path.is_file():
                        state[str(path)] = path.stat().st_mtime_ns
                except OSError:  # vanished or unreadable meanwhile: the next poll sees it
                    state[str(path)] = -1
    return state


def _rebuild(data: Path, site: Path, content: Path, lang: str = DEFAULT) -> bool:
    """Build once; print what went wrong (in `lang`) instead of raising. True if the site was built."""

    def say(*lines: Msg | str) -> None:
        print("\n".join(text(line, lang) for line in lines), flush=True)

    try:
        timings = build(data, site, content)
        say(msg("serve.rebuilt", seconds=f"{timings.total:.2f}"))
        return True
    except DataError as exc:
        say(exc.text(lang), msg("serve.problems", count=len(exc.problems)))
    except SiteRefused as exc:
        if not isinstance(exc, SiteBusy):
            raise
        say(msg("cli.error", message=exc.text(lang)), msg("serve.still_served"))
    except GeneratorError as exc:
        say(msg("cli.error", message=exc.text(lang)), msg("serve.still_served"))
    except Exception as exc:  # noqa: BLE001 - the server outlives any failed rebuild
        say(msg("cli.error", message=f"{type(exc).__name__}: {exc}"), msg("serve.still_served"))
    return False


class Server(http.server.ThreadingHTTPServer):
    """Many requests at once (a page loads dozens of files): a long listen queue."""

    request_queue_size = 1024
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that stops reading (a page left, a download cancelled) is no error."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def handler_for(site: Path):
    """A request handler that serves the current tree of `site` (also after a swap)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site.resolve()), **kwargs)

        def translate_path(self, path):
            self.directory = str(site.resolve())
            return super().translate_path(path)

        def send_head(self):
            try:
                return super().send_head()
            except (ValueError, OSError):  # e.g. "/%00": embedded null byte
                self.send_error(400, "Bad request")
                return None

        def log_message(self, *args):
            pass

    return Handler


def serve(data: Path, site: Path, port: int = 8000, poll: float = 0.3, content: Path = CONTENT,
          lang: str = DEFAULT) -> None:
    """Serve `site` on 127.0.0.1:port until interrupted; rebuild on every change. Raise
    `SiteRefused` (before serving anything) for a site folder a build may not replace."""
    if not 0 < port < 65536:
        raise GeneratorError(msg("serve.port", port=port))
    server = Server(("127.0.0.1", port), handler_for(site))  # a port in use: OSError, nothing built
    watched = [data, content, THEME]
    try:
        check_site_folder(site, (data, content, THEME), (ROOT,))
        # taken before the first build: a file saved during it, or as the server starts
        # answering, is a change like any other
        before = _snapshot(watched)
        _rebuild(data, site, content, lang)
    except BaseException:
        server.server_close()
        raise
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(msg("serve.serving", port=port).text(lang), flush=True)
    try:
        while True:
            time.sleep(poll)
            now = _snapshot(watched)
            if now != before:
                before = now
                _rebuild(data, site, content, lang)
    finally:
        server.shutdown()
