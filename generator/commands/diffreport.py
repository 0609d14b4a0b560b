"""The 新旧対照表 of `generator diff --out`: one self-contained HTML file, A4 landscape.

Two columns, 改正後 (new) on the left and 改正前 (old) on the right, the changed parts
underlined (傍線), the section in the first column; the Japanese part first, then the
English part. Every text from the data is escaped by the template (autoescape).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

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


def write_report(cmp: Comparison, out: Path) -> None:
    out.write_text(render_report(cmp), encoding="utf-8")
