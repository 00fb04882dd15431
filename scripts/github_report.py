"""Content problems shown where editors look on GitHub: on the pull request's diff and in the job summary.

Why: most editors change a page in GitHub's web editor and never read a raw log. When the content
check runs on GitHub Actions (``GITHUB_ACTIONS=true``), each problem is also printed as a workflow
command (``::error file=…,line=…,title=…::message``), which GitHub shows on the changed line, and the
whole list is written in plain words to the job summary (``$GITHUB_STEP_SUMMARY``).

Everything an editor writes reaches this output (a quoted word, a file name), so nothing of it may
become a command: values are escaped as GitHub's workflow-command rules say (``%``, CR and LF in the
message; also ``:`` and ``,`` in properties), and the plain listing, which quotes page text as it is,
is printed between ``::stop-commands::<token>`` and ``::<token>::`` with a token nobody can guess,
so no line of it is read as a command. GitHub shows at most 10 annotations of a kind per step: errors
come first, and the summary lists everything.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from scripts.problems import Problem

ACTIONS_ENV = "GITHUB_ACTIONS"
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
ANNOTATIONS_PER_KIND = 10  # GitHub's limit per step and kind (error, warning)
TITLE_LENGTH = 100
SUMMARY_BUDGET = 900_000  # bytes; GitHub accepts up to 1 MiB per step summary


def on_github() -> bool:
    """Whether this runs as a step of a GitHub Actions workflow."""
    return os.environ.get(ACTIONS_ENV) == "true"


def escape_data(text: str) -> str:
    """A workflow command's message: one line, whatever the text holds."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file, title): also no ``:`` or ``,``, which end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def level(problem: Problem) -> str:
    return "error" if problem.severity == "error" else "warning"


def annotation(problem: Problem) -> str:
    """One problem as a workflow command GitHub shows on the file's line."""
    title = " ".join(problem.message.split())
    if len(title) > TITLE_LENGTH:
        title = title[: TITLE_LENGTH - 1] + "…"
    properties = (
        f"file={escape_property(problem.file)},line={max(problem.line, 1)},title={escape_property(title)}"
    )
    return f"::{level(problem)} {properties}::{escape_data(f'{problem.message} — {problem.hint}')}"


def annotations(problems: Iterable[Problem]) -> list[str]:
    """The workflow commands to print: errors first, at most what GitHub shows of each kind,
    then a notice that says how many more the job summary lists."""
    lines = []
    for kind in ("error", "warning"):
        of_kind = [problem for problem in problems if level(problem) == kind]
        lines += [annotation(problem) for problem in of_kind[:ANNOTATIONS_PER_KIND]]
        if len(of_kind) > ANNOTATIONS_PER_KIND:
            more = len(of_kind) - ANNOTATIONS_PER_KIND
            lines.append(f"::notice::{more} more {kind}(s): the job summary lists every problem")
    return lines


@contextlib.contextmanager
def commands_stopped(out: TextIO) -> Iterator[None]:
    """While the block runs, GitHub reads no line of ``out`` as a workflow command."""
    token = secrets.token_hex(16)
    print(f"::stop-commands::{token}", file=out, flush=True)
    try:
        yield
    finally:
        print(f"::{token}::", file=out, flush=True)


@contextlib.contextmanager
def output_without_commands() -> Iterator[None]:
    """On GitHub Actions, no line that this process or its children print, on either stream, is
    read as a workflow command while the block runs; elsewhere nothing changes.

    Why: the build, the release check and the tests quote what editors wrote (file names, link
    text, front matter) in their messages and in the engine's log. A line such as ``::warning
    file=data/contacts.yml::Verified`` or ``… ##[add-mask]x`` in a page name would otherwise become
    a note on the pull request that reviewers trust. Standard error is sent into standard output
    for the block: GitHub reads the two pipes separately, so a line on one could be read after the
    resuming line on the other."""
    if not on_github():
        yield
        return
    sys.stdout.flush()
    sys.stderr.flush()
    kept_stderr = os.dup(2)
    os.dup2(1, 2)
    try:
        with commands_stopped(sys.stdout):
            try:
                yield
            finally:
                sys.stderr.flush()
                sys.stdout.flush()
    finally:
        os.dup2(kept_stderr, 2)
        os.close(kept_stderr)


