"""Command line: `python -m generator build|check|serve [--data DIR] [--content DIR] [--site DIR]`
and `python -m generator diff OLD [NEW] [--out REPORT.html]`.

Parses options and calls one function per command; every error the generator raises
is printed as a clean message with exit status 1, never as a traceback. SIGTERM is
handled like Ctrl+C: the build stops, cleans up, and the site stays as it was.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from .errors import DataError, GeneratorError


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {
        "build": "build the site from the data",
        "check": "everything build does but the builder: validate data and content, write nothing",
        "serve": "preview on 127.0.0.1, rebuilding when data or content change",
    }
    for name, help_text in commands.items():
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--data", type=Path, default=Path("data"), help="data folder (default: data/)")
        p.add_argument("--content", type=Path, default=Path("content"), help="hand-written pages (default: content/)")
        if name != "check":
            p.add_argument("--site", type=Path, default=Path("site"), help="output folder (default: site/)")
        if name == "serve":
            p.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    # diff: the 新旧対照表 of two versions of the data (generator/commands/diff.py, diffreport.py)
    p_diff = sub.add_parser("diff", help="compare two versions of the data (新旧対照表)")
    p_diff.add_argument("old", help="the old data folder, or a git revision of this project (HEAD~1, a tag)")
    p_diff.add_argument("new", nargs="?", default="data", help="the new data folder (default: data/)")
    p_diff.add_argument("--out", type=Path, help="write the comparison table as HTML to this file")
    # keep-version: the rules before an amendment, kept in data/versions/ (generator/commands/keepversion.py)
    p_keep = sub.add_parser("keep-version", help="keep the audit rules of the version before an amendment in data/versions/")
    p_keep.add_argument("old", help="the data before the amendment: a data folder, or a git revision of this project (HEAD~1, a tag)")
    p_keep.add_argument("--data", type=Path, default=Path("data"), help="data folder (default: data/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    # What a failure did to the site when the error does not say (`outcome`, set by build).
    if args.command == "serve":
        unchanged = f"{args.site}/ is as the last build left it"
    elif args.command == "diff":
        unchanged = "no report was written"
    elif args.command == "keep-version":
        unchanged = "nothing was written"
    else:
        unchanged = "nothing was written"
    try:
        if args.command == "build":
            from .builder import Builders
            from .model import LANGS

            builders = Builders(LANGS)  # MkDocs starts up while the rest is imported and loaded
            from .commands.build import build

            timings = build(args.data, args.site, args.content, builders=builders)
            print(f"built {args.site}/ in {timings.total:.2f} s")
        elif args.command == "check":
            from .commands.build import check

            for warning in check(args.data, args.content):
                print(f"warning: {warning}", file=sys.stderr)
            print(f"{args.data}/ and {args.content}/: no problems found")
        elif args.command == "serve":
            from .commands.serve import serve

            serve(args.data, args.site, args.port, content=args.content)
        elif args.command == "diff":
            return _diff(args)
        elif args.command == "keep-version":
            from .commands.keepversion import keep_version

            target, written = keep_version(args.old, args.data)
            print(f"{'wrote' if written else 'already kept, unchanged:'} {target}")
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written", file=sys.stderr)
        return exc.exit_code
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(getattr(exc, "outcome", unchanged), file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # a folder that cannot be read or written, a port in use, …
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        print(getattr(exc, "outcome", unchanged), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a fault of the generator itself, not of the data
        print(f"error: the generator failed unexpectedly ({type(exc).__name__}: {exc}); please report this", file=sys.stderr)
        print(getattr(exc, "outcome", unchanged), file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print(f"interrupted; {getattr(exc, 'outcome', unchanged)}", file=sys.stderr)
        return 130
    return 0


def _diff(args) -> int:
    """Compare OLD and NEW; print the summary, write the report; a missing version is one line."""
    from .commands.diff import compare, read_versions, summary
    from .commands.diffreport import write_report

    try:
        old, new = read_versions(args.old, args.new)
        result = compare(old, new, args.old, args.new)
        if args.out:
            write_report(result, args.out)
    except DataError:
        raise
    except GeneratorError as exc:  # a missing folder or an unknown revision: one line
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(summary(result))
    if args.out:
        print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
