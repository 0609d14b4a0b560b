"""Golden files: every generated page (as Markdown before the builder runs, in both
languages) and the page data (rules.json, one key a line), compared with checked-in
copies. The list is the site's own: a generated page without a golden file, or a golden
file of a page the site no longer makes, fails (as a directory comparison would). The tool
pages' inlined copy of rules.json is left out of their golden files: rules.json has its own.

After an intended change, regenerate them with `make golden` and review the diff.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from generator.site.registry import render_all
from support import TESTS

GOLDEN = TESTS / "golden"
RULES_ISLAND = re.compile(r'(<script id="handbook-rules" type="application/json">).*?(</script>)', re.S)
LANGS_AND_DATA = ("ja", "en", "data")  # the folders of golden files (beside this test)
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))


def golden_files() -> list[str]:
    """The checked-in golden files, as LANG/PATH."""
    return sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.glob("*/**/*")
                  if p.is_file() and p.parts[len(GOLDEN.parts)] in LANGS_AND_DATA)


@pytest.fixture(scope="module")
def rendered(handbook) -> dict[str, str]:
    """Every generated page and the page data, by LANG/PATH."""
    outputs = render_all(handbook)
    rendered = {
        f"{lang}/{page.path}": RULES_ISLAND.sub(r"\1…\2", page.body[lang])
        for lang, out in outputs.items() for page in out.pages
    }
    rules = json.loads(outputs["ja"].files["assets/handbook/rules.json"])
    rendered["data/rules.json"] = json.dumps(rules, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
    if UPDATE:
        for name, text in rendered.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
        for name in set(golden_files()) - set(rendered):
            (GOLDEN / name).unlink()  # a golden file of a page the site no longer makes
    return rendered


def test_every_generated_page_has_a_golden_file_and_every_golden_file_a_page(rendered):
    missing = sorted(set(rendered) - set(golden_files()))
    extra = sorted(set(golden_files()) - set(rendered))
    assert missing == [], f"generated pages without a golden file: {missing}; run 'make golden'"
    assert extra == [], f"golden files of pages the site does not make: {extra}; run 'make golden'"


@pytest.mark.parametrize("name", golden_files())
def test_generated_page_matches_its_golden_file(rendered, name):
    assert name in rendered, f"{name}: the site no longer makes this page; run 'make golden'"
    actual = rendered[name]
    assert actual == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} changed; review and run 'make golden'"
