"""The staging tree of each language: the hand-written pages of the content folder, checked
and copied, with the generated pages and files written beside them."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from ..errors import Problem, problem
from ..model import LANGS
from .page import Output
from .registry import CONTENT_PAGES


def content_problems(content_dir: Path, outputs: dict[str, Output] | None = None) -> list[Problem]:
    """The hand-written pages: each one the navigation lists is there, every file is a
    regular UTF-8 file, and none has the name of a generated page or file."""
    shown = content_dir.as_posix().rstrip("/")
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return [problem(shown, 1, 1, "$", "content.no_folder")]
    for lang in LANGS:
        for path, _key in CONTENT_PAGES:
            if not (content_dir / lang / path).is_file():
                problems.append(problem(f"{shown}/{lang}/{path}", 1, 1, "$", "content.missing_page"))
        folder = content_dir / lang
        if not folder.is_dir():
            continue
        generated = set()
        if outputs is not None:
            generated = {page.path for page in outputs[lang].pages} | set(outputs[lang].files)
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            where = f"{shown}/{lang}/{rel}"
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                mode = os.stat(path).st_mode if path.exists() else 0
            if stat.S_ISDIR(mode):
                continue
            if not stat.S_ISREG(mode):
                problems.append(problem(where, 1, 1, "$", "content.not_regular"))
                continue
            if rel in generated:
                problems.append(problem(where, 1, 1, "$", "content.generated_name", path=rel))
            if path.suffix == ".md":
                raw = path.read_bytes()
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    line = raw[:exc.start].count(b"\n") + 1
                    column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
                    problems.append(problem(where, line, column, "$", "file.utf8", byte=f"0x{raw[exc.start]:02x}"))
    return problems


def write_staging(outputs: dict[str, Output], content_dir: Path, staging: Path) -> dict[str, Path]:
    """Write each language's docs tree under `staging/docs-<lang>`; return the folders."""
    folders: dict[str, Path] = {}
    for lang, out in outputs.items():
        docs = staging / f"docs-{lang}"
        src = content_dir / lang
        if src.is_dir():
            shutil.copytree(src, docs)
        docs.mkdir(parents=True, exist_ok=True)
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