MARKDOWN_SPECIAL = str.maketrans(
    {
        **{char: "\\" + char for char in "\\`*_[]{}()#+!|~"},
        ">": "&gt;",
        "<": "&lt;",
        "&": "&amp;",
        "\n": " ",
        "\r": " ",
    }
)


def plain(text: str) -> str:
    """Text shown as text in GitHub's Markdown: no link, image, HTML, table cell break or code.
    Escaping cannot stop GitHub's automatic links (``www.x.md``, ``https://…``, ``a@b.org``): a
    word that could become one is shown as code (``code``) instead."""
    return " ".join(
        code(word) if AUTOLINK.search(word) else word.translate(MARKDOWN_SPECIAL)
        for word in text.replace("\r", " ").replace("\n", " ").split(" ")
    )


# What GitHub turns into a link by itself, wherever it is in text: an address starting with www.
# or http://, https://, ftp://, an e-mail address (also after mailto: or xmpp:) or @name, #number.
AUTOLINK = re.compile(r"www\.|(?:https?|ftp)://|mailto:|xmpp:|@|#\d", re.IGNORECASE)


def code(text: str, in_table: bool = False) -> str:
    """Text shown exactly as written, never as a link, an image, HTML or formatting: a code span
    (GitHub finds no automatic link inside one) whose fence is one backtick longer than the longest
    run of backticks in the text, all on one line. In a table cell '|' is escaped as well: GitHub
    splits the row at it even inside a code span, and shows '\\|' there as '|'."""
    one_line = " ".join(text.splitlines())
    if in_table:
        one_line = one_line.replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall(r"`+", one_line)), default=0) + 1)
    # A space inside each fence when the text starts or ends with a backtick (else the fence would
    # take it), or starts and ends with a space (one of each is taken off by the reader).
    padded = one_line.startswith("`") or one_line.endswith("`") or one_line[:1] == one_line[-1:] == " "
    space = " " if padded or not one_line else ""
    return f"{fence}{space}{one_line}{space}{fence}"


def file_link(problem: Problem) -> str:
    """``file`` line N, linked to that line of the commit checked when GitHub says which it is."""
    label = f"{plain(problem.file)}, line {problem.line}"
    server, repository, commit = (
        os.environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if not (server and repository and commit) or Path(problem.file).is_absolute():
        return label
    return f"[{label}]({server}/{repository}/blob/{commit}/{quote(problem.file)}#L{problem.line})"


def summary(problems: list[Problem]) -> str:
    """The job summary: every problem in plain words, errors first."""
    errors = [problem for problem in problems if problem.severity == "error"]
    warnings = [problem for problem in problems if problem.severity != "error"]
    if not problems:
        return "## Content check passed\n\nNothing to fix.\n"
    head = (
        f"## Content check: {len(errors)} problem(s) to fix"
        if errors
        else "## Content check passed, with warnings"
    )
    lines = [
        head,
        "",
        "Each line names a file and a line number. Open the file on GitHub, go to that line, fix it "
        "as the line says, and commit again to the same branch.",
        "",
    ]
    for title, group in (("To fix before this can be published", errors), ("Warnings", warnings)):
        if not group:
            continue
        lines += [f"### {title} ({len(group)})", ""]
        lines += [f"- {file_link(p)}: **{plain(p.message)}**. How to fix: {plain(p.hint)}" for p in group]
        lines.append("")
    text = "\n".join(lines)
    if len(text.encode("utf-8")) > SUMMARY_BUDGET:  # never lose the whole summary to GitHub's limit
        cut = text.encode("utf-8")[:SUMMARY_BUDGET].decode("utf-8", "ignore").rsplit("\n", 1)[0]
        text = cut + "\n\n(The list is too long for this page: the step's log has all of it.)\n"
    return text


def write_summary(markdown: str) -> None:
    """Append to the job summary, when GitHub gave this step one."""
    target = os.environ.get(SUMMARY_ENV)
    if target:
        with Path(target).open("a", encoding="utf-8") as summary_file:
            summary_file.write(markdown + "\n")


def print_problems(problems: list[Problem], out: TextIO | None = None) -> None:
    """The plain listing (``file:line: what — how``); on GitHub also the annotations and summary."""
    out = sys.stdout if out is None else out
    if not on_github() or not problems:
        for problem in problems:
            print(problem, file=out)
        if on_github():
            write_summary(summary(problems))
        return
    with commands_stopped(out):
        for problem in problems:
            print(problem, file=out)
    for line in annotations(problems):
        print(line, file=out)
    write_summary(summary(problems))
