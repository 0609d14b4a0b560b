"""Messages, not tracebacks, and nothing lost: a full disk at each step of a build, the
preview server's port and folder, the site folder against the folders the build reads,
`diff --out` against files that are not its reports, `diff` of a revision whose data/
holds a link, and one rule for the build date (UTC)."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from support import DATA, ROOT, TESTS, run_generator, tree_digest
from generator.commands.serve import Server, handler_for
from generator.commands.sitefolder import MANIFEST

FAULT = TESTS / "fault"  # sitecustomize.py: writes fail with ENOSPC


def _run(*args: str, cwd: Path = ROOT, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("built") / "site"
    assert run_generator("build", "--site", str(site)).returncode == 0
    return site


# ------------------------------------------------------------------ a full disk


@pytest.mark.parametrize("process, match", [
    ("main", "*/.site-build-*/docs-ja/*"),  # writing the staging tree
    ("builder", "*/site-ja/*"),  # a builder writing its pages
    ("builder", "*/site-en/search/*"),  # a builder writing the search index
    ("main", "*.xlsx"),  # the spreadsheets, made while the builders run
    ("main", "*/" + MANIFEST),  # the manifest of the finished site
], ids=["staging", "builder pages", "builder search", "spreadsheets", "manifest"])
def test_a_full_disk_is_one_line_and_the_previous_site_stays(process, match, built, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built, site)
    before = tree_digest(site)
    result = _run("build", "--site", str(site), env={
        "PYTHONPATH": f"{ROOT}{os.pathsep}{FAULT}", "HANDBOOK_FAULT_IN": process, "HANDBOOK_FAULT_MATCH": match,
        "HANDBOOK_FAULT_AFTER": "100",
    })
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("error: No space left on device (") and lines[0].endswith(")"), lines
    written = lines[0][len("error: No space left on device ("):-1]
    assert written.startswith(f"{tmp_path}/") and fnmatch.fnmatch(written, match), written
    assert lines[1] == f"the previous site in {site} was left as it was"
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# ------------------------------------------------------------------ the site against what the build reads


@pytest.mark.parametrize("where", ["data itself", "inside data", "inside content", "content itself",
                                   "holds data", "holds content", "inside the theme"])
def test_the_site_may_not_be_hold_or_lie_inside_what_the_build_reads(where, tmp_path):
    data, content = tmp_path / "src" / "data", tmp_path / "src" / "content"
    shutil.copytree(DATA, data)
    shutil.copytree(ROOT / "content", content)
    site = {
        "data itself": data, "inside data": data / "site", "inside content": content / "ja" / "site",
        "content itself": content, "holds data": data.parent, "holds content": content.parent,
        "inside the theme": ROOT / "theme" / "site-test",
    }[where]
    before = tree_digest(tmp_path)
    result = _run("build", "--data", str(data), "--content", str(content), "--site", str(site))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: refusing to build into {site}: it "), lines
    assert "which the build reads; choose a site folder outside it" in lines[0]
    assert lines[1:] == ["nothing was written"]
    assert tree_digest(tmp_path) == before
    assert not (ROOT / "theme" / "site-test").exists()


# ------------------------------------------------------------------ serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("port", ["70000", "0", "-1", "http"])
def test_serve_checks_its_port_before_building(port, tmp_path):
    site = tmp_path / "site"
    result = _run("serve", "--site", str(site), "--port", port, timeout=30)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(
        "python -m generator serve: error: argument --port: expected a port number from 1 to 65535, found ")
    assert not site.exists() and list(tmp_path.iterdir()) == []


def test_serve_on_a_port_in_use_builds_nothing(tmp_path):
    site = tmp_path / "site"
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        result = _run("serve", "--site", str(site), "--port", str(held.getsockname()[1]), timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "error: Address already in use"
    assert not site.exists()


@pytest.mark.parametrize("kind", ["private files", "a copy with a file added", "inside data"])
def test_serve_never_serves_a_folder_it_refuses_to_build_into(kind, built, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    if kind == "private files":
        site = tmp_path / "private"
        site.mkdir()
        (site / "letter.txt").write_text("private", encoding="utf-8")
    elif kind == "a copy with a file added":
        site = tmp_path / "www"
        shutil.copytree(built, site)
        (site / "other-dept").mkdir()
        (site / "other-dept" / "index.html").write_text("theirs", encoding="utf-8")
    else:
        site = data / "site"
    before = tree_digest(tmp_path)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(data), "--site", str(site), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 1
    assert "serving" not in out and "Traceback" not in out + err
    assert err.splitlines()[0].startswith("error: refusing to "), err
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "nothing listens on the port"
    assert tree_digest(tmp_path) == before


# ------------------------------------------------------------------ diff --out


@pytest.mark.parametrize("target", ["the data file being amended", "a new file in the data folder",
                                    "a file in content", "a letter", "a folder", "a link to a report"])
def test_diff_out_replaces_nothing_but_its_own_reports(target, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    report = tmp_path / "report.html"
    assert _run("diff", str(DATA), str(data), "--out", str(report)).returncode == 0
    out = {
        "the data file being amended": data / "standard.yaml",
        "a new file in the data folder": data / "report.html",
        "a file in content": ROOT / "content" / "report-test.html",
        "a letter": tmp_path / "letter.html",
        "a folder": tmp_path / "folder",
        "a link to a report": tmp_path / "link.html",
    }[target]
    if target == "a letter":
        out.write_text("<html><body>Dear …</body></html>", encoding="utf-8")
    elif target == "a folder":
        out.mkdir()
    elif target == "a link to a report":
        out.symlink_to(report)
    before = tree_digest(tmp_path)
    try:
        result = _run("diff", str(DATA), str(data), "--out", str(out))
    finally:
        written = (ROOT / "content" / "report-test.html").exists()
        (ROOT / "content" / "report-test.html").unlink(missing_ok=True)
    assert not written
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: refusing to "), lines
    assert str(out) in lines[0]
    assert tree_digest(tmp_path) == before


def test_diff_out_replaces_its_own_report(tmp_path):
    report = tmp_path / "report.html"
    for _ in range(2):
        result = _run("diff", str(DATA), "--out", str(report))
        assert result.returncode == 0, result.stderr
    assert '<meta name="generator" content="handbook diff report">' in report.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_diff_out_on_a_full_disk_keeps_the_earlier_report_whole(tmp_path):
    report = tmp_path / "report.html"
    assert _run("diff", str(DATA), "--out", str(report)).returncode == 0
    before = report.read_bytes()
    result = _run("diff", str(DATA), "--out", str(report), env={
        "PYTHONPATH": f"{ROOT}{os.pathsep}{FAULT}", "HANDBOOK_FAULT_MATCH": f"{tmp_path}/*", "HANDBOOK_FAULT_AFTER": "1000",
    })
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith("error: No space left on device (")
    assert result.stderr.splitlines()[-1] == "no report was written"
    assert report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_diff_against_a_revision_whose_data_holds_a_link_is_located(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(DATA, repo / "data")
    (repo / "data" / "glossary.yaml").unlink()
    (repo / "data" / "glossary.yaml").symlink_to("/etc/passwd")
    (repo / "data" / "extra.yaml").symlink_to("standard.yaml")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "-C", str(repo), "add", "data"], check=True)
    subprocess.run([*git, "-C", str(repo), "commit", "-qm", "links"], check=True)
    result = _run("diff", "HEAD", str(DATA), cwd=repo)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "HEAD:data/extra.yaml:1:1: $: expected a regular file, found a link to standard.yaml",
        "HEAD:data/glossary.yaml:1:1: $: expected a regular file, found a link to /etc/passwd",
        "2 problems found; nothing was written",
    ]


# ------------------------------------------------------------------ the build date


def test_the_build_date_without_source_date_epoch_is_the_utc_date_everywhere():
    code = "from generator.site.renderer import build_date; print(build_date())"
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    dates = {}
    for tz in ("Pacific/Kiritimati", "Etc/GMT+12", "UTC"):  # UTC+14 and UTC−12: never the same local date
        before = dt.datetime.now(dt.UTC).date().isoformat()
        run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                             env=dict(env, TZ=tz, PYTHONPATH=str(ROOT)))
        after = dt.datetime.now(dt.UTC).date().isoformat()
        assert run.returncode == 0, run.stderr
        dates[tz] = run.stdout.strip()
        assert dates[tz] in (before, after)
    assert len(set(dates.values())) == 1 or time.gmtime().tm_hour == 0, dates


# ------------------------------------------------------------------ what a previous build is


@pytest.mark.parametrize("change, named", [
    ("another department's folder", "other-dept/"),
    ("a file added at the root", "notes.txt"),
    ("a page edited, same size", "about.html"),
    ("a page replaced by a link", "glossary.html"),
    ("an empty folder added", "uploads/"),
    ("the list edited to cover a new file", "mine.html"),
])
def test_a_copy_of_a_build_with_anything_else_in_it_is_refused_untouched(change, named, built, tmp_path):
    site = tmp_path / "www"
    shutil.copytree(built, site)
    if change == "another department's folder":
        (site / "other-dept").mkdir()
        (site / "other-dept" / "index.html").write_text("theirs", encoding="utf-8")
    elif change == "a file added at the root":
        (site / "notes.txt").write_text("mine", encoding="utf-8")
    elif change == "a page edited, same size":
        page = site / "about.html"
        data = bytearray(page.read_bytes())
        data[-10] = ord("X") if data[-10] != ord("X") else ord("Y")
        page.write_bytes(bytes(data))
    elif change == "a page replaced by a link":
        (site / "glossary.html").unlink()
        (site / "glossary.html").symlink_to(tmp_path / "elsewhere.html")
    elif change == "an empty folder added":
        (site / "uploads").mkdir()
    else:
        (site / "mine.html").write_text("mine", encoding="utf-8")
        manifest = site / MANIFEST
        manifest.write_text(manifest.read_text(encoding="utf-8") + '0' * 64 + ' 4 "mine.html"\n', encoding="utf-8")
    before = tree_digest(site)
    result = _run("build", "--site", str(site))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"error: refusing to replace {site}: it holds what this generator did not make"), lines
    assert f": {named}; nothing was touched." in lines[0], lines
    assert lines[1:] == ["nothing was written"]
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["www"]


def test_a_copy_of_a_build_even_with_files_missing_is_replaced(built, tmp_path):
    site = tmp_path / "www"
    shutil.copytree(built, site)
    (site / "about.html").unlink()
    shutil.rmtree(site / "en" / "tools")
    result = _run("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert (site / "about.html").is_file() and (site / "en" / "tools" / "clause.html").is_file()


def test_a_site_from_before_the_manifest_is_refused_with_its_own_message(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    (site / MANIFEST).write_text(
        "This folder was made by the handbook generator (python -m generator build).\n"
        "A later build may replace it as a whole; put nothing of your own here.\n", encoding="utf-8")
    before = tree_digest(site)
    result = _run("build", "--site", str(site))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: refusing to replace {site}: an earlier version of the generator built it without recording its "
        f"files, so nothing proves that everything in it is the build's; nothing was touched. Look through it, "
        f"remove it yourself (rm -r {site}) and build again",
        "nothing was written",
    ]
    assert tree_digest(site) == before


def test_a_folder_shaped_like_a_build_without_the_list_is_refused(tmp_path):
    """No "legacy shape": the four files every build has do not make a folder replaceable."""
    site = tmp_path / "site"
    for rel in ("index.html", "en/index.html", "assets/handbook/rules.json", "search/search_index.json", "letter.docx"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("mine", encoding="utf-8")
    before = tree_digest(site)
    result = _run("build", "--site", str(site))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"error: refusing to replace {site}: it holds what this generator did not make (or made and someone "
        "changed): assets/, en/, index.html, letter.docx, search/; nothing was touched. Build into a new or empty "
        "folder, or move those files out yourself")
    assert tree_digest(site) == before


def test_serve_stops_when_someone_puts_files_into_the_served_site(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    site = tmp_path / "site"
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(data), "--site", str(site), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    first = []
    reader = threading.Thread(target=lambda: first.append(proc.stdout.readline()), daemon=True)
    reader.start()
    try:
        reader.join(timeout=180)
        assert first and first[0].startswith("rebuilt in "), first
        reader = threading.Thread(target=lambda: first.append(proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=30)
        assert first[1].startswith("serving "), first
        time.sleep(1.0)  # the server takes its first look at the sources after saying so
        (site / "letter.txt").write_text("mine", encoding="utf-8")
        glossary = data / "glossary.yaml"
        glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        out, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 1
    assert "Traceback" not in out + err
    assert err.splitlines()[0] == (
        f"error: refusing to replace {site}: it holds what this generator did not make (or made and someone "
        "changed): letter.txt; nothing was touched. Build into a new or empty folder, or move those files out yourself")
    assert (site / "letter.txt").read_text(encoding="utf-8") == "mine"
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0, "nothing listens on the port"


def test_serve_is_quiet_when_a_browser_drops_a_download(tmp_path, capsys):
    """A page left while a file is still sent: no traceback in the preview's console
    (and none in the output of whatever else runs in the process)."""
    (tmp_path / "big.bin").write_bytes(b"x" * (32 * 1024 * 1024))
    server = Server(("127.0.0.1", 0), handler_for(tmp_path))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for _ in range(3):
            sock = socket.create_connection(server.server_address, timeout=10)
            sock.sendall(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.recv(1024)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()  # reset: the server's next write fails
        time.sleep(1.0)
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err
