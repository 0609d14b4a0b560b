"""Golden files: the generated pages (the standard, home, glossary, checklists and tools),
as Markdown before the builder runs, and the page data (rules.json, one key a line),
compared with checked-in copies. The tool pages' inlined copy of rules.json is left out
of their golden files: rules.json has its own.

After an intended change, regenerate them with `make golden` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from generator.commands.load import load
from generator.site.registry import render_all

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
PAGES = ["index.md", "glossary.md", "standard/index.md"] + [f"standard/s{i}.md" for i in range(1, 7)]
PAGES += ["checklists/pre-contract.md", "checklists/post-contract.md",
          "tools/schedule.md", "tools/audit-rules.md", "tools/clause.md", "tools/plan.md", "revisions.md"]
RULES_ISLAND = re.compile(r'(<script id="handbook-rules" type="application/json">).*?(</script>)', re.S)


@pytest.fixture(scope="module")
def rendered():
    outputs = render_all(load(ROOT / "data"))
    rendered = {
        lang: {page.path: RULES_ISLAND.sub(r"\1…\2", page.body[lang]) for page in out.pages}
        for lang, out in outputs.items()
    }
    rules = json.loads(outputs["ja"].files["assets/handbook/rules.json"])
    rendered["data"] = {"rules.json": json.dumps(rules, ensure_ascii=False, sort_keys=True, indent=1) + "\n"}
    return rendered


@pytest.mark.parametrize(("lang", "path"), [(lang, p) for lang in ("ja", "en") for p in PAGES] + [("data", "rules.json")])
def test_generated_page_matches_its_golden_file(rendered, lang, path):
    golden = GOLDEN / lang / path
    actual = rendered[lang][path]
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"missing {golden}; run 'make golden'"
    assert actual == golden.read_text(encoding="utf-8"), f"{lang}/{path} changed; review and run 'make golden'"
