"""Building the languages side by side (scripts/engine/language_shares.py): how the shares are cut, and
that a failure in any share fails the build with its message. (That the shares together build
exactly the one-process site is in tests/test_reproducible.py.)"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.engine import language_shares
from tests.project_copy import copy_project, published_site, switch_off_content_check
from tests.project_copy import run as run_command

# Stands in for `mkdocs build`: fails in the share named by $FAIL_IN, after saying so.
FAKE_BUILD = """
import os, sys
share = os.environ["JSG_LANGUAGES"]
if share == os.environ.get("FAIL_IN"):
    print(f"ERROR - a broken page in {share}")
    sys.exit(1)
print(f"INFO - built {share}")
"""


def test_shares_are_runs_of_neighbouring_languages():
    codes = ["ar", "ku", "tr", "en"]
    assert language_shares.shares(codes, 1) == [codes]
    assert language_shares.shares(codes, 2) == [["ar", "ku"], ["tr", "en"]]
    assert language_shares.shares(codes, 3) == [["ar", "ku"], ["tr"], ["en"]]
    assert language_shares.shares(codes, 8) == [["ar"], ["ku"], ["tr"], ["en"]]


def run(tmp_path: Path, fail_in: str, monkeypatch) -> int:
    monkeypatch.setattr(language_shares, "join", lambda *_: None)
    site = tmp_path / "site"
    site.mkdir()
    env = {"FAIL_IN": fail_in, "PATH": "/usr/bin:/bin"}
    return language_shares.build([sys.executable, "-c", FAKE_BUILD], site, tmp_path, env, count=2)


def test_a_failure_in_a_later_share_fails_the_build_and_is_shown(tmp_path: Path, monkeypatch, capsys):
    assert run(tmp_path, "tr,en", monkeypatch) == 1
    assert "ERROR - a broken page in tr,en" in capsys.readouterr().err
    assert list(tmp_path.glob(".site-share-*")) == []


def test_when_the_first_share_fails_the_others_are_stopped_and_not_repeated(
    tmp_path: Path, monkeypatch, capsys
):
    assert run(tmp_path, "ar,ku", monkeypatch) == 1
    assert "built tr,en" not in capsys.readouterr().err
    assert list(tmp_path.glob(".site-share-*")) == []


def test_all_shares_built(tmp_path: Path, monkeypatch, capsys):
    assert run(tmp_path, "", monkeypatch) == 0
    assert "INFO - built tr,en" in capsys.readouterr().err


def test_a_warning_only_mkdocs_sees_fails_the_build(tmp_path: Path):
    """Strict mode reaches every share: a menu entry for a page that does not exist is a warning
    of MkDocs'. The content check finds it first now (scripts/checks/menu.py), so it is switched
    off in this copy: the engine's strict mode must still stop the build. Were --quiet ever added
    to the build, strict mode would miss it and this test would fail."""
    project = copy_project(tmp_path / "project")
    switch_off_content_check(project)
    config = project / "mkdocs.yml"
    menu = config.read_text(encoding="utf-8")
    config.write_text(menu.replace("  - about.md\n", "  - about.md\n  - no-such-page.md\n", 1), "utf-8")
    published_site(project / "site")
    build = run_command(project, "build")
    assert build.returncode != 0
    assert "'no-such-page.md' is included in the 'nav' configuration" in build.stderr + build.stdout
    assert "left as it was" in build.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the site as published before"
