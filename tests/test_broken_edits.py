"""The corpus of broken edits: each gets its exact file, line and message, the build fails, and
the published site stays exactly as it was.

Each edit is what an editor on GitHub's web interface could do by mistake. The message must be
one they can act on: the file, the line, what is wrong and how to fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.project_copy import copy_project, digests, run

Edit = Callable[[Path], tuple[str, int]]


def append(file: str, text: str) -> Edit:
    """Add lines at the end of a file; the problem is on the first added non-empty line."""

    def edit(project: Path) -> tuple[str, int]:
        path = project / file
        before = path.read_text(encoding="utf-8")
        path.write_text(before + text, encoding="utf-8")
        leading = len(text) - len(text.lstrip("\n"))
        return file, before.count("\n") + leading + 1

    return edit


def replace(file: str, old: str, new: str, line_offset: int = 0) -> Edit:
    """Replace the first occurrence of ``old``; the problem is on its line (plus an offset)."""

    def edit(project: Path) -> tuple[str, int]:
        path = project / file
        text = path.read_text(encoding="utf-8")
        index = text.index(old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return file, text.count("\n", 0, index) + 1 + line_offset

    return edit


def delete(file: str, reported_as: str | None = None, line: int = 1) -> Edit:
    def edit(project: Path) -> tuple[str, int]:
        (project / file).unlink()
        return reported_as or file, line

    return edit


def at_line_one(edit: Edit) -> Edit:
    """For problems that concern the whole file (a missing field, a translation's structure)."""

    def wrapped(project: Path) -> tuple[str, int]:
        file, _ = edit(project)
        return file, 1

    return wrapped


EN, AR, KU, TR = "docs/en/report.md", "docs/ar/report.md", "docs/ku/report.md", "docs/tr/report.md"
CONTACTS, INTERFACE = "data/contacts.yml", "data/interface.yml"
DATE = "last_reviewed: 2026-11-26"

CORPUS: dict[str, tuple[Edit, str]] = {
    "link to a page that does not exist": (
        append(EN, "\n[More](no-such-page.md)\n"),
        "'no-such-page.md' does not exist — check the spelling",
    ),
    "link to a heading that does not exist on another page": (
        append(EN, "\n[See](after-report.md#no-such-heading)\n"),
        "'after-report.md' has no heading '#no-such-heading'",
    ),
    "link to a heading that does not exist on the same page": (
        append(KU, "\n[Jor](#tune-ye)\n"),
        "there is no heading '#tune-ye' on this page",
    ),
    "link to a folder instead of a page": (
        append(EN, "\n[Ordnance](ordnance/)\n"),
        "'ordnance/' is a folder — link to the .md file",
    ),
    "picture that does not exist": (
        append(EN, "\n![A drawing of a mine](../assets/pictograms/landmine.svg)\n"),
        "'../assets/pictograms/landmine.svg' does not exist — check the file name",
    ),
    "picture without alt text": (
        append(TR, "\n![](../assets/pictograms/danger.svg)\n"),
        "the image '../assets/pictograms/danger.svg' has no alt text",
    ),
    "picture loaded from another website": (
        append(EN, "\n![A photo](https://example.org/photo.jpg)\n"),
        "the image or media 'https://example.org/photo.jpg' is loaded from another website",
    ),
    "pasted script": (append(AR, "\n<script>alert(1)</script>\n"), "<script> is not allowed in content"),
    "pasted style block": (append(EN, "\n<style>body{display:none}</style>\n"), "<style> is not allowed"),
    "pasted video frame": (
        append(EN, '\n<iframe src="https://example.org/video"></iframe>\n'),
        "<iframe> is not allowed in content",
    ),
    "pasted form": (append(TR, '\n<form action="https://example.org"></form>\n'), "<form> is not allowed"),
    "event attribute through Markdown attribute syntax": (
        append(EN, '\n[Report](report.md){ onclick="steal()" }\n'),
        "the attribute 'onclick' (it runs code) is not allowed",
    ),
    "event attribute in raw HTML": (
        append(EN, '\n<p onmouseover="steal()">Hello</p>\n'),
        "the attribute 'onmouseover' (it runs code) is not allowed",
    ),
    "javascript link": (
        append(EN, "\n[Click](javascript:alert(1))\n"),
        "a 'javascript:' address is not allowed",
    ),
    "vbscript link": (
        append(EN, '\n<a href="vbscript:msgbox">x</a>\n'),
        "a 'vbscript:' address is not allowed",
    ),
    "data address image": (
        append(EN, '\n<img alt="x" src="data:image/png;base64,AAAA">\n'),
        "a 'data:' address is not allowed",
    ),
    "inline style attribute": (
        append(EN, '\n<p style="color:red">Red</p>\n'),
        "inline 'style' is not allowed",
    ),
    "phone number typed into a page": (
        append(EN, "\nCall +90 538 862 61 76 now.\n"),
        "a phone number (+90 538 862 61 76) is written in the page",
    ),
    "phone link typed into a page": (
        append(EN, "\n[Call the police](tel:112)\n"),
        "a phone link is written in the page",
    ),
    "misspelt block marker": (append(AR, "\n{{ contact }}\n"), "unknown block '{{ contact }}'"),
    "impossible date": (
        replace("docs/tr/children.md", DATE, "last_reviewed: 2026-02-30"),
        "'last_reviewed' is not a real date ('2026-02-30')",
    ),
    "date in the wrong format": (
        replace("docs/ku/children.md", DATE, "last_reviewed: 26/11/2026"),
        "'last_reviewed' is not a real date ('26/11/2026')",
    ),
    "missing title": (
        at_line_one(replace("docs/en/children.md", "title: Teaching children\n", "")),
        "'title' is missing — add a line 'title: …'",
    ),
    "misspelt field name": (
        replace("docs/en/about.md", "description:", "descripton:"),
        "unknown field 'descripton' — use only",
    ),
    "text with a colon, not in quotes": (
        replace("docs/en/about.md", "title: About this guide", "title: About: this guide"),
        "the front matter is not valid YAML",
    ),
    "front matter not closed": (
        at_line_one(replace("docs/en/children.md", f"{DATE}\n---\n", f"{DATE}\n\n")),
        "the page has no front matter",
    ),
    "reviewed is not true or false": (
        replace(KU, "reviewed: false", "reviewed: not yet"),
        "'reviewed' has the wrong kind of value ('not yet') — write true or false",
    ),
    "missing translation": (
        delete("docs/ku/children.md"),
        "the Kurmancî translation of docs/en/children.md is missing",
    ),
    "translation lost a section": (
        at_line_one(replace(TR, "## Kimi aramalı\n", "Kimi aramalı\n")),
        "'##' headings differ from docs/en/report.md: 4 here, 5 there",
    ),
    "translation lost a picture": (
        at_line_one(replace("docs/ar/ordnance/fuzes.md", "](../../assets/pictograms/fuzes.svg)", "]()")),
        "pictures differ from docs/en/ordnance/fuzes.md: [''] here, ['fuzes.svg'] there",
    ),
    "translation lost the emergency block": (
        at_line_one(replace("docs/ku/vehicles.md", "{{ emergency }}\n", "")),
        "blocks differ from docs/en/vehicles.md",
    ),
    "invalid phone number": (
        replace(CONTACTS, 'number: "+90 538 862 61 76"', 'number: "+90 538"'),
        "contact 'jarablus-police-2018': '+90 538' is not a valid phone number",
    ),
    "number without country code": (
        replace(CONTACTS, 'number: "+90 538 862 61 76"', 'number: "0538 862 61 76"'),
        "'0538 862 61 76' is not a valid phone number — write it in international form",
    ),
    "contact name missing in one language": (
        replace(CONTACTS, "      ku: Hejmara awarte ya polîsên Cerablûsê (ji sala 2018an)\n", "", -2),
        "contact 'jarablus-police-2018': 'name' has no ku text",
    ),
    "verified without saying who verified": (
        replace(CONTACTS, "verified: null", "verified: 2026-11-20", 1),
        "contact 'jarablus-police-2018': verified without 'verified_by'",
    ),
    "verified date that is not a date": (
        replace(CONTACTS, "verified: null", "verified: yesterday"),
        "contact 'jarablus-police-2018': verified 'yesterday' is not a date",
    ),
    "interface word missing a language": (
        replace(INTERFACE, "    tr: Arayın\n", "", -3),
        "'contact.call' has no text in tr",
    ),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A project copy with a good site built: the 'published' site every broken edit must not touch."""
    project = copy_project(tmp_path_factory.mktemp("published") / "project")
    result = run(project, "build")
    assert result.returncode == 0, result.stderr
    return project / "site", digests(project / "site")


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("name", list(CORPUS))
def test_broken_edit_is_reported_and_never_published(published, tmp_path: Path, name: str):
    site, before = published
    project = copy_project(tmp_path / "project")
    edit, message = CORPUS[name]
    file, line = edit(project)
    expected = f"{file}:{line}: "

    check = run(project, "check")
    assert check.returncode == 1
    reported = [row for row in check.stdout.splitlines() if row.startswith(expected) and message in row]
    assert reported, f"expected '{expected}… {message}', got:\n{check.stdout}"

    (project / "site").symlink_to(site, target_is_directory=True)
    build = run(project, "build")
    assert build.returncode != 0
    assert message in build.stderr + build.stdout
    assert "left as it was" in build.stderr
    assert digests(site) == before


def test_a_big_site_is_checked_on_every_core_with_the_same_findings(tmp_path: Path, monkeypatch):
    """Above content_check.PARALLEL_FROM pages, the pages are checked in worker processes: the
    problems found (here, a typed-in number and a dangerous snippet) must be exactly the same."""
    from scripts import content_check

    project = copy_project(tmp_path / "project")
    page = project / "docs/en/report.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nCall +90 538 862 61 76.\n\n<script>alert(1)</script>\n",
        encoding="utf-8",
    )
    docs = project / "docs"
    sequential = content_check.check_all(docs)
    monkeypatch.setattr(content_check, "PARALLEL_FROM", 1)
    monkeypatch.setattr(content_check, "workers", lambda: 2)
    parallel = content_check.check_all(docs)
    assert parallel == sequential
    flagged = [problem.message for problem in sequential if problem.file.endswith("docs/en/report.md")]
    assert flagged == [
        "a phone number (+90 538 862 61 76) is written in the page",
        "<script> is not allowed in content",
    ]
