"""Supply chain: every dependency is pinned with the hashes of its files, and the GitHub workflows
run only actions pinned to a commit, with the least permissions each job needs."""

from __future__ import annotations

import re

import pytest
import yaml

from scripts.site_config import ROOT

REQUIREMENTS = ("requirements.txt", "requirements-test.txt", "requirements-canary.txt")
# Fewer pins than this means a cut-off file (the canary's: Zensical and its 10 dependencies).
LEAST_PINS = {"requirements.txt": 20, "requirements-test.txt": 20, "requirements-canary.txt": 10}
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)")


def pinned(path) -> dict[str, str]:
    """Package -> version of every pin in a requirements file (names normalised as pip does)."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_every_pin_carries_hashes(name: str):
    text = (ROOT / name).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 1)[1])
    requirements = [entry for entry in entries if PIN.match(entry)]
    assert len(requirements) >= LEAST_PINS[name]
    assert [entry.split()[0] for entry in requirements if "--hash=sha256:" not in entry] == []


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_generated_pins_match_the_direct_ones(name: str):
    """requirements*.txt is regenerated (`make pins`) whenever requirements*.in changes."""
    generated = pinned(ROOT / name)
    direct = pinned(ROOT / name.replace(".txt", ".in"))
    assert {package: generated.get(package) for package in direct} == direct


def test_makefile_installs_with_hashes_required():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line]
    assert installs and all("--require-hashes" in line for line in installs)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_uses_commit_pinned_actions_and_least_privilege(workflow):
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data.get("permissions") in ({}, {"contents": "read"}), "top-level permissions: read or none"
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"job '{name}' must say which permissions it needs"
        assert "write-all" not in str(job["permissions"])
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), (
                    f"{name}: '{uses}' is not pinned to a commit"
                )
            if uses and uses.startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, "checkout keeps no token"


def test_pip_installed_first_is_the_pinned_pip():
    """requirements-pip.txt upgrades the venv's own pip before anything else: the same release as
    the pip pin that pip-compile writes into requirements-test.txt, so the two never drift apart."""
    assert pinned(ROOT / "requirements-pip.txt") == {"pip": pinned(ROOT / "requirements-test.txt")["pip"]}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line]
    assert installs[0].endswith("-r requirements-pip.txt")
