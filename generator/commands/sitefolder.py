"""The site folder, so that nothing is lost: what may be replaced, one build at a time, and
the swap of the new tree into place.

- A folder is replaced only when it is absent, empty, or holds nothing but what a build
  made: every build writes `MANIFEST` (`.handbook-site`) listing each file it wrote with
  its size and SHA-256. Before replacing, every file and folder in the site is compared
  with that list; a file that is not listed, has changed, is a link, or cannot be read
  (and a folder that holds no listed file) makes the build refuse, naming the first few
  such paths, before anything is written. There is no other way in: a folder that merely
  looks like a build (the "legacy shape" once accepted) or a copy whose files were
  edited, or beside which other files were put, is refused.
- The site may not be, hold or lie inside the folders the build reads (`--data`,
  `--content`, the theme), nor be the project folder itself; refused up front.
- One build at a time per site: `.SITE.lock` beside it is locked (`flock`) for the whole
  build and removed afterwards; a second build refuses at once.
- The new tree is built beside the site (`.SITE-build-*`) and exchanged with the old one
  in one step (`renameat2(RENAME_EXCHANGE)`, Linux 3.15+ on local file systems), so a
  complete site stands there at every instant. Where the exchange is not available the
  old site is first renamed aside (`.SITE-old-*`) and the new one renamed in: for that
  instant there is no site. A kill (even SIGKILL) can leave a `.SITE-build-*` or
  `.SITE-old-*` folder; the next build removes those that this generator made (a build
  folder holds `STAGING_MARKER`, a set-aside site passes the manifest check); a lock file
  left by a kill is empty and harmless (the lock died with its process).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

from ..errors import SiteRefused
from ..messages import msg

# Written into every build: the list of what it wrote. Only a folder whose every file is
# listed there, unchanged, may be replaced.
MANIFEST = ".handbook-site"
MARKER = MANIFEST  # the name earlier versions used for it
MANIFEST_HEADER = (
    "This folder was made by the handbook generator (python -m generator build).\n"
    "A later build replaces it only while every file in it is one listed below, unchanged\n"
    "(SHA-256, size in bytes, path); it refuses the folder if you add or edit anything.\n"
    "Deploy by copying this folder's contents elsewhere; never build into a served folder.\n"
)
# What builds before the manifest wrote into it (no list of files): such a folder is refused
# with its own message, as nothing proves the files in it are the build's.
EARLIER_MARKER_TEXT = (
    "This folder was made by the handbook generator (python -m generator build).\n"
    "A later build may replace it as a whole; put nothing of your own here.\n"
)
# Written into each temporary build folder, so a later build knows it may remove it.
STAGING_MARKER = ".handbook-staging"
# How many unknown paths a refusal names.
SHOWN = 5


class SiteBusy(SiteRefused):
    """Another build holds the site's lock (a temporary state, unlike a refused folder)."""


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def write_manifest(folder: Path) -> None:
    """List every file under `folder` (a finished build) in its manifest."""
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST:
            lines.append(f"{_digest(path)} {path.stat().st_size} {json.dumps(rel, ensure_ascii=False)}\n")
    (folder / MANIFEST).write_text(MANIFEST_HEADER + "\n" + "".join(lines), encoding="utf-8")


def _read_manifest(folder: Path) -> dict[str, tuple[str, int]]:
    """The files a build recorded: {path: (sha256, size)}; empty if there is no readable list."""
    path = folder / MANIFEST
    try:
        if path.is_symlink() or not path.is_file():
            return {}
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    listed: dict[str, tuple[str, int]] = {}
    for line in text.split("\n\n", 1)[1].splitlines() if "\n\n" in text else ():
        try:
            digest, size, rel = line.split(" ", 2)
            listed[json.loads(rel)] = (digest, int(size))
        except ValueError:
            return {}
    return listed


def unknown_paths(folder: Path, contents: bool = True) -> list[str]:
    """The paths under `folder` that no build made (relative, sorted; a folder ends in `/`):
    not in its manifest, changed since, links, other kinds of files, unreadable folders,
    folders that hold no listed file. Empty when the whole folder may be replaced.
    `contents=False` compares names and sizes only (a quick first look)."""
    listed = _read_manifest(folder)
    parents = {p for rel in listed for p in Path(rel).parents if p != Path(".")}
    parents = {p.as_posix() for p in parents}
    unknown: list[str] = []

    def walk_error(exc: OSError) -> None:
        unknown.append(Path(exc.filename).relative_to(folder).as_posix() + "/")

    for top, dirs, files in os.walk(folder, onerror=walk_error):
        base = Path(top)
        for name in sorted(dirs):
            rel = (base / name).relative_to(folder).as_posix()
            if (base / name).is_symlink() or rel not in parents:
                unknown.append(rel + ("/" if not (base / name).is_symlink() else ""))
        dirs[:] = sorted(d for d in dirs if (base / d).relative_to(folder).as_posix() in parents
                         and not (base / d).is_symlink())
        for name in sorted(files):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if rel == MANIFEST and listed:
                continue
            expected = listed.get(rel)
            try:
                info = path.lstat()
                same = (expected is not None and stat.S_ISREG(info.st_mode) and info.st_size == expected[1]
                        and (not contents or _digest(path) == expected[0]))
            except OSError:
                same = False
            if not same:
                unknown.append(rel)
    return sorted(unknown)


