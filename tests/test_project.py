"""One project value (scripts/project.py): ``make serve`` shows an edit to data at once, and
``--config-file`` means another project for every step, not only for the engine."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from scripts import interface_text, project
from scripts.dev import preview
from scripts.site_config import ROOT
from tests.nginx_server import free_port
from tests.project_copy import copy_project

pytestmark = pytest.mark.build


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def wait_for(condition, what: str, seconds: float) -> None:
    """Poll ``condition`` until it is true; fail with ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {seconds:.0f} s")
        time.sleep(0.2)


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """``python -m scripts serve`` (what `make serve` runs) in ``folder``, on a free loopback port."""

    def answers(url: str) -> bool:
        with suppress(OSError):
            return "<html" in fetch(url + "ku/")
        return False

    try:
        with preview.running(folder, free_port(), answers) as (url, _):
            yield url
    except preview.PreviewStopped as stopped:
        pytest.fail(str(stopped))


def test_the_preview_shows_an_edit_to_data_at_once(tmp_path: Path):
    folder = copy_project(tmp_path / "project")
    interface = folder / "data" / "interface.yml"
    old = interface_text.text("offline.slow", "ku")
    new = "Nivîsa nû ya ceribandinê ji bo pêşdîtinê."
    with serving(folder) as url:
        assert old in fetch(url + "ku/report/")
        interface.write_text(interface.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

        def shows_the_edit() -> bool:
            with suppress(OSError):  # the preview answers once its rebuild is done
                return new in fetch(url + "ku/report/")
            return False

        wait_for(shows_the_edit, "the edit to data/interface.yml did not show", 120)
        assert old not in fetch(url + "ku/report/")


def test_config_file_means_another_project_for_every_step(tmp_path: Path):
    """From this checkout, ``--config-file`` of a copy checks and builds the copy's pages and data."""
    other = copy_project(tmp_path / "other")
    contacts = other / "data" / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8") + "\nnot: [valid\n", encoding="utf-8")
    config = str(other / "mkdocs.yml")
    checked = subprocess.run(
        [sys.executable, "-m", "scripts", "--config-file", config, "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "data/contacts.yml:" in checked.stdout
    assert str(ROOT) not in checked.stdout  # no file of this checkout is named
    assert "Traceback" not in checked.stdout + checked.stderr

    contacts.write_text((ROOT / "data" / "contacts.yml").read_text(encoding="utf-8"), encoding="utf-8")
    # A Kurmanji page, not an English one: an English change marks its three translations out of
    # date, and every language's booklet would be printed again (three of four for nothing here).
    heading = other / "docs" / "ku" / "about.md"
    heading.write_text(
        heading.read_text(encoding="utf-8").replace("## Kî wê diweşîne", "## Kî wê çêdike"), "utf-8"
    )
    built = subprocess.run(
        [sys.executable, "-m", "scripts", "--config-file", config, "build"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    page = (other / "site" / "ku" / "about" / "index.html").read_text(encoding="utf-8")
    assert "Kî wê çêdike" in page and "Kî wê diweşîne" not in page
    assert not os.environ.get(project.CONFIG_ENV)  # the test process's project did not change
