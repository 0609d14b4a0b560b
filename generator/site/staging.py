"""The staging tree of each language: the hand-written pages of the content folder, checked
and copied, with the generated pages and files written beside them."""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

from ..errors import Problem, problem
from ..messages import msg
from ..model import LANGS, prefix
from .handwritten import page_problems
from .page import Output
from .registry import CONTENT_PAGES


# What a language's folder of hand-written pages may hold: pages (only those the navigation
# lists), and images and documents they link to. Scripts, HTML and SVG (which can carry
# script) are not published from it.
CONTENT_FILES = (".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf", ".xlsx", ".docx", ".csv", ".txt")
# Folders at the root of a language's tree that the builder fills itself.
BUILDER_FOLDERS = ("assets", "search")


def _entries(folder: Path, shown: str) -> tuple[list[str], list[Problem]]:
    """The regular files under `folder` (relative paths), and a located problem for each
    link, unreadable folder, other kind of file or folder the builder owns. Links are not
    followed (so neither a loop nor a path outside the folder is ever reached)."""
    files: list[str] = []
    problems: list[Problem] = []
    reserved = set(BUILDER_FOLDERS)
    if folder.name == LANGS[0]:  # the first language's tree holds the others' trees
        reserved |= {prefix(lang).rstrip("/") for lang in LANGS[1:]}

    def unreadable(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(folder).as_posix()
        where = f"{shown}/{rel}/" if rel != "." else f"{shown}/"
        problems.append(problem(where, 1, 1, "$", "content.folder_unreadable", reason=exc.strerror or exc))

    for top, dirs, names in os.walk(folder, onerror=unreadable):
        base = Path(top)
        for name in sorted(dirs + names):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            where = f"{shown}/{rel}"
            try:
                mode = path.lstat().st_mode
            except OSError as exc:
                problems.append(problem(where, 1, 1, "$", "content.file_unreadable", reason=exc.strerror))
                continue
            if stat.S_ISLNK(mode):
                problems.append(problem(where, 1, 1, "$", "content.link", target=os.readlink(path)))
            elif base == folder and name in reserved:
                code = "content.builder_folder" if name in BUILDER_FOLDERS else "content.language_folder"
                problems.append(problem(where + ("/" if stat.S_ISDIR(mode) else ""), 1, 1, "$", code, name=name))
            elif stat.S_ISDIR(mode):
                continue
            elif not stat.S_ISREG(mode):
                problems.append(problem(where, 1, 1, "$", "content.not_regular"))
            elif not name.lower().endswith(CONTENT_FILES):
                found = path.suffix or msg("content.no_suffix")
                problems.append(problem(where, 1, 1, "$", "content.file_kind", kinds=" ".join(CONTENT_FILES[1:]), found=found))
            else:
                files.append(rel)
        dirs[:] = [d for d in sorted(dirs) if not (base / d).is_symlink()
                   and not (base == folder and d in reserved)]
    return files, problems


def content_problems(content_dir: Path, outputs: dict[str, Output] | None = None,
                     anchors: Callable[[str], set[str]] | None = None) -> list[Problem]:
    """The hand-written pages: each one the navigation lists is there and no other page,
    every file is a regular readable UTF-8 file of a kind the site publishes, none has the
    name of a generated page or file or of a builder's or language's folder, no link, and
    (given the rendered `outputs`) every page keeps to the rules of `handwritten`, its
    links leading to pages and files that exist, and to anchors that `anchors(markdown)`
    (the builder's) finds in their pages."""
    shown = content_dir.as_posix().rstrip("/")
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return [problem(shown, 1, 1, "$", "content.no_folder")]
    listed = {path for path, _key in CONTENT_PAGES}
    for lang in LANGS:
        folder = content_dir / lang
        if folder.is_symlink():
            problems.append(problem(f"{shown}/{lang}", 1, 1, "$", "content.folder_link", target=os.readlink(folder)))
            continue
        for path in sorted(listed):
            if not (folder / path).is_file():
                problems.append(problem(f"{shown}/{lang}/{path}", 1, 1, "$", "content.missing_page"))
        if not folder.is_dir():
            continue
        files, found = _entries(folder, f"{shown}/{lang}")
        problems += found
        generated: set[str] = set()
        if outputs is not None:
            generated = {page.path for page in outputs[lang].pages} | set(outputs[lang].files)
        known = set(files) | generated
        bodies = {page.path: page.body[lang] for page in outputs[lang].pages} if outputs is not None else {}
        found_anchors: dict[str, set[str]] = {}

        def anchors_of(path: str, folder=folder, bodies=bodies, found=found_anchors) -> set[str]:
            if path not in found:
                text = bodies[path] if path in bodies else (folder / path).read_text(encoding="utf-8", errors="replace")
                found[path] = anchors(text) if anchors else set()
            return found[path]
        for rel in files:
            where = f"{shown}/{lang}/{rel}"
            if rel in generated:
                problems.append(problem(where, 1, 1, "$", "content.generated_name", path=rel))
                continue
            try:
                raw = (folder / rel).read_bytes()
            except OSError as exc:
                problems.append(problem(where, 1, 1, "$", "content.file_unreadable", reason=exc.strerror))
                continue
            if not rel.endswith(".md"):
                continue
            if rel not in listed and outputs is not None:  # (a generated page's name is said above)
                problems.append(problem(where, 1, 1, "$", "content.page_not_listed", pages=", ".join(sorted(listed))))
                continue
            if rel not in listed:
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                line = raw[:exc.start].count(b"\n") + 1
                column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
                problems.append(problem(where, line, column, "$", "file.utf8", byte=f"0x{raw[exc.start]:02x}"))
                continue
            if outputs is not None:
                problems += page_problems(where, rel, text, known.__contains__, anchors_of)
    return problems


def write_staging(outputs: dict[str, Output], content_dir: Path, staging: Path) -> dict[str, Path]:
    """Write each language's docs tree under `staging/docs-<lang>`; return the folders."""
    folders: dict[str, Path] = {}
    for lang, out in outputs.items():
        docs = staging / f"docs-{lang}"
        src = content_dir / lang
        docs.mkdir(parents=True)
        if src.is_dir():  # checked by content_problems: no links, nothing unreadable
            for top, _dirs, names in os.walk(src):
                into = docs / Path(top).relative_to(src)
                into.mkdir(exist_ok=True)
                for name in names:  # one file at a time: a failure is one OSError naming its file
                    shutil.copyfile(Path(top) / name, into / name)
        for page in out.pages:
            target = docs / page.path
            if target.exists():
                raise ValueError(f"content/{lang}/{page.path} collides with a generated page")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.body[lang], encoding="utf-8")
        for rel, data in sorted(out.files.items()):
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        folders[lang] = docs
    return folders