def _inside(a: Path, b: Path) -> bool:
    """`a` is `b` or lies inside it."""
    return a == b or b in a.parents


def check_site_folder(site: Path, reads: tuple[Path, ...] = (), holds: tuple[Path, ...] = (),
                      contents: bool = True) -> None:
    """Refuse (`SiteRefused`) a site folder that is not absent, empty or wholly a previous
    build; that is, holds or lies inside a folder in `reads` (what the build reads); or
    that is or holds a folder in `holds` (the project). Reads only."""
    real = Path(os.path.realpath(site))
    for folder in reads:
        folder = Path(os.path.realpath(folder))
        if _inside(real, folder) or _inside(folder, real):
            code = "site.is_read" if real == folder else ("site.inside_read" if _inside(real, folder) else "site.holds_read")
            raise SiteRefused(msg(code, site=site, folder=folder))
    for folder in holds:
        folder = Path(os.path.realpath(folder))
        if _inside(folder, real):
            raise SiteRefused(msg("site.holds_project", site=site, folder=folder))
    if not os.path.lexists(site):
        return
    if os.path.islink(site):
        raise SiteRefused(msg("site.link", site=site))
    if not site.is_dir():
        raise SiteRefused(msg("site.file", site=site))
    unknown = unknown_paths(site, contents)
    try:
        earlier = (site / MANIFEST).read_text(encoding="utf-8") in (EARLIER_MARKER_TEXT, "")
    except (OSError, UnicodeDecodeError):
        earlier = False
    if unknown and earlier:
        raise SiteRefused(msg("site.earlier_build", site=site))
    if unknown:
        shown = ", ".join(unknown[:SHOWN])
        more = msg("site.more", count=len(unknown) - SHOWN) if len(unknown) > SHOWN else ""
        raise SiteRefused(msg("site.unknown", site=site, shown=shown, more=more))


class Lock:
    """One build at a time into a site: an `flock` on `.SITE.lock` beside it, removed
    when the build ends (a build that finds the file replaced under it locks again)."""

    def __init__(self, site: Path):
        self.site = site
        self.path = site.with_name(f".{site.name}.lock")
        self.fd = -1

    def __enter__(self):
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise SiteBusy(msg("site.busy", site=self.site, lock=self.path)) from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self.fd = fd
                return self
            os.close(fd)  # the previous holder removed it meanwhile: lock the new one

    def __exit__(self, *exc):
        try:
            os.unlink(self.path)
        finally:
            os.close(self.fd)  # closing releases the lock


def clear_leftovers(site: Path) -> None:
    """Remove what killed builds left beside the site: temporary build folders and set-aside
    old sites, only those this generator made (with its marker inside, or empty)."""
    for pattern in (f".{site.name}-build-*", f".{site.name}-old-*"):
        for path in sorted(site.parent.glob(pattern)):
            if path.is_symlink() or not path.is_dir():
                continue
            if (path / STAGING_MARKER).is_file() or (path / MANIFEST).is_file() and not unknown_paths(path) \
                    or next(path.iterdir(), None) is None:
                shutil.rmtree(path, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
try:
    _renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
except (OSError, AttributeError):  # not Linux with glibc 2.28+
    _renameat2 = None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system cannot (the caller falls back)."""
    if _renameat2 is None:
        return False
    if _renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap(new: Path, site: Path) -> None:
    """Put `new` where `site` is; a complete site stands at `site` at every instant where
    the system can exchange two folders (the old tree ends up at `new`)."""
    if not os.path.lexists(site):
        new.rename(site)
        return
    if _exchange(new, site):
        return
    old = site.with_name(f".{site.name}-old-{os.getpid()}")
    if old.exists():
        shutil.rmtree(old)
    site.rename(old)
    try:
        new.rename(site)
    except OSError:
        old.rename(site)
        raise
    shutil.rmtree(old, ignore_errors=True)
