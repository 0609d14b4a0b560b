"""The 新旧対照表 of `generator diff --out`: one self-contained HTML file, A4 landscape.

Two columns, 改正後 (new) on the left and 改正前 (old) on the right, the changed parts
underlined (傍線), the section in the first column; the Japanese part first, then the
English part. Every text from the data is escaped by the template (autoescape).

The report is written only where it replaces nothing but an earlier report (`check_target`,
called before anything is read): never inside the folders the generator reads, never over
a file without the report's own mark (`REPORT_MARK`, in its head), never over a link or a
folder; and through a temporary file beside it, renamed into place, so a failure (a full
disk) leaves the earlier file as it was and no truncated report.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import jinja2

from ..errors import GeneratorError
from ..messages import msg

from .diff import Comparison
from .diffrecords import KINDS
from ..model import fill
from ..site.renderer import TEMPLATES


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(cmp: Comparison) -> str:
    hb = cmp.new
    methods = {key: m.name for key, m in hb.audit.methods.items()}

    def part(lang: str) -> dict:
        def t(key: str, **params) -> str:
            return fill(hb.t(key, lang), params)

        def events(items) -> list[str]:
            return [f"{e['date']} {methods[e['method']][lang] if e['method'] in methods else e['method']}"
                    for e in items]

        samples = []
        for s in cmp.samples:
            words = [f"{s.type_name[lang]}: {s.sample.start} – {s.sample.end}"]
            if s.sample.renewed_yearly:
                words.append(t("diff.samples.renewed"))
            if s.sample.last_onsite_visit:
                words.append(t("diff.samples.last_visit", date=s.sample.last_onsite_visit))
            old, new = events(s.old), events(s.new)
            samples.append({"contract": "、".join(words) if lang == "ja" else "; ".join(words),
                            "old": [(e, e not in new) for e in old], "new": [(e, e not in old) for e in new]})
        return {"lang": lang, "t": t, "samples": samples}

    return _env().get_template("diff-report.html.j2").render(
        cmp=cmp, kinds=KINDS, parts=[part("ja"), part("en")], title=hb.document.title,
    )


# In the head of every report (diff-report.html.j2): an existing file is replaced only if it has it.
REPORT_MARK = b'<meta name="generator" content="handbook diff report">'


def check_target(out: Path, reads: tuple[Path, ...]) -> None:
    """Refuse (`GeneratorError`) a report path that lies inside a folder in `reads` or that
    names anything but an earlier report. Reads only."""
    real = Path(os.path.realpath(out))
    for folder in reads:
        folder = Path(os.path.realpath(folder))
        if real == folder or folder in real.parents:
            raise GeneratorError(msg("report.inside_read", out=out, folder=folder))
    if not os.path.lexists(out):
        return
    if os.path.islink(out) or not out.is_file():
        kind = "kind.link" if os.path.islink(out) else "kind.folder" if out.is_dir() else "kind.other"
        raise GeneratorError(msg("report.not_a_file", out=out, kind=msg(kind)))
    try:
        with out.open("rb") as f:
            head = f.read(4096)
    except OSError as exc:
        raise GeneratorError(msg("report.unreadable", out=out, reason=exc.strerror)) from None
    if REPORT_MARK not in head:
        raise GeneratorError(msg("report.not_a_report", out=out))


def write_report(cmp: Comparison, out: Path) -> None:
    """Write the report through a temporary file beside `out`, renamed into place."""
    data = render_report(cmp).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}-", suffix=".tmp", dir=out.parent if str(out.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, out)
    except BaseException:
        os.unlink(tmp)
        raise
