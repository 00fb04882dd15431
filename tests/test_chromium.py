"""Which Chromium starts: Debian's on our CI, Playwright's own on GitHub's runners, never a snap."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import chromium

pytestmark = pytest.mark.unit


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Stand-ins for the browsers a machine may have: Debian's binary, Ubuntu's snap wrapper
    script (what apt's chromium-browser installs on Ubuntu), and Google Chrome."""
    debian = tmp_path / "chromium"
    debian.write_bytes(b"\x7fELF\x02\x01\x01 a real program")
    wrapper = tmp_path / "chromium-browser"
    wrapper.write_text('#!/bin/sh\nexec /snap/bin/chromium "$@"\n', encoding="utf-8")
    chrome = tmp_path / "google-chrome"
    chrome.write_bytes(b"\x7fELF\x02\x01\x01 another program")
    monkeypatch.delenv(chromium.NAMED_ENV, raising=False)
    monkeypatch.delenv(chromium.ACTIONS_ENV, raising=False)
    return {"debian": debian, "wrapper": wrapper, "chrome": chrome}


def use(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    monkeypatch.setattr(chromium, "CANDIDATES", tuple(str(path) for path in paths))


def test_our_ci_uses_debians_chromium(machine, monkeypatch):
    use(monkeypatch, machine["debian"], machine["wrapper"], machine["chrome"])
    assert chromium.find() == str(machine["debian"])


def test_a_snap_wrapper_is_never_chosen(machine, monkeypatch):
    use(monkeypatch, machine["wrapper"], machine["chrome"])
    assert chromium.is_snap(machine["wrapper"]) and not chromium.is_snap(machine["chrome"])
    assert chromium.find() == str(machine["chrome"])
    use(monkeypatch, machine["wrapper"])
    assert chromium.find() is None  # Playwright's own download, not the snap


def test_a_link_into_a_snap_wrapper_is_a_snap(machine, tmp_path):
    link = tmp_path / "chromium-link"
    link.symlink_to(machine["wrapper"])
    assert chromium.is_snap(link)


def test_on_github_actions_playwrights_own_chromium_is_used(machine, monkeypatch):
    use(monkeypatch, machine["debian"], machine["chrome"])
    monkeypatch.setenv(chromium.ACTIONS_ENV, "true")
    assert chromium.find() is None


def test_a_named_chromium_wins_everywhere(machine, monkeypatch, tmp_path):
    use(monkeypatch, machine["debian"])
    monkeypatch.setenv(chromium.ACTIONS_ENV, "true")
    monkeypatch.setenv(chromium.NAMED_ENV, str(machine["chrome"]))
    assert chromium.find() == str(machine["chrome"])
    monkeypatch.setenv(chromium.NAMED_ENV, str(tmp_path / "missing"))
    assert chromium.find() is None


def test_a_wrapper_that_only_mentions_snapshots_is_not_a_snap(tmp_path):
    """Debian's /usr/bin/chromium is a shell script too: a word such as "snapshot" in it must not
    make our CI machines look for Playwright's download, which they cannot have."""
    wrapper = tmp_path / "chromium"
    wrapper.write_text('#!/bin/sh\n# crash snapshots go to $HOME\nexec /usr/lib/chromium/chromium "$@"\n')
    assert not chromium.is_snap(wrapper)
