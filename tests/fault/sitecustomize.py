"""A full disk, for tests: imported at start-up by every Python process that has this folder
on PYTHONPATH (the generator and its builder processes).

HANDBOOK_FAULT_MATCH (a glob, matched against the absolute path) chooses the files whose
writing fails with ENOSPC ("No space left on device"), after HANDBOOK_FAULT_AFTER bytes
(default 0) written to such files by the process; HANDBOOK_FAULT_IN chooses the process:
"main" (the command) or "builder" (a builder process). Every write through open(),
io.open(), os.fdopen() and shutil's copies goes through here.
"""

import builtins
import errno
import fnmatch
import io
import os
import shutil
import sys

_MATCH = os.environ.get("HANDBOOK_FAULT_MATCH")
_AFTER = int(os.environ.get("HANDBOOK_FAULT_AFTER", "0"))
_IN = os.environ.get("HANDBOOK_FAULT_IN", "main")
_written = [0]


def _armed() -> bool:
    builder = any(a.endswith(os.path.join("generator", "builder.py")) for a in sys.argv[:1])
    return (_IN == "builder") == builder


class _Full:
    def __init__(self, f, path):
        self._f, self._path = f, path

    def write(self, data):
        room = _AFTER - _written[0]
        if len(data) > room and _armed():
            if room > 0:
                self._f.write(data[:room])
                _written[0] += room
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self._path)
        _written[0] += len(data)
        return self._f.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()

    def __iter__(self):
        return iter(self._f)

    def __getattr__(self, name):
        return getattr(self._f, name)


def _wrap(opener):
    def wrapped(file, mode="r", *args, **kwargs):
        f = opener(file, mode, *args, **kwargs)
        if any(c in mode for c in "wax+"):
            path = os.readlink(f"/proc/self/fd/{file}") if isinstance(file, int) else os.path.abspath(os.fspath(file))
            if fnmatch.fnmatch(path, _MATCH):
                return _Full(f, path)
        return f
    return wrapped


if _MATCH:
    shutil._USE_CP_SENDFILE = False
    if hasattr(shutil, "_HAS_FCOPYFILE"):
        shutil._HAS_FCOPYFILE = False
    builtins.open = io.open = _wrap(io.open)
    os.fdopen = _wrap(os.fdopen)
