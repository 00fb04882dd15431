"""On GitHub Actions the content check shows each problem on its line (workflow commands) and lists
them all in the job summary; nothing an editor writes can become a workflow command."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest

from scripts import github_report
from scripts.problems import Problem
from scripts.site_config import languages
from tests.project_copy import copy_project, run, run_here

HOSTILE_KEY = "evil\\n::set-output name=x::pwned %0A::add-mask::y, title: z\\r::warning::fake"


def commands_github_runs(output: str) -> list[tuple[str, str]]:
    """(command, rest) for each line GitHub's runner reads as a workflow command: a line starting
    with ``::``, or the older form ``##[command]`` anywhere in a line (the runner looks for it in
    the whole line), except between ``::stop-commands::<token>`` and ``::<token>::``."""
    commands, stopped_by = [], None
    for line in output.splitlines():
        if stopped_by is not None:
            if line in (f"::{stopped_by}::", f"##[{stopped_by}]"):
                stopped_by = None
                commands.append(("resume", ""))
            continue
        found = re.match(r"::([a-z-]+)(.*)", line) or re.search(r"##\[([a-z-]+)(.*)", line)
        if found:
            commands.append((found.group(1), found.group(2)))
            if found.group(1) == "stop-commands":
                stopped_by = found.group(2).removeprefix("::")
    return commands


def unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def properties(rest: str) -> tuple[dict[str, str], str]:
    """The properties and message of ``::error <properties>::<message>``, unescaped."""
    head, _, message = rest.strip().partition("::")
    pairs = dict(pair.split("=", 1) for pair in head.split(","))
    return {key: unescape(value) for key, value in pairs.items()}, unescape(message)


def test_escaping_follows_githubs_rules():
    assert github_report.escape_data("50% a:b,c\r\nnext") == "50%25 a:b,c%0D%0Anext"
    assert github_report.escape_property("50% a:b,c\r\nnext") == "50%25 a%3Ab%2Cc%0D%0Anext"


def test_a_hostile_message_stays_one_annotation_on_its_line():
    problem = Problem("docs/ku/a,b:c.md", 7, "bad\n::set-output name=x::y %0A", "fix, it: now")
    line = github_report.annotation(problem)
    assert "\n" not in line and "\r" not in line
    assert commands_github_runs(line) == [("error", line.removeprefix("::error"))]
    found, message = properties(line.removeprefix("::error"))
    assert found == {"file": "docs/ku/a,b:c.md", "line": "7", "title": "bad ::set-output name=x::y %0A"}
    assert message == "bad\n::set-output name=x::y %0A — fix, it: now"


def test_only_ten_annotations_of_a_kind_then_a_notice_and_errors_first():
    problems = [Problem(f"docs/en/p{n}.md", n, "m", "h", "warning") for n in range(12)]
    problems += [Problem("docs/en/x.md", 1, "m", "h")]
    kinds = [command for command, _ in commands_github_runs("\n".join(github_report.annotations(problems)))]
    assert kinds == ["error", *["warning"] * 10, "notice"]


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    """A copy whose Kurmanji report page has an impossible date and a front-matter key crafted to
    inject workflow commands."""
    project = copy_project(tmp_path / "project")
    page = project / "docs/ku/report.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"last_reviewed: .*", "last_reviewed: 2026-02-30", text, count=1)
    page.write_text(text.replace("---\n", f'---\n"{HOSTILE_KEY}": 1\n', 1), encoding="utf-8")
    return project


def test_on_github_the_check_annotates_lines_and_writes_the_summary(
    hostile_project: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch
):
    summary_file = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    status, out, _ = run_here(hostile_project, capfd, "check")
    assert status == 1
    commands = commands_github_runs(out)
    names = [name for name, _ in commands]
    # Only our own commands: what the checks print, then the listing, fenced; every annotation
    # is one line.
    assert names[:4] == ["stop-commands", "resume"] * 2
    assert set(names[4:]) <= {"error", "warning", "notice"}
    annotated = [properties(rest) for name, rest in commands if name == "error"]
    files_lines = {(found["file"], found["line"]) for found, _ in annotated}
    assert ("docs/ku/report.md", "5") in files_lines  # the impossible date, below the injected line
    assert any("::set-output" in message for _, message in annotated)  # quoted as text, not run
    # The plain listing is still there for people reading the log.
    assert "docs/ku/report.md:5: 'last_reviewed' is not a real date" in out
    summary = summary_file.read_text(encoding="utf-8")
    assert summary.startswith("## Content check: ")
    assert "docs/ku/report.md, line 5" in summary
    assert "\n::" not in summary and "<" not in summary.replace("&lt;", "")


def test_outside_github_the_output_is_the_plain_listing(
    hostile_project: Path, capfd: pytest.CaptureFixture[str], monkeypatch
):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    status, out, _ = run_here(hostile_project, capfd, "check")
    assert status == 1
    assert "docs/ku/report.md:5: 'last_reviewed' is not a real date" in out
    assert "::error" not in out and "::stop-commands" not in out


INJECTING_NAMES = ("kids\n::add-mask::Jarablus.md", "kids##[warning]Contacts verified.md")


@pytest.fixture
def injecting_names(tmp_path: Path) -> Path:
    """A copy with pages whose file names carry workflow commands, in every language (the
    red team's: a new line then ``::add-mask::``, and the older ``##[warning]`` form)."""
    project = copy_project(tmp_path / "project")
    for language in languages():
        folder = project / "docs" / language.code
        for name in INJECTING_NAMES:
            shutil.copy(folder / "children.md", folder / name)
    return project


@pytest.mark.parametrize("on_github", [False, True], ids=["elsewhere", "on GitHub"])
def test_nothing_the_commands_print_becomes_a_workflow_command(injecting_names: Path, monkeypatch, on_github):
    """Every command but the check (which annotates on purpose) runs fenced off on GitHub, both
    of its streams in one, so the page names it prints stay text. Elsewhere the same output holds
    the commands (the simulation above would see them): the fence is what stops them."""
    if on_github:
        monkeypatch.setenv("GITHUB_ACTIONS", "true")
    else:
        monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    result = run(injecting_names, "translations")
    assert "::add-mask::Jarablus" in result.stdout and "##[warning]Contacts" in result.stdout
    names = [name for name, _ in commands_github_runs(result.stdout + result.stderr)]
    if on_github:
        assert result.stderr == ""
        assert names == ["stop-commands", "resume"]
    else:
        assert {"add-mask", "warning"} <= set(names)


@pytest.mark.unit
def test_words_that_github_would_link_are_shown_as_code_in_the_summary(monkeypatch):
    """Escaping stops brackets and HTML, not GitHub's automatic links (www., https://, e-mail,
    @name): read as GitHub-like Markdown, the summary has no link, and the words are there."""
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"):
        monkeypatch.delenv(name, raising=False)
    words = "www.jarablus-police.md https://evil.example/x me@evil.example @someone"
    problem = Problem("docs/en/www.jarablus-police.md", 3, f"the link '{words}' is not ours", "remove it")
    html = markdown.markdown(github_report.summary([problem]), extensions=["pymdownx.magiclink"])
    assert "<a " not in html
    assert "<code>docs/en/www.jarablus-police.md</code>" in html
    assert "<code>https://evil.example/x</code>" in html and "<code>me@evil.example</code>" in html
