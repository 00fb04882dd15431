"""Whatever an editor types, the content check answers with problems, never with a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts import front_matter
from scripts.checks import content_check, links
from scripts.checks.rendered_page import render
from scripts.finish import html_policy
from scripts.problems import Problem

KEYS = st.sampled_from(["title", "description", "last_reviewed", "translation", "hide", "titel", "x", ""])
SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates().map(str),
    st.sampled_from(["2026-02-30", "26/11/2026", "'quoted", '"', ": colon", "- item", "{a: b}", "[x"]),
)
FRONT_MATTER_LINES = st.lists(
    st.one_of(
        st.tuples(KEYS, SCALARS).map(lambda pair: f"{pair[0]}: {pair[1]}"),
        st.sampled_from(["translation:", "  reviewed: maybe", "  from: en", "  - a", "\t", "---", "..."]),
        st.text(max_size=20),
    ),
    max_size=8,
)
MARKDOWN = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "# Title",
                "## Section {: #id }",
                "[link](missing.md#x)",
                "[x](javascript:alert(1))",
                "![](../assets/pictograms/danger.svg)",
                "![a](https://example.org/a.png)",
                '<div markdown onclick="x">**b**</div>',
                "<script>",
                "{{ steps }}",
                "{{ nope }}",
                "[a](#)",
                "[b](<>)",
                "[c](%zz)",
                "+90 538 862 61 76",
                "```\n<script>\n```",
                "!!! warning",
                "    indented",
                "<!-- comment",
                "|a|b|\n|-|-|",
            ]
        ),
    ),
    max_size=10,
)


# derandomize: CI runs the same examples every time, so a failure is reproducible.
@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(lines=FRONT_MATTER_LINES, body=MARKDOWN, fenced=st.booleans())
def test_random_pages_give_problems_not_tracebacks(lines: list[str], body: list[str], fenced: bool):
    with tempfile.TemporaryDirectory() as folder:
        docs = Path(folder) / "docs"
        page = docs / "en" / "page.md"
        page.parent.mkdir(parents=True)
        head = "---\n" + "\n".join(lines) + "\n---\n" if fenced else "\n".join(lines) + "\n"
        page.write_text(head + "\n\n".join(body) + "\n", encoding="utf-8")

        problems = front_matter.read(page)[1]
        rendered = render(page)
        problems += html_policy.check(rendered, "docs/en/page.md")
        problems += links.check(rendered, page, "docs/en/page.md", docs)
        problems += content_check.unknown_blocks(rendered, "docs/en/page.md")
        problems += content_check.phone_numbers(rendered, "docs/en/page.md")

    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.line >= 1
        assert problem.message and problem.hint
