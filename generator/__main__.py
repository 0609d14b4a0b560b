"""Command line: `python -m generator build|check|serve [--data DIR] [--content DIR] [--site DIR]`,
`python -m generator diff OLD [NEW] [--out REPORT.html]` and
`python -m generator keep-version OLD [--data DIR]`, each with `[--lang ja|en]`.

Parses options and calls one function per command; every error the generator raises
is printed as a clean message with exit status 1, never as a traceback. SIGTERM is
handled like Ctrl+C: the build stops, cleans up, and the site stays as it was.

Messages are printed in the language of `--lang`, else Japanese when the locale
(LC_ALL, LC_MESSAGES or LANG) is Japanese, else English (generator/messages.py).
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .errors import DataError, GeneratorError
from .messages import LANGS as MESSAGE_LANGS
from .messages import Msg, language, msg, text


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _port_in(lang: str):
    """The type of --port: a TCP port number, checked before anything is built (its
    error in `lang`)."""

    def port_number(text: str) -> int:
        try:
            port = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(msg("cli.port", found=repr(text)).text(lang)) from None
        if not 0 < port < 65536:
            raise argparse.ArgumentTypeError(msg("cli.port", found=port).text(lang))
        return port

    return port_number


def _parser(lang: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "build": "build the site from the data",
        "check": "everything build does but the builder: validate data and content, write nothing",
        "serve": "preview on 127.0.0.1, rebuilding when data or content change",
    }
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=MESSAGE_LANGS,
                        help="language of the messages (default: ja when LC_ALL, LC_MESSAGES or LANG is Japanese, else en)")
    for name, help_text in commands.items():
        p = sub.add_parser(name, help=help_text, parents=[common])
        p.add_argument("--data", type=Path, default=Path("data"), help="data folder (default: data/)")
        p.add_argument("--content", type=Path, default=Path("content"), help="hand-written pages (default: content/)")
        if name != "check":
            p.add_argument("--site", type=Path, default=Path("site"), help="output folder (default: site/)")
        if name == "serve":
            p.add_argument("--port", type=_port_in(lang), default=8000, help="port on 127.0.0.1 (default: 8000)")
    # diff: the 新旧対照表 of two versions of the data (generator/commands/diff.py, diffreport.py)
    p_diff = sub.add_parser("diff", help="compare two versions of the data (新旧対照表)", parents=[common])
    p_diff.add_argument("old", help="the old data folder, or a git revision of this project (HEAD~1, a tag)")
    p_diff.add_argument("new", nargs="?", default="data", help="the new data folder (default: data/)")
    p_diff.add_argument("--out", type=Path, help="write the comparison table as HTML to this file")
    # keep-version: the rules before an amendment, kept in data/versions/ (generator/commands/keepversion.py)
    p_keep = sub.add_parser("keep-version", help="keep the check rules of the version before an amendment in data/versions/",
                            parents=[common])
    p_keep.add_argument("old", help="the data before the amendment: a data folder, or a git revision of this project "
                                    "(HEAD~1, a tag)")
    p_keep.add_argument("--data", type=Path, default=Path("data"), help="data folder (default: data/)")
    return parser


def _requested(argv: list[str]) -> str | None:
    """The --lang of the command line, read before parsing it (for the errors of parsing)."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in MESSAGE_LANGS:
            return value
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parser(language(_requested(argv))).parse_args(argv)
    lang = language(args.lang)
    signal.signal(signal.SIGTERM, _interrupt)

    def say(*parts: Msg | str) -> None:
        """Print on stderr, each part on its own line, in the chosen language."""
        for part in parts:
            print(text(part, lang), file=sys.stderr)

    # What a failure did to the site when the error does not say (`outcome`, set by build).
    if args.command == "serve":
        unchanged = msg("outcome.served_as_left", site=args.site)
    elif args.command == "diff":
        unchanged = msg("outcome.no_report")
    elif args.command == "keep-version":
        unchanged = msg("outcome.nothing_written")
    else:
        unchanged = msg("outcome.nothing_written")
    try:
        if args.command == "build":
            from .commands.build import build

            timings = build(args.data, args.site, args.content)
            print(msg("cli.built", site=args.site, seconds=f"{timings.total:.2f}").text(lang))
        elif args.command == "check":
            from .commands.build import check

            ready = check(args.data, args.content)
            say(*(msg("cli.warning", message=warning) for warning in ready.warnings))
            print(msg("cli.checked", data=args.data, content=args.content).text(lang))
        elif args.command == "serve":
            from .commands.serve import serve

            serve(args.data, args.site, args.port, content=args.content, lang=lang)
        elif args.command == "diff":
            return _diff(args, lang)
        elif args.command == "keep-version":
            from .commands.keepversion import keep_version

            target, written = keep_version(args.old, args.data)
            print(msg("cli.kept" if written else "cli.kept_already", path=target).text(lang))
    except DataError as exc:
        say(exc.text(lang), msg("cli.problems", count=len(exc.problems)))
        return exc.exit_code
    except GeneratorError as exc:
        say(msg("cli.error", message=exc.text(lang)), getattr(exc, "outcome", unchanged))
        return exc.exit_code
    except OSError as exc:  # a folder that cannot be read or written, a port in use, …
        where = f" ({exc.filename})" if exc.filename else ""
        say(msg("cli.error", message=f"{exc.strerror or exc}{where}"), getattr(exc, "outcome", unchanged))
        return 1
    except Exception as exc:  # noqa: BLE001 - a fault of the generator itself, not of the data
        say(msg("cli.unexpected", kind=type(exc).__name__, detail=exc), getattr(exc, "outcome", unchanged))
        return 1
    except KeyboardInterrupt as exc:
        say(msg("cli.interrupted", outcome=getattr(exc, "outcome", unchanged)))
        return 130
    return 0


def _diff(args, lang: str) -> int:
    """Compare OLD and NEW; print the summary, write the report; a missing version is one line."""
    from .builder import ROOT, THEME
    from .commands.diff import compare, read_versions, summary
    from .commands.diffreport import check_target, write_report

    try:
        if args.out:
            reads = [ROOT / "data", ROOT / "content", THEME, Path(args.new)]
            if Path(args.old).is_dir():
                reads.append(Path(args.old))
            check_target(args.out, tuple(reads))
        old, new = read_versions(args.old, args.new)
        result = compare(old, new, args.old, args.new)
        if args.out:
            write_report(result, args.out)
    except DataError:
        raise
    except GeneratorError as exc:  # a missing folder or an unknown revision: one line
        print(msg("cli.error", message=exc.text(lang)).text(lang), file=sys.stderr)
        return exc.exit_code
    print(summary(result, lang))
    if args.out:
        print(msg("cli.report", path=args.out).text(lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
