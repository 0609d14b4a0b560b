"""The numbers of the standard's passages are typed once, in standard.yaml: every other
data text that names one writes `{number:ID}` and reads the number from the standard."""

from __future__ import annotations

import re

from support import DATA, run_generator

from generator.commands.load import load
from generator.site.registry import render_all

TYPED_NUMBER = re.compile(r"(?<![0-9A-Za-z{(:_-])[1-6]\([1-9]\)")


def test_no_data_text_outside_the_standard_types_a_section_number():
    typed = []
    for path in sorted(DATA.glob("*.yaml")):
        if path.name == "standard.yaml":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#") and TYPED_NUMBER.search(line):
                typed.append(f"{path.name}:{n}: {line.strip()[:80]}")
    assert typed == []


def test_renumbering_a_subsection_renumbers_every_page_that_names_it(data_copy):
    path = data_copy / "standard.yaml"
    text = path.read_text(encoding="utf-8")
    head, sep, tail = text.partition("      - id: s4-4\n")
    assert sep and tail.startswith('        number: "(4)"\n'), tail[:60]
    path.write_text(head + sep + tail.replace('        number: "(4)"\n', '        number: "(9)"\n', 1), encoding="utf-8")
    outputs = render_all(load(data_copy))
    pages = {p.path: p for p in outputs["ja"].pages}
    schedule = {lang: pages["tools/schedule.md"].body[lang] for lang in ("ja", "en")}
    assert "（基準4(9)及び5）" in schedule["ja"] and "4(4)" not in schedule["ja"].split("hb-lead", 1)[1][:300]
    assert "(sections 4(9) and 5 of the standard)" in schedule["en"]


def test_an_unknown_passage_is_a_located_error(data_copy):
    path = data_copy / "procedure.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("{number:s3-1}") == 2
    path.write_text(text.replace("{number:s3-1}", "{number:s3-9}", 1), encoding="utf-8")
    result = run_generator("check", "--data", str(data_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(
        r"procedure\.yaml:\d+:\d+: \$\.steps\[\d+\]\.actions\[\d+\]\.text\.ja: "
        r"expected \{number:ID\} to name a passage of standard\.yaml, found unknown id 's3-9'",
        result.stderr,
    ), result.stderr
