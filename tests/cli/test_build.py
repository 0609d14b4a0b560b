"""The build as a whole: a builder failure is reported and keeps the previous site; the
preview server rebuilds when the data changes."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from support import DATA, ROOT, TESTS, run_in_process
from generator import builder
from generator.model import LANGS
from generator.commands.build import MARKER, build
from generator.commands.sitefolder import write_manifest
from generator.errors import BuildError


def test_a_builder_failure_is_reported_and_keeps_the_previous_site(tmp_path, monkeypatch):
    """The builder processes find their disk full (tests/fault/sitecustomize.py)."""
    monkeypatch.setenv("PYTHONPATH", str(TESTS / "fault"))
    monkeypatch.setenv("HANDBOOK_FAULT_IN", "builder")
    monkeypatch.setenv("HANDBOOK_FAULT_MATCH", "*/site-en/*")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous", encoding="utf-8")
    write_manifest(site)  # a previous build
    with pytest.raises(BuildError) as info:
        build(ROOT / "data", site)
    assert str(info.value).startswith("No space left on device (")
    assert "/site-en/" in str(info.value) and "\n" not in str(info.value)
    assert sorted(p.name for p in site.iterdir()) == sorted([MARKER, "index.html"])
    assert (site / "index.html").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_the_builders_start_only_once_the_data_has_loaded(data_copy, tmp_path, monkeypatch):
    """Data the build refuses starts no builder process (nothing to import MkDocs for); good
    data starts one per language."""
    started = []
    real = builder.Builders

    def recording(langs):
        started.append(tuple(langs))
        return real(langs)

    monkeypatch.setattr(builder, "Builders", recording)
    glossary = data_copy / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\nbroken: [\n", encoding="utf-8")
    status, _out, err = run_in_process("build", "--data", str(data_copy), "--site", str(tmp_path / "site"))
    assert status == 1 and "glossary.yaml" in err
    assert started == []
    status, _out, err = run_in_process("build", "--data", str(DATA), "--site", str(tmp_path / "site"))
    assert status == 0, err
    assert started == [tuple(LANGS)]


def test_serve_rebuilds_when_the_data_changes(data_copy, tmp_path):
    port = _free_port()
    site = tmp_path / "site"
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(data_copy), "--site", str(site), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/glossary.html"
        deadline = time.monotonic() + 60
        while True:
            try:
                assert "生存する個人に関する情報" in _get(url)
                break
            except (OSError, AssertionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        glossary = data_copy / "glossary.yaml"
        glossary.write_text(glossary.read_text(encoding="utf-8").replace("生存する個人に関する情報", "生存する個人に関する情報（改訂）", 1), encoding="utf-8")
        while "（改訂）" not in _get(url):
            assert time.monotonic() < deadline + 60, "the edit was never served"
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=20)
        proc.stdout.close()


def test_the_generator_and_theme_name_no_municipality():
    """Another municipality points the generator at its own data: no city-specific word
    of the default data is written into the code or the theme."""
    import yaml

    document = yaml.safe_load((ROOT / "data" / "document.yaml").read_text(encoding="utf-8"))
    names = {document["municipality"]["ja"], document["municipality"]["en"]}
    offenders = [
        (path.relative_to(ROOT).as_posix(), name)
        for folder in ("generator", "theme")
        for path in sorted((ROOT / folder).rglob("*")) if path.is_file() and path.suffix != ".pyc"
        for name in names if name in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert offenders == []


def test_an_unwritable_site_folder_is_a_clean_error(tmp_path):
    from support import run_generator

    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_generator("build", "--site", str(blocker / "site"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr.startswith("error: ")


def test_serve_rebuilds_for_a_file_saved_during_its_first_build(tmp_path, monkeypatch):
    """A data file saved while the first build runs (or as the server starts answering) is
    a change like any other: the next poll rebuilds."""
    from generator.commands import serve as serve_command

    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    calls = []

    class Stop(Exception):
        pass

    def rebuild(*args):
        calls.append(args)
        if len(calls) == 1:  # the first build: the maintainer saves a file meanwhile
            glossary = data / "glossary.yaml"
            glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            return True
        raise Stop

    polls = []

    class Clock:  # the server's polls, stopped after a few
        @staticmethod
        def sleep(seconds):
            polls.append(seconds)
            if len(polls) > 10:
                raise Stop

    monkeypatch.setattr(serve_command, "_rebuild", rebuild)
    monkeypatch.setattr(serve_command, "time", Clock)
    with pytest.raises(Stop):
        serve_command.serve(data, tmp_path / "site", port=_free_port(), poll=0.05)
    assert len(calls) == 2, "the file saved during the first build was never rebuilt"
