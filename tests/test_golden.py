"""Golden files: the generated pages of the standard, home and glossary, as Markdown
before the builder runs, compared with checked-in copies.

After an intended change, regenerate them with `make golden` and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.load import load
from generator.render import render_all

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
PAGES = ["index.md", "glossary.md", "standard/index.md"] + [f"standard/s{i}.md" for i in range(1, 7)]
PAGES += ["tools/audit-rules.md"]


@pytest.fixture(scope="module")
def rendered():
    outputs = render_all(load(ROOT / "data"))
    return {
        lang: {page.path: page.body[lang] for page in out.pages} for lang, out in outputs.items()
    }


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_generated_page_matches_its_golden_file(rendered, lang, path):
    golden = GOLDEN / lang / path
    actual = rendered[lang][path]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; run 'make golden'"
    assert actual == golden.read_text(encoding="utf-8"), f"{lang}/{path} changed; review and run 'make golden'"
