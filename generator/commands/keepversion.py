"""`python -m generator keep-version OLD [--data DIR]`: keep the audit rules of the version
before an amendment in the data, so the tools can apply them to contracts that started
before the amendment takes effect.

OLD is the data as it stood before the amendment: a data folder, or a git revision of the
project (read as `diff` reads it). Its document.yaml names the revision it stood under (its
last entry of `revisions`), which must be an earlier revision of the data's own
document.yaml; its contract_types.yaml is validated and copied byte for byte to
`DIR/versions/<that revision's id>/contract_types.yaml` (generator.source.versions). The
command writes only that file and the folders above it; an existing file with other content
is refused and left as it is.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import GeneratorError
from ..messages import msg
from ..source.versions import FILE, FOLDER
from .diff import read_versions


def keep_version(old: str, data_dir: Path) -> tuple[Path, bool]:
    """Copy OLD's contract_types.yaml into `data_dir`; return the file and whether it was
    written (False: it was already there, the same)."""
    before, now = read_versions(old, data_dir)
    if not before.document.revisions:
        raise GeneratorError(msg("keep.no_revisions", old=old))
    rev = before.document.revisions[-1]
    earlier = [r.id for r in now.document.revisions[:-1]]
    if rev.id not in earlier:
        raise GeneratorError(msg("keep.not_before", old=old, document=f"{data_dir.as_posix()}/document.yaml",
                                 earlier=", ".join(earlier) or msg("keep.none_earlier"), found=rev.id))
    with tempfile.TemporaryDirectory(prefix="handbook-keep-") as tmp:
        source = _source_folder(old, Path(tmp))
        content = (source / FILE).read_bytes()
    target = data_dir / FOLDER / rev.id / FILE
    if target.exists() or target.is_symlink():
        if target.is_file() and not target.is_symlink() and target.read_bytes() == content:
            return target, False
        raise GeneratorError(msg("keep.exists", target=target))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "xb") as out:
        out.write(content)
    return target, True


def _source_folder(old: str, tmp: Path) -> Path:
    """OLD's data folder (extracted from git when OLD is a revision)."""
    from .diff import _from_git

    return Path(old) if Path(old).is_dir() else _from_git(old, tmp)
