"""What cannot be a committed file of broken data: data files that are pipes, devices or
too large; hand-written pages that are missing or named like generated pages; site
folders that are not a previous build; two builds at once; leftovers of killed builds;
SIGTERM; and the preview server surviving any failed rebuild and any request."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import DATA, ROOT, TESTS, run_generator, tree_digest
from generator.commands import sitefolder
from generator.commands.build import MARKER, STAGING_MARKER, check
from generator.source.yamlfile import MAX_BYTES


def _lines(result) -> list[str]:
    assert "Traceback" not in result.stdout + result.stderr
    return result.stderr.splitlines()


# ------------------------------------------------------------------ data files that are not files


def _check_quickly(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "--data", str(data)],
        cwd=ROOT, capture_output=True, text=True, timeout=60, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def test_a_data_file_that_is_a_named_pipe_is_refused_without_waiting(data_copy):
    (data_copy / "glossary.yaml").unlink()
    os.mkfifo(data_copy / "glossary.yaml")
    result = _check_quickly(data_copy)
    assert result.returncode == 1
    assert _lines(result)[:-1] == [f"{data_copy}/glossary.yaml:1:1: $: expected a regular file, found a named pipe (FIFO)"]


def test_a_data_file_that_links_to_an_endless_device_is_refused(data_copy):
    (data_copy / "glossary.yaml").unlink()
    (data_copy / "glossary.yaml").symlink_to("/dev/zero")
    result = _check_quickly(data_copy)
    assert result.returncode == 1
    assert _lines(result)[:-1] == [f"{data_copy}/glossary.yaml:1:1: $: expected a regular file, found a device"]


def test_a_data_file_over_the_size_cap_is_refused_before_it_is_read(data_copy):
    big = data_copy / "glossary.yaml"
    with big.open("ab") as f:
        f.truncate(MAX_BYTES + 1)
    result = _check_quickly(data_copy)
    assert result.returncode == 1
    assert _lines(result)[:-1] == [
        f"{data_copy}/glossary.yaml:1:1: $: expected a file of at most {MAX_BYTES // 2**20} MB, found {MAX_BYTES + 1} bytes"
    ]


# ------------------------------------------------------------------ hand-written pages


@pytest.fixture
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def test_a_hand_written_page_named_like_a_generated_page_is_a_located_problem(content_copy, tmp_path):
    (content_copy / "en" / "tools").mkdir()
    (content_copy / "en" / "tools" / "clause.md").write_text("# mine\n", encoding="utf-8")
    (content_copy / "ja" / "about.md").unlink()
    site = tmp_path / "site"
    expected = [
        f"{content_copy}/ja/about.md:1:1: $: expected this hand-written page, found no such file",
    ]
    for command in (["check"], ["build", "--site", str(site)]):
        result = run_generator(*command, "--content", str(content_copy))
        assert result.returncode == 1
        assert _lines(result)[:-1] == expected
    (content_copy / "ja" / "about.md").write_text("# about\n", encoding="utf-8")
    expected = [
        f"{content_copy}/en/tools/clause.md:1:1: $: expected a page with a name of its own, "
        "found the name of the generated page tools/clause.md"
    ]
    for command in (["check"], ["build", "--site", str(site)]):
        result = run_generator(*command, "--content", str(content_copy))
        assert result.returncode == 1
        assert _lines(result)[:-1] == expected
    assert not site.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_check_passes_on_another_municipalitys_record_ids(data_copy):
    """No template names a record id: renaming the passages the clause page cites changes nothing."""
    for path in sorted(data_copy.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for old, new in (("s4-1-p1", "art-4-1-para-1"), ("s4-3-p1", "art-4-3-para-1")):
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    check(data_copy, ROOT / "content")  # renders every page, the clause page included


def test_no_template_or_script_names_a_record_id_of_the_standard():
    import yaml

    def ids(value):
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                yield value["id"]
            for child in value.values():
                yield from ids(child)
        elif isinstance(value, list):
            for child in value:
                yield from ids(child)

    standard = set(ids(yaml.safe_load((DATA / "standard.yaml").read_text(encoding="utf-8"))))
    offenders = []
    for folder in ("generator", "theme"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2", ".html", ".js", ".css"):
                text = path.read_text(encoding="utf-8")
                offenders += [(path.relative_to(ROOT).as_posix(), i) for i in standard if f"'{i}'" in text or f'"{i}"' in text]
    assert offenders == []


# ------------------------------------------------------------------ the site folder


@pytest.mark.parametrize("kind", ["data", "working tree", "user folder", "file"])
def test_a_folder_that_is_not_a_previous_build_is_refused_and_left_untouched(kind, data_copy, tmp_path):
    if kind == "data":
        target, cwd = data_copy, ROOT
        args = ["--data", str(data_copy), "--site", str(data_copy)]
        reason = "it is"
    elif kind == "working tree":
        cwd = tmp_path / "tree"
        shutil.copytree(DATA, cwd / "data")
        (cwd / "notes.txt").write_text("mine", encoding="utf-8")
        target = cwd
        args = ["--data", str(cwd / "data"), "--site", "."]
        reason = "it holds"
    elif kind == "user folder":
        target, cwd = tmp_path / "mine", ROOT
        target.mkdir()
        (target / "letter.docx").write_text("mine", encoding="utf-8")
        args = ["--site", str(target)]
        reason = f"refusing to replace {target}: it holds what this generator did not make (or made and someone changed): letter.docx;"
    else:
        target, cwd = tmp_path / "site.txt", ROOT
        target.write_text("mine", encoding="utf-8")
        args = ["--site", str(target)]
        reason = "it is a file, not a folder"
    before = tree_digest(target) if target.is_dir() else target.read_bytes()
    siblings = sorted(p.name for p in target.parent.iterdir())
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", *args], cwd=cwd, capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    lines = _lines(result)
    assert result.returncode == 1
    assert lines[0].startswith("error: refusing") and reason in lines[0], lines
    assert lines[-1] == "nothing was written"
    assert (tree_digest(target) if target.is_dir() else target.read_bytes()) == before
    assert sorted(p.name for p in target.parent.iterdir()) == siblings


def test_a_second_build_into_the_same_site_refuses_while_the_first_runs(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    sitefolder.write_manifest(site)
    lock = tmp_path / ".site.lock"
    with lock.open("w") as held:  # stands for a build that is running
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run_generator("build", "--site", str(site))
    lines = _lines(result)
    assert result.returncode == 1
    assert lines == [
        f"error: another build into {site} is running (it holds {lock}); try again when it has finished",
        "nothing was written",
    ]
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path, monkeypatch):
    new, site = tmp_path / "new", tmp_path / "site"
    for folder, text in ((new, "new"), (site, "old")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    renames = []
    monkeypatch.setattr(Path, "rename", lambda self, target: renames.append((self, target)))
    sitefolder.swap(new, site)
    assert renames == [], "no two-step rename where the system can exchange"
    assert (site / "index.html").read_text() == "new" and (new / "index.html").read_text() == "old"


def test_the_swap_falls_back_to_two_renames_where_it_cannot_exchange(tmp_path, monkeypatch):
    new, site = tmp_path / "new", tmp_path / "site"
    for folder, text in ((new, "new"), (site, "old")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    monkeypatch.setattr(sitefolder, "_renameat2", None)
    sitefolder.swap(new, site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _wait_for(predicate, seconds=120.0, step=0.05):
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(step)


def test_sigterm_stops_a_build_cleanly_and_the_next_build_clears_what_kills_left(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    sitefolder.write_manifest(site)
    before = tree_digest(site)
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--site", str(site)], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    _wait_for(lambda: any(p.name.startswith(".site-build-") for p in tmp_path.iterdir()) or proc.poll() is not None)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in out + err
    assert err.splitlines() == [f"interrupted; the previous site in {site} was left as it was"]
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

    # What a SIGKILL leaves: a build folder and a set-aside old site (both marked), beside
    # a folder of the user's that only looks alike.
    stale = tmp_path / ".site-build-k1l1ed"
    (stale / "docs-ja").mkdir(parents=True)
    (stale / STAGING_MARKER).write_text("", encoding="utf-8")
    old = tmp_path / ".site-old-4242"
    shutil.copytree(site, old)
    mine = tmp_path / ".site-build-mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_generator("build", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site-build-mine", "site"]
    assert (site / MARKER).is_file() and (site / "en" / "index.html").is_file()


def test_a_failed_build_says_truthfully_what_happened_to_the_site(tmp_path):
    site = tmp_path / "new-site"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--site", str(site)], cwd=ROOT, capture_output=True, text=True,
        env=dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{TESTS / 'fault'}",
                 HANDBOOK_FAULT_IN="builder", HANDBOOK_FAULT_MATCH="*/site-en/*"),
    )
    lines = _lines(result)
    assert result.returncode == 1
    assert lines[-1] == f"no site was written to {site}"
    assert not site.exists()


# ------------------------------------------------------------------ the preview server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_survives_any_failed_rebuild_bad_requests_and_many_at_once(data_copy, tmp_path):
    port = _free_port()
    site = tmp_path / "site"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(data_copy), "--site", str(site), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)), start_new_session=True,
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(proc.stdout), daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: "serving" in "".join(output), seconds=180, step=0.2)
        assert _status(base + "/glossary.html") == 200
        # A control byte in a data file: reported, the last good site stays served.
        glossary = data_copy / "glossary.yaml"
        glossary.write_bytes(glossary.read_bytes().replace("個人情報".encode(), "個人\x1b情報".encode(), 1))
        _wait_for(lambda: "still served" in "".join(output), seconds=120, step=0.2)
        assert "U+001B (ESC)" in "".join(output)
        assert proc.poll() is None and _status(base + "/glossary.html") == 200
        # Requests the file system cannot answer.
        for bad in ("/%00", "/a%00b.html", "/en/x%00.html"):
            assert _status(base + bad) == 400
        # Many requests at once: none waits for a dropped connection to be retried.
        times: list[float] = []

        def fetch():
            t = time.monotonic()
            assert _status(base + "/assets/handbook/rules.json") == 200
            times.append(time.monotonic() - t)

        threads = [threading.Thread(target=fetch) for _ in range(200)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert len(times) == 200
        assert max(times) < 1.0, f"slowest of 200 concurrent requests: {max(times):.2f} s"
        assert "Traceback" not in "".join(output)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_a_stop_as_the_staging_folder_is_made_says_the_previous_site_was_kept(tmp_path, monkeypatch):
    """Stopped inside mkdtemp (the folder made, its name not yet returned): the message
    says the previous site was left as it was, and the next build clears the folder."""
    import tempfile

    from generator.commands import build as build_command
    from generator.messages import msg

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    sitefolder.write_manifest(site)
    before = tree_digest(site)
    real = tempfile.mkdtemp

    def stopped(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(build_command.tempfile, "mkdtemp", stopped)
    with pytest.raises(KeyboardInterrupt) as caught:
        build_command.build(DATA, site)
    assert caught.value.outcome == msg("outcome.previous_kept", site=site)
    assert tree_digest(site) == before
    monkeypatch.setattr(build_command.tempfile, "mkdtemp", real)
    assert run_generator("build", "--site", str(site)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
