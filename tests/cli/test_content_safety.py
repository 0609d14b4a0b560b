"""`check` passing means `build` cannot fail, for the hand-written pages too; and the
hand-written pages keep the offline and safety promises (generator/site/handwritten.py).

Each case breaks a copy of content/ in one way; `check` and `build` must both exit 1 with
the same located lines, no traceback, and the previous site (a real earlier build) must
stand untouched with nothing beside it. The commands run in this process; two cases run
them as a user does, each in a process of its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support import ROOT, run_generator, run_in_process, tree_digest
from generator.commands.build import build, check
from generator.errors import DataError

ABOUT_LINES = len((ROOT / "content" / "en" / "about.md").read_text(encoding="utf-8").split("\n"))


@pytest.fixture(scope="module")
def previous_site(site, tmp_path_factory) -> Path:
    """A copy of a good build of the project's own content, standing where a refused build
    would write (alone in its folder)."""
    target = tmp_path_factory.mktemp("previous") / "site"
    shutil.copytree(site, target, symlinks=True)
    return target


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def _append(content: Path, text: str, page: str = "en/about.md") -> int:
    """Append lines to a page; return the line number of the first one."""
    path = content / page
    old = path.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + "\n" + text + "\n", encoding="utf-8")
    return old.count("\n") + 2


def _same_in_check_and_build(content: Path, previous_site: Path, tmp_path: Path, *, process: bool = False) -> list[str]:
    """Run check and build (in this process, or each in a process of its own); assert both
    fail alike, cleanly, with the site untouched and nothing beside it; return the problem
    lines."""
    before = tree_digest(previous_site)
    found = {}
    for command in (["check"], ["build", "--site", str(previous_site)]):
        args = (*command, "--content", str(content))
        if process:
            result = run_generator(*args)
            status, out, err = result.returncode, result.stdout, result.stderr
        else:
            status, out, err = run_in_process(*args)
        assert "Traceback" not in out + err
        assert status == 1, out + err
        lines = err.splitlines()
        assert lines[-1].endswith("problem found; nothing was written") or lines[-1].endswith("problems found; nothing was written"), lines
        found[command[0]] = lines[:-1]
    assert found["check"] == found["build"]
    assert tree_digest(previous_site) == before
    assert sorted(p.name for p in previous_site.parent.iterdir()) == ["site"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]
    return found["check"]


# ------------------------------------------------------------------ check == build


def test_an_extra_page_not_in_the_navigation(content, previous_site, tmp_path):
    (content / "ja" / "extra.md").write_text("# 追加\n", encoding="utf-8")
    assert _same_in_check_and_build(content, previous_site, tmp_path, process=True) == [
        f"{content}/ja/extra.md:1:1: $: expected one of the hand-written pages the navigation lists "
        "(about.md, maintainers.md), found a page not in it"
    ]


def test_a_link_to_a_missing_page(content, previous_site, tmp_path):
    line = _append(content, "See [the rules](tools/no-such-page.md) and [home](index.md).")
    assert _same_in_check_and_build(content, previous_site, tmp_path) == [
        f"{content}/en/about.md:{line}:17: $: expected a page or file of the site, found tools/no-such-page.md: "
        "there is no tools/no-such-page.md"
    ]


def test_a_link_to_a_missing_anchor(content, previous_site, tmp_path):
    text = "[a](standard/s4.md#s4-4-ct3) [b](standard/s4.md#no-such) [c](#nowhere)"
    line = _append(content, text)
    b, c = text.index("standard/s4.md#no-such") + 1, text.index("#nowhere") + 1
    assert _same_in_check_and_build(content, previous_site, tmp_path) == [
        f"{content}/en/about.md:{line}:{b}: $: expected an anchor of standard/s4.md, found standard/s4.md#no-such: "
        "that page has no anchor #no-such",
        f"{content}/en/about.md:{line}:{c}: $: expected an anchor of about.md, found #nowhere: that page has no anchor #nowhere",
    ]


def test_links_that_leave_the_language_tree_or_are_absolute(content, previous_site, tmp_path):
    line = _append(content, "[ja](../about.md) [abs](/about.md)")
    assert _same_in_check_and_build(content, previous_site, tmp_path) == [
        f"{content}/en/about.md:{line}:6: $: expected a page of this language's site, found ../about.md, which leads out of it",
        f"{content}/en/about.md:{line}:25: $: expected a link relative to this page, found the absolute path /about.md",
    ]


def test_a_symlink_loop(content, previous_site, tmp_path):
    (content / "ja" / "loop").symlink_to(".")
    assert _same_in_check_and_build(content, previous_site, tmp_path) == [
        f"{content}/ja/loop:1:1: $: expected a file or folder, found a link to . (links are not followed)"
    ]


def test_a_folder_named_like_the_other_languages_tree(content, previous_site, tmp_path):
    (content / "ja" / "en").mkdir()
    (content / "ja" / "en" / "about.md").write_text("# x\n", encoding="utf-8")
    (content / "ja" / "assets").mkdir()
    (content / "ja" / "assets" / "x.png").write_bytes(b"\x89PNG")
    assert _same_in_check_and_build(content, previous_site, tmp_path) == [
        f"{content}/ja/assets/:1:1: $: expected a name of its own, found assets, the builder's folder in the site",
        f"{content}/ja/en/:1:1: $: expected a name of its own, found en, another language's folder in the site",
    ]


@pytest.mark.parametrize("outside", ["file", "folder", "page"])
def test_links_pointing_outside_the_content_folder_are_refused(outside, content, previous_site, tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-secret"
    secret.mkdir(exist_ok=True)
    (secret / "letter.txt").write_text("private", encoding="utf-8")
    if outside == "file":
        link, target = content / "en" / "letter.txt", secret / "letter.txt"
    elif outside == "folder":
        link, target = content / "en" / "private", secret
    else:
        (content / "en" / "about.md").unlink()
        link, target = content / "en" / "about.md", ROOT / "content" / "en" / "about.md"
    link.symlink_to(target)
    lines = _same_in_check_and_build(content, previous_site, tmp_path)
    assert lines == [f"{link}:1:1: $: expected a file or folder, found a link to {target} (links are not followed)"]


def test_files_the_site_does_not_publish(content, previous_site, tmp_path):
    (content / "en" / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (content / "en" / "logo.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")
    (content / "en" / "app.js").write_text("alert(1)", encoding="utf-8")
    lines = _same_in_check_and_build(content, previous_site, tmp_path)
    assert [line.split(": $: ")[0] for line in lines] == [
        f"{content}/en/app.js:1:1", f"{content}/en/logo.svg:1:1", f"{content}/en/page.html:1:1",
    ]
    assert all("expected a page (.md), an image or a document" in line for line in lines)


def test_an_unreadable_subfolder(content, monkeypatch, tmp_path):
    """As root every folder is readable: the refusal is made by the file system stand-in."""
    (content / "en" / "private").mkdir()
    (content / "en" / "private" / "notes.txt").write_text("x", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path) == content / "en" / "private":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    expected = [f"{content}/en/private/:1:1: $: expected a folder that can be read, found one that cannot (Permission denied)"]
    with pytest.raises(DataError) as info:
        check(ROOT / "data", content)
    assert [str(p) for p in info.value.problems] == expected
    site = tmp_path / "site"
    with pytest.raises(DataError) as info:
        build(ROOT / "data", site, content)
    assert [str(p) for p in info.value.problems] == expected
    assert not site.exists()


# ------------------------------------------------------------------ what a page may hold

HOSTILE = {
    "remote image (HTML)": ('<img src="http://example.com/x.png">', 1,
                            "expected text or Markdown, found the HTML element <img>"),
    "remote image (Markdown)": ("![logo](https://example.com/logo.png)", 9,
                                "expected an image from this language's content folder, found https://example.com/logo.png "
                                "(a page must not load anything from elsewhere)"),
    "protocol-relative image": ("![logo](//example.com/logo.png)", 9,
                                "expected an image from this language's content folder, found //example.com/logo.png "
                                "(a page must not load anything from elsewhere)"),
    "remote image by reference": ("![logo][l]\n\n[l]: https://example.com/l.png", None,
                                  "expected an image from this language's content folder, found https://example.com/l.png "
                                  "(a page must not load anything from elsewhere)"),
    "script": ("<script>alert(1)</script>", 1, "expected text or Markdown, found the HTML element <script>"),
    "script, upper case": ("<SCRIPT SRC=x.js></SCRIPT>", 1, "expected text or Markdown, found the HTML element <script>"),
    "iframe": ('<iframe src="https://example.com"></iframe>', 1, "expected text or Markdown, found the HTML element <iframe>"),
    "link": ('<link rel="stylesheet" href="https://example.com/a.css">', 1, "expected text or Markdown, found the HTML element <link>"),
    "object": ('<object data="x.pdf"></object>', 1, "expected text or Markdown, found the HTML element <object>"),
    "embed": ('<embed src="x.swf">', 1, "expected text or Markdown, found the HTML element <embed>"),
    "style element": ("<style>body{background:url(https://example.com/x)}</style>", 1,
                      "expected text or Markdown, found the HTML element <style>"),
    "style attribute": ('<span style="background:url(https://example.com/x)">x</span>', 7,
                        "expected only the attributes class, dir, id, lang, markdown, title on <span>, found style"),
    "inline handler": ('<b onmouseover="alert(1)">x</b>', 4,
                       "expected only the attributes class, dir, id, lang, markdown, title on <b>, found onmouseover"),
    "srcset": ('<span srcset="https://example.com/x.png 2x">x</span>', 7,
               "expected only the attributes class, dir, id, lang, markdown, title on <span>, found srcset"),
    "raw link": ('<a href="https://example.com">x</a>', 1,
                 "expected text or Markdown, found the HTML element <a>; write a Markdown link [text](address)"),
    "javascript: link": ("[click](javascript:alert(1))", 9,
                         "expected a link to a page of the site or an http:, https: or mailto: address, found a javascript: link"),
    "JavaScript: link, mixed case": ("[click](JavaScript:alert(1))", 9,
                                     "expected a link to a page of the site or an http:, https: or mailto: address, found a javascript: link"),
    "javascript: autolink": ("<javascript:alert(1)>", 1,
                             "expected a link to a page of the site or an http:, https: or mailto: address, found a javascript: link"),
    "data: link by reference": ("[x][d]\n\n[d]: data:text/html;base64,PHNjcmlwdD4K", None,
                                "expected a link to a page of the site or an http:, https: or mailto: address, found a data: link"),
    "attribute list handler": ("A paragraph.\n{: onclick=\"alert(1)\" }", None,
                               "expected only .class, #id, title and lang in an attribute list, found onclick"),
    "attribute list style": ("[x](about.md){ style=\"background:url(https://example.com/x)\" }", 16,
                             "expected only .class, #id, title and lang in an attribute list, found style"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hand_written_page_may_not_load_or_run_anything(case, content, previous_site, tmp_path):
    markdown, column, message = HOSTILE[case]
    first = _append(content, markdown)
    lines = _same_in_check_and_build(content, previous_site, tmp_path, process=case == "script")
    assert len(lines) == 1, lines
    location, text = lines[0].split(": $: ")
    if column is None:  # on the snippet's last line
        assert location.startswith(f"{content}/en/about.md:{first + markdown.count(chr(10))}:"), lines
    else:
        assert location == f"{content}/en/about.md:{first}:{column}"
    assert text == message


def test_what_a_maintainer_needs_passes(content):
    """Markdown a maintainer writes, HTML shown as code, allowed tags, links: no problem."""
    (content / "en" / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    _append(content, "\n".join([
        "## Contacts {#contacts .wide}",
        "",
        "Write to <someone@example.jp> or see <https://www.ppc.go.jp/> and [the law](https://elaws.e-gov.go.jp/).",
        "Press <kbd>Ctrl</kbd>+<kbd>P</kbd>; H<sub>2</sub>O; <abbr title=\"Personal Information\">PI</abbr>.",
        "Markup shown as code: `<script src=\"https://x\">` and `![](https://x)`.",
        "",
        "```html",
        "<iframe src=\"https://example.com\"></iframe>",
        "```",
        "",
        "    <img src=\"http://example.com\">",
        "",
        "![A figure](figure.png) [maintainers](maintainers.md) [a paragraph](standard/s4.md#s4-4-ct3) [checklist](checklists/pre-contract.md)",
        "[mail](mailto:someone@example.jp) [up](#contacts)",
        "<!-- <script>alert(1)</script> -->",
        "",
        "| a | b |",
        "| --- | --- |",
        "| 1 < 2 | x |",
    ]))
    check(ROOT / "data", content)
