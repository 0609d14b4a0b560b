"""JIS X 8341-3 (WCAG 2.1 A and AA): axe-core finds no violation on any page type in
either language, Material's own furniture included."""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"

# One page of every type, in both languages.
PAGE_TYPES = [
    "index.html",
    "standard/index.html",
    "standard/s3.html",
    "standard/s4.html",
    "glossary.html",
    "maintainers.html",
]


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }"""
    )


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_wcag_violation(page, http_url, prefix, path):
    assert AXE.is_file(), "run 'make test' (npm ci installs axe-core)"
    page.goto(http_url + prefix + path)
    page.wait_for_load_state("load")
    assert axe_violations(page) == []


def test_the_search_dialog_has_an_accessible_name(page, http_url):
    page.goto(http_url + "index.html")
    dialog = page.get_by_role("dialog")
    assert dialog.get_attribute("aria-label")
