"""A phone number planted outside contacts.yml's number fields, and a YAML key written twice, are
errors with file and line (found by attacking the checks: each reached every page before)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts import safe_yaml
from scripts.checks import stray_numbers
from scripts.site_config import ROOT

NUMBERS = [
    "0538 862 61 77",
    "05388626177",
    "+90 555 111 22 33",
    "٠٥٣٨٨٦٢٦١٧٧",
    "0538-862-61-77",
    "+963 21 234 5678",
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("data", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_the_project_as_committed_has_no_stray_number():
    assert stray_numbers.check(ROOT) == []


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize(
    ("file", "old"),
    [
        ("data/interface.yml", "      ku: Dibe ku ew biteqe. Dest nede."),
        ("data/contacts.yml", "      en: Jarablus police emergency line (from 2018)"),
        ("mkdocs.yml", "site_name:"),
        ("overrides/partials/languages/ku.html", '"action.skip": "'),
    ],
)
def test_a_number_planted_in_published_text_is_an_error_with_its_line(project: Path, file, old, number):
    path = project / file
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, f"{old} {number} ", 1), encoding="utf-8")
    found = stray_numbers.check(project)
    assert [(problem.file.endswith(file), problem.line) for problem in found] == [(True, line)], found


def test_comments_and_the_number_field_itself_may_hold_a_number(project: Path):
    path = project / "data/contacts.yml"
    path.write_text("# call 0538 862 61 77 to check\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert stray_numbers.check(project) == []


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\na: 2\n", 2),
        ("contacts:\n  - id: x\n    number: '1'\n    number: '2'\n", 4),
        ("a:\n  b: [1, {c: 2, c: 3}]\n", 2),
        ("hooks: [x]\nplugins: []\nhooks: [y]\n", 3),
        ("'a': 1\n\"a\": 2\n", 2),
    ],
)
def test_a_key_written_twice_is_refused_with_its_line(text: str, line: int):
    with pytest.raises(safe_yaml.LimitError) as raised:
        safe_yaml.scan(text)
    assert raised.value.problem_mark.line + 1 == line
    assert "written twice" in raised.value.problem


@pytest.mark.parametrize("text", ["a: 1\nb: 2\n", "l: [a, a]\nm: {a: 1}\nn: {a: 1}\n", "- a: 1\n- a: 1\n"])
def test_the_same_key_in_different_mappings_is_fine(text: str):
    safe_yaml.scan(text)
