"""The site folder, so that nothing is lost (see `generator.commands.build`): what may be
replaced, one build at a time, and the swap of the new tree into place."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from pathlib import Path

from ..errors import SiteRefused

# Written into every build: `build --site` replaces only a folder that holds it.
MARKER = ".handbook-site"
MARKER_TEXT = (
    "This folder was made by the handbook generator (python -m generator build).\n"
    "A later build may replace it as a whole; put nothing of your own here.\n"
)
# Written into each temporary build folder, so a later build knows it may remove it.
STAGING_MARKER = ".handbook-staging"
# A build from before the marker existed: these files are all there.
LEGACY_SHAPE = ("index.html", "en/index.html", "assets/handbook/rules.json", "search/search_index.json")





def _is_previous_build(folder: Path) -> bool:
    return (folder / MARKER).is_file() or all((folder / rel).is_file() for rel in LEGACY_SHAPE)


def check_site_folder(site: Path, keep: tuple[Path, ...] = ()) -> None:
    """Refuse (`SiteRefused`) a site folder that is not absent, empty or a previous build,
    or that holds one of the folders in `keep`. Reads only."""
    for precious in keep:
        precious = precious.resolve()
        if site == precious or site in precious.parents:
            raise SiteRefused(f"refusing to build into {site}: it holds {precious}, which the build reads")
    if not os.path.lexists(site):
        return
    if not site.is_dir():
        raise SiteRefused(f"refusing to build into {site}: it is a file, not a folder")
    if next(site.iterdir(), None) is None or _is_previous_build(site):
        return
    raise SiteRefused(
        f"refusing to replace {site}: it is not empty and not a site this generator built "
        f"(no {MARKER} file in it); choose a new or empty folder, or empty this one yourself"
    )


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
                raise SiteRefused(
                    f"another build into {self.site} is running (it holds {self.path}); "
                    "try again when it has finished"
                ) from None
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
            if (path / STAGING_MARKER).is_file() or _is_previous_build(path) or next(path.iterdir(), None) is None:
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
