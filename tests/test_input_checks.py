"""Every input the build reads is checked before MkDocs runs: the limited YAML loader, the SVG
checker, text tricks, future dates, file kinds and sizes, mkdocs.yml's reviewed engine list.

The mechanisms are tested with many variants, not only the cases of issue 16: an attacker tries
the next spelling, so each test names what must hold for all of them.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest
import yaml

from scripts import contacts, front_matter, interface_text, safe_yaml
from scripts.checks import content_check, future_dates, input_files, svg_check, text_tricks
from scripts.checks.rendered_page import render
from scripts.problems import Problem
from scripts.render import leaflets
from scripts.site_config import ROOT
from tests.project_copy import copy_project, run

TODAY = dt.date(2026, 12, 1)


def error_line(text: str, tags: frozenset = safe_yaml.STANDARD_TAGS) -> int:
    """The 1-based line safe_yaml names for ``text`` (it must refuse it)."""
    with pytest.raises(yaml.YAMLError) as caught:
        safe_yaml.load(text, tags=tags)
    mark = caught.value.problem_mark
    assert mark is not None, caught.value
    return mark.line + 1


# --- the limited YAML loader -------------------------------------------------------------------

LAUGHS = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 12))


@pytest.mark.parametrize(
    "document",
    [
        "l0: &l0 lol\n" + LAUGHS,
        "a: &a [x, x]\nb: [*a, *a]\n",
        "base: &base {a: 1}\nother:\n  <<: *base\n",
        "- &x one\n- *x\n",
        "key: &k\n  - 1\n",
        "? &k a\n: 1\n",
    ],
)
def test_anchors_and_aliases_are_refused_at_once_with_their_line(document: str):
    start = time.perf_counter()
    line = error_line(document)
    assert time.perf_counter() - start < 0.1
    assert 1 <= line <= document.count("\n") + 1


@pytest.mark.parametrize(
    "document",
    [
        "a: " + "[" * 5000 + "]" * 5000,
        "a: " + "{b: " * 3000 + "1" + "}" * 3000,
        "".join("  " * n + "a:\n" for n in range(60)),
    ],
)
def test_deep_nesting_is_refused_quickly(document: str):
    start = time.perf_counter()
    error_line(document)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system [id]",
        "!!python/object:os.Popen {}",
        "!!python/name:os.system",
        "!!python/module:os",
        "!!binary aGk=",
        "!foo 1",
        "!<tag:example.org,2000:x> 1",
        "!ENV [HOME]",
        "!relative $config_dir",
        "!!set {a}",
        "!!omap [a: 1]",
    ],
)
def test_unknown_tags_are_refused_with_their_line(tag: str):
    assert error_line(f"ok: 1\nthen: {tag}\n") == 2


def test_mkdocs_yml_may_use_exactly_its_own_tags():
    text = Path("mkdocs.yml").read_text(encoding="utf-8")
    safe_yaml.scan(text, safe_yaml.STANDARD_TAGS | safe_yaml.MKDOCS_TAGS)
    with pytest.raises(yaml.YAMLError):
        safe_yaml.scan(text)  # the data files' set has no !ENV
    other = "x: !!python/object/apply:os.system [id]\n"
    assert error_line(other, safe_yaml.STANDARD_TAGS | safe_yaml.MKDOCS_TAGS) == 1


def test_a_document_beyond_the_size_limit_is_refused():
    with pytest.raises(safe_yaml.LimitError, match="too large"):
        safe_yaml.load("a: " + "x" * (safe_yaml.MAX_BYTES + 1))


def test_ordinary_yaml_reads_as_before():
    text = "a: !!str 1\nb: [1, {c: 2026-01-01}]\nd: 'q'\ne: null\nf: 1.5\ng: true\n"
    assert safe_yaml.load(text) == yaml.safe_load(text)
    for name in ("contacts", "interface", "leaflets", "published-urls", "redirects"):
        path = Path("data") / f"{name}.yml"
        assert safe_yaml.load(path.read_text(encoding="utf-8")) == yaml.safe_load(
            path.read_text(encoding="utf-8")
        )


def test_front_matter_bomb_names_the_page_and_line(tmp_path: Path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: T\nl0: &l0 lol\n" + LAUGHS + "---\n# T\n", encoding="utf-8")
    start = time.perf_counter()
    meta, problems = front_matter.read(page)
    assert time.perf_counter() - start < 0.1
    assert meta is None
    assert [problem.line for problem in problems] == [3]  # the first anchor
    assert "not valid YAML" in problems[0].message
    (tmp_path / "docs").mkdir()
    page.rename(tmp_path / "docs/page.md")
    start = time.perf_counter()
    input_files.check(tmp_path, TODAY)  # its date check walks no alias
    assert time.perf_counter() - start < 0.1


@pytest.mark.parametrize(
    "module, edit",
    [
        (contacts, lambda text: text + "\nx: &x 1\n"),
        (interface_text, lambda text: text + "\nbomb: !!python/object/apply:os.system [id]\n"),
    ],
)
def test_data_file_checks_report_limits_as_problems(tmp_path: Path, module, edit):
    source = {contacts: contacts.contacts_file(), interface_text: interface_text.interface_file()}[module]
    path = tmp_path / source.name
    path.write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
    problems = module.check(path)
    assert problems and all(isinstance(problem, Problem) for problem in problems)


# --- SVG ---------------------------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>'


@pytest.mark.parametrize(
    "inside, message",
    [
        ("<script>alert(1)</script>", "<script>"),
        ("<SCRIPT>alert(1)</SCRIPT>", "<SCRIPT>"),
        ('<svg:script xmlns:svg="http://www.w3.org/2000/svg">x</svg:script>', "script"),
        ("<foreignObject><p>hi</p></foreignObject>", "foreignObject"),
        ('<rect onload="x()"/>', "onload"),
        ('<rect ONCLICK="x()"/>', "ONCLICK"),
        ('<set attributeName="x" onbegin="x()"/>', "onbegin"),
        ('<use href="https://example.org/a.svg#x"/>', "points outside"),
        ('<use xlink:href="//example.org/a.svg#x"/>', "points outside"),
        ('<image href="data:image/svg+xml;base64,PHN2Zz4="/>', "points outside"),
        ('<a href="javascript:alert(1)"><rect/></a>', "points outside"),
        ('<a xmlns:q="http://www.w3.org/1999/xlink" q:href="http://e"><rect/></a>', "points outside"),
        ('<rect fill="url(https://example.org/x)"/>', "url()"),
        ("<rect style=\"fill: url( '//example.org/x' )\"/>", "url()"),
        ("<style>@import url(x.css);</style>", "loads another file"),
        ("<style>rect { fill: url(http://e/x) }</style>", "loads another file"),
        ('<?xml-stylesheet href="x.css"?>', "instruction"),
        ("<iframe/>", "iframe"),
        ("<rect>", "not well-formed"),
    ],
)
def test_svg_that_is_more_than_a_drawing_is_refused(inside: str, message: str):
    problems = svg_check.check(SVG.format(inside).encode(), "p.svg")
    assert problems, inside
    assert any(message in problem.message for problem in problems), problems
    assert all(problem.line >= 1 for problem in problems)


@pytest.mark.parametrize(
    "document",
    [
        '<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>',
        '<!DOCTYPE svg SYSTEM "http://example.org/x.dtd"><svg/>',
        '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg>&x;</svg>',
        '<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>',
    ],
)
def test_svg_with_a_document_type_or_entities_is_refused(document: str):
    problems = svg_check.check(document.encode(), "p.svg")
    assert len(problems) == 1 and "document type" in problems[0].message


@pytest.mark.parametrize(
    ("drawing", "named"),
    [
        ('<a href="https://example.org/"><rect width="1"/></a>', "<a>"),
        ('<a xlink:href="#x"><rect width="1"/></a>', "<a>"),
        ('<rect width="1"><animate attributeName="href" to="javascript:alert(1)"/></rect>', "<animate>"),
        ('<rect width="1"><set attributeName="fill" to="red"/></rect>', "<set>"),
        ('<use href="#x"/>', "<use>"),
        ('<image href="x.png"/>', "<image>"),
        ('<defs><linearGradient id="g"/></defs>', "<defs>"),
        ('<text x="1">Call</text>', "<text>"),
        ("<style>rect { fill: red }</style>", "<style>"),
        ('<rect width="1" filter="url(#f)" data-x="1"/>', "'data-x'"),
        ('<rect width="1" style="fill:red"/>', "'style'"),
        ('<svg:rect xmlns:svg="http://www.w3.org/2000/svg" width="1"/>', "<svg:rect>"),
    ],
)
def test_svg_elements_and_attributes_beyond_the_drawing_list_are_refused(drawing: str, named: str):
    """The allow-list the output policy holds published SVGs to, applied before the build."""
    problems = svg_check.check(SVG.format(drawing).encode(), "p.svg")
    assert any(named in problem.message for problem in problems), problems
    assert all(problem.line == 2 for problem in problems if named in problem.message), problems


def test_drawing_references_inside_the_file_are_fine_and_our_pictograms_pass():
    inside = '<rect fill="url(#g)" width="1"/><path d="M0 0h1"/>'
    assert svg_check.check(SVG.format(inside).encode(), "p.svg") == []
    for path in [*Path("docs").rglob("*.svg"), *Path("overrides").rglob("*.svg")]:
        assert svg_check.check(path.read_bytes(), str(path)) == []


def test_svg_beyond_the_size_limit_is_refused():
    big = SVG.format("<rect/>" * (svg_check.MAX_BYTES // 7)).encode()
    assert "too large" in svg_check.check(big, "p.svg")[0].message


# --- hidden characters -------------------------------------------------------------------------

CONTROLS = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]


@pytest.mark.parametrize("char", [*CONTROLS, "\u200b", "\u2060", "\ufeff", "\u2063"])
@pytest.mark.parametrize("context", ["Call {}112 now", "{}", "اتصل {}بالشرطة", "word{}"])
def test_direction_controls_and_zero_width_characters_are_errors_with_their_line(char: str, context: str):
    problems = text_tricks.hidden_characters("first line\n" + context.format(char) + "\n", "f.md")
    assert [problem.line for problem in problems] == [2]
    assert f"U+{ord(char):04X}" in problems[0].message


@pytest.mark.parametrize("joiner", ["\u200c", "\u200d"])
def test_joiners_are_allowed_only_inside_an_arabic_script_word(joiner: str):
    assert text_tricks.hidden_characters(f"می{joiner}خواهم", "f.md") == []
    assert text_tricks.hidden_characters(f"بِ{joiner}سم", "f.md") == []  # after a vowel mark
    for bad in (
        f"ab{joiner}cd",
        f"{joiner}بس",
        f"بس{joiner}",
        f"9{joiner}1",
        f"ب {joiner}س",
        f"+90{joiner}538",
    ):
        assert len(text_tricks.hidden_characters(bad, "f.md")) == 1, repr(bad)


def page_problems(tmp_path: Path, body: str, title: str = "A page", description: str = "d") -> list[Problem]:
    page = tmp_path / "page.md"
    page.write_text(
        f"---\ntitle: {title}\ndescription: {description}\nlast_reviewed: 2026-11-26\n---\n\n{body}\n",
        encoding="utf-8",
    )
    meta, _ = front_matter.read(page)
    return text_tricks.check_page(meta, render(page), "page.md")


# --- links that lie about where they go --------------------------------------------------------


@pytest.mark.parametrize(
    "link",
    [
        "[www.jarablus-police.com](https://evil.example/x)",
        "[https://www.jarablus-police.com](https://evil.example)",
        "[example.org](report.md)",
        "[EXAMPLE.ORG](https://example.com)",
        "[http://example.org/report](https://example.net/report)",
        "[example.org/contacts](#contacts)",
        "[**www.example.org**](https://other.example)",
        "[www.exa*mple*.org](https://other.example)",
        "<a href='https://evil.example'>police.gov.tr</a>",
        "[شرطة.سوريا](https://evil.example)",
        "[example.org.](https://evil.example)",
        "[example.org:443](https://evil.example)",
    ],
)
def test_link_text_that_reads_as_another_address_is_an_error(tmp_path: Path, link: str):
    problems = page_problems(tmp_path, f"Text.\n\nSee {link} now.")
    assert [problem.line for problem in problems] == [9], problems
    assert "reads as a web address" in problems[0].message


@pytest.mark.parametrize(
    "link",
    [
        "[example.org](https://example.org/page)",
        "[www.example.org](https://example.org)",
        "[https://example.org](https://www.example.org/)",
        "<https://example.org/x>",
        "[Report a danger](report.md)",
        "[1.5 km](report.md)",
        "[e.g.](report.md)",
        "[mail](mailto:a@example.org)",
    ],
)
def test_honest_links_pass(tmp_path: Path, link: str):
    assert page_problems(tmp_path, f"See {link}.") == []


# --- numbers split by markup --------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "+90 **538** 862 61 76",
        "+90 *538* 862 61 76",
        "+90 _538_ 862 61 76",
        "+90 538 <span>862</span> 61 76",
        "<b>+90</b> 538 862 61 76",
        "+90 538 862 `61` 76",
        "+90&#32;538&#32;862&#32;61&#32;76",
        "+90 538 862 61 <!-- x -->76",
        "[+90 538 862 61 76](report.md){: .x }".replace(" ", "&nbsp;", 1),
        "+90\\-538\\-862\\-61\\-76",
    ],
)
def test_a_phone_number_split_by_markup_is_an_error(tmp_path: Path, number: str):
    problems = page_problems(tmp_path, f"Intro.\n\nCall {number} now.")
    found = [problem for problem in problems if "phone number" in problem.message]
    assert found and found[0].line == 9, problems


def test_text_without_numbers_or_with_short_numbers_passes(tmp_path: Path):
    assert page_problems(tmp_path, "Stay **600** m away for *30* minutes; 4 people.") == []


# --- titles --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title", ["'   '", "'<b></b>'", "'**'", "'<span> </span>'", "'&nbsp;'", "'\u200b'", "'#'"]
)
def test_a_title_without_words_is_an_error(tmp_path: Path, title: str):
    problems = page_problems(tmp_path, "Body.", title=title)
    assert [problem.line for problem in problems] == [2], problems


@pytest.mark.parametrize("title", ["Report", "'<b>Report</b>'", "إبلاغ", "112", "Rapor et"])
def test_a_title_with_words_passes(tmp_path: Path, title: str):
    assert page_problems(tmp_path, "Body.", title=title) == []


@pytest.mark.parametrize(
    "description",
    [
        "'Newer numbers: https://jarablus-police.example/new'",
        "'Newer numbers on t.me/jarablus_police_new'",
        "'Write to wa.me/905551234567'",
        "'Follow @jarablus_police for news'",
        "'أرقام جديدة على jarablus-police.com'",
        "'New numbers: jarablus-police\uff0ecom'",  # a full-width dot
        "'See www.jarablus.info.'",
        '"Yeni numaralar jarablus-police.com\'da"',  # a Turkish ending after the address
        "'Hejmarên nû li jarablus-police.com\u2019ê'",
    ],
)
def test_an_address_or_account_in_the_description_is_an_error(tmp_path: Path, description: str):
    """The description goes out in every share message and is never seen on the page."""
    problems = page_problems(tmp_path, "Body.", description=description)
    assert [(problem.line, "description" in problem.message) for problem in problems] == [(3, True)]


def test_an_address_in_the_title_is_an_error_and_plain_words_pass(tmp_path: Path):
    assert [problem.line for problem in page_problems(tmp_path, "Body.", title="'See x.org now'")] == [2]
    words = "'Stay 600 m away. Call the police: they come at 5 p.m. e.g. in town.'"
    assert page_problems(tmp_path, "Body.", title="Report a danger", description=words) == []


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, future",
    [
        ("2099-01-01", True),
        ("'2099-01-01'", True),
        ("2026-12-03", True),
        ("2026-12-02", False),  # tomorrow: another time zone
        ("2026-12-01", False),
        ("2020-01-01", False),
        ("2026-12-03T10:00:00", True),
        ("2026-02-30", False),  # impossible, reported by its own check
        ("not a date", False),
    ],
)
def test_dates_after_tomorrow_are_errors_with_their_line(value: str, future: bool):
    text = f"contacts:\n  - id: x\n    verified: {value}\n"
    problems = future_dates.check(text, "data/contacts.yml", TODAY)
    assert [problem.line for problem in problems] == ([3] if future else [])


def test_a_future_last_reviewed_names_the_page_line(tmp_path: Path):
    (tmp_path / "docs/en").mkdir(parents=True)
    page = tmp_path / "docs/en/page.md"
    page.write_text("---\ntitle: T\ndescription: d\nlast_reviewed: 2099-12-31\n---\n# T\n", encoding="utf-8")
    problems = input_files.check(tmp_path, TODAY)
    assert [(problem.line, problem.message) for problem in problems] == [
        (4, "the date 2099-12-31 is in the future")
    ]


# --- files: encoding, kinds, sizes ---------------------------------------------------------------


def one_file(tmp_path: Path, relative: str, data: bytes) -> list[Problem]:
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return input_files.check(tmp_path, TODAY)


@pytest.mark.parametrize(
    "relative", ["docs/en/page.md", "data/contacts.yml", "overrides/main.html", "docs/a/p.svg"]
)
@pytest.mark.parametrize("bad", [b"\xff", b"\xe9t\xe9", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf"])
def test_bytes_that_are_not_utf8_name_the_file_and_line(tmp_path: Path, relative: str, bad: bytes):
    problems = one_file(tmp_path, relative, b"line one\nline two\nbroken " + bad + b" here\n")
    assert [(problem.line, problem.rule) for problem in problems] == [(3, input_files.UNREADABLE)]
    assert "not UTF-8" in problems[0].message


@pytest.mark.parametrize("relative", ["docs/en/page.md", "data/interface.yml", "overrides/partials/x.html"])
def test_a_byte_order_mark_is_reported_as_what_it_is(tmp_path: Path, relative: str):
    problems = one_file(tmp_path, relative, b"\xef\xbb\xbf---\ntitle: T\n---\n")
    assert [problem.message for problem in problems] == ["the file starts with an invisible byte-order mark"]
    assert problems[0].hint == "save it as UTF-8 without BOM"


@pytest.mark.parametrize(
    "relative",
    [
        "docs/en/.meta.yml",
        "docs/.pages",
        "docs/en/x.html",
        "docs/assets/x.js",
        "docs/assets/x.css",
        "docs/en/notes.txt",
        "docs/en/page.MD.bak",
        "docs/en/.hidden.md",
        "overrides/x.py",
        "overrides/.meta.yml",
    ],
)
def test_files_of_kinds_the_site_does_not_use_are_rejected(tmp_path: Path, relative: str):
    problems = one_file(tmp_path, relative, b"x\n")
    assert len(problems) == 1 and "holds no files of this kind" in problems[0].message


@pytest.mark.parametrize("name", ["a.png", "b.JPG", "c.jpeg", "d.webp", "e.gif"])
def test_images_beyond_200_kb_are_rejected(tmp_path: Path, name: str):
    assert one_file(tmp_path, f"docs/assets/{name}", b"0" * 200_000) == []
    problems = one_file(tmp_path, f"docs/assets/{name}", b"0" * 200_001)
    assert "too large" in problems[0].message


@pytest.mark.parametrize(
    "filler",
    ["[" * 301, "<a " * 301, "![" * 200 + "<" * 101, "x" * 200_001, "a`" * 2001, "*a* " * 1001, "_" * 2001],
)
def test_a_page_too_heavy_to_render_quickly_is_refused_before_rendering(tmp_path: Path, filler: str):
    start = time.perf_counter()
    problems = one_file(tmp_path, "docs/en/page.md", f"---\ntitle: T\n---\n{filler}\n".encode())
    assert time.perf_counter() - start < 0.5
    assert [problem.rule for problem in problems] == [input_files.UNREADABLE]
    assert "too large to check" in problems[0].message


def test_crlf_pages_and_data_pass_the_check(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    for relative in ("docs/en/report.md", "docs/ar/index.md", "data/contacts.yml", "data/interface.yml"):
        path = project / relative
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    # The real content, so check_all's own date (today), as `make check` uses: the fixed TODAY is
    # for the made-up pages above.
    problems = content_check.check_all(project / "docs", project / "data/contacts.yml")
    assert [problem for problem in problems if problem.severity == "error"] == []


# --- mkdocs.yml: the reviewed engine list --------------------------------------------------------


SNIPPETS = "  - pymdownx.superfences\n  - pymdownx.snippets:\n      base_path: "


def config_problems(tmp_path: Path, old: str, new: str) -> list[Problem]:
    text = Path("mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "mkdocs.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return input_files.check_config(path)


def test_the_configuration_as_committed_passes(tmp_path: Path):
    assert config_problems(tmp_path, "strict: true", "strict: true") == []


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  - search\n", "  - search\n  - macros\n", "'macros'"),
        ("  - pymdownx.superfences", "  - pymdownx.superfences\n  - pymdownx.snippets", "pymdownx.snippets"),
        (
            "  - pymdownx.superfences",
            SNIPPETS + ".\n      restrict_base_path: true",
            "pymdownx.snippets",
        ),
        (
            "  - pymdownx.superfences",
            SNIPPETS + "docs/../..\n      restrict_base_path: true",
            "pymdownx.snippets",
        ),
        (
            "  - pymdownx.superfences",
            SNIPPETS + "docs/snippets\n      restrict_base_path: false",
            "pymdownx.snippets",
        ),
        ("  - pymdownx.superfences", "  - pymdownx.superfences:\n      custom_fences: []", "'custom_fences'"),
        ("  - attr_list", "  - attr_list\n  - pymdownx.emoji", "'pymdownx.emoji'"),
        (
            "  - scripts/engine/mkdocs/hooks/print_page.py",
            "  - scripts/engine/mkdocs/hooks/print_page.py\n  - evil.py",
            "'evil.py'",
        ),
        ("extra_css:", "extra_javascript:\n  - https://example.org/x.js\nextra_css:", "extra_javascript"),
        ("  - assets/stylesheets/site.css", "  - assets/stylesheets/site.css\n  - x.css", "'x.css'"),
        ("  custom_dir: overrides", "  custom_dir: docs", "custom_dir"),
        ("docs_dir: docs", "docs_dir: content", "'docs_dir' must be docs"),
        ("use_directory_urls: true", "use_directory_urls: false", "'use_directory_urls' must be true"),
        ("strict: true", "strict: false", "'strict' must be true"),
        ("strict: true", "strict: true\nINHERIT: other.yml", "'INHERIT'"),
        ("strict: true", "strict: true\nhooks_extra: 1", "'hooks_extra'"),
        ("  font: false", "  font: false\n  static_templates: [x.html]", "'static_templates'"),
        ("      case: lower", "      case: lower\n  - x: !!python/name:os.system", "python/name:os.system"),
        ("strict: true", "strict: &s true\nx: *s", "anchor"),
    ],
)
def test_engine_changes_beyond_the_reviewed_list_fail_with_the_line(
    tmp_path: Path, old: str, new: str, message: str
):
    problems = config_problems(tmp_path, old, new)
    assert problems, new
    assert any(message in problem.message for problem in problems), problems
    text = Path("mkdocs.yml").read_text(encoding="utf-8")
    first = text.count("\n", 0, text.index(old)) + 1
    assert all(first <= problem.line <= first + new.count("\n") for problem in problems), problems


def test_fenced_snippets_are_allowed(tmp_path: Path):
    fenced = SNIPPETS + "docs/snippets\n      restrict_base_path: true"
    assert config_problems(tmp_path, "  - pymdownx.superfences", fenced) == []


def test_an_unsafe_configuration_never_reaches_mkdocs(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    marker = tmp_path / "ran"
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"\nx: !!python/object/apply:os.system [touch {marker}]\n",
        encoding="utf-8",
    )
    result = run(project, "build", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "mkdocs.yml:" in result.stderr and "python/object/apply:os.system" in result.stderr
    assert not marker.exists() and not (tmp_path / "site").exists()
    # The preview too: it used to hand mkdocs.yml to the engine's loader unchecked.
    served = run(project, "serve", "--address", "127.0.0.1:1")
    assert served.returncode == 1
    assert "python/object/apply:os.system" in served.stderr and "Traceback" not in served.stderr
    assert not marker.exists()


# --- never a traceback, always in seconds --------------------------------------------------------

KINDS = {
    "docs/en/report.md": "page",
    "docs/assets/pictograms/danger.svg": "svg",
    "data/contacts.yml": contacts,
    "data/interface.yml": interface_text,
    "data/leaflets.yml": leaflets,
    "data/redirects.yml": "yaml",
    "data/published-urls.yml": "yaml",
    "mkdocs.yml": "config",
}


def mutations(data: bytes, rng: random.Random) -> list[bytes]:
    """Random bytes, truncations, deep nesting and splices of one file: what a bad upload makes."""
    cut = rng.randrange(len(data) + 1)
    noise = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
    return [
        data[:cut],
        data[:cut] + noise + data[cut:],
        noise,
        data[:cut] + b"[" * rng.randrange(50, 5000) + data[cut:],
        data[:cut] + b"\n" + b"  " * rng.randrange(30, 200) + b"- x\n" + data[cut:],
        data[:cut] + b"&a x\n" + b"*a " * 50 + data[cut:],
        data[:cut] + b"\r" + data[cut:],
        data.replace(b"\n", b"\r\n"),
        b"\xef\xbb\xbf" + data,
        data[:cut] + b"<" * rng.randrange(1, 500) + data[cut:],
        b"",
    ]


@pytest.mark.parametrize("relative", list(KINDS))
def test_random_damage_to_any_input_gives_problems_not_tracebacks(tmp_path: Path, relative: str):
    """Seeded, bounded: every mutation of every kind of input goes through the file checks and the
    checks of that file's kind; each answers with Problems, within a second."""
    rng = random.Random(f"inputs-{relative}")
    original = Path(relative).read_bytes()
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(6):
        for data in mutations(original, rng):
            path.write_bytes(data)
            start = time.perf_counter()
            problems = input_files.check(tmp_path, TODAY)
            readable = not any(problem.rule == input_files.UNREADABLE for problem in problems)
            kind = KINDS[relative]
            if readable and kind == "page":
                meta, found = front_matter.read(path)
                page = render(path)
                problems += found + text_tricks.check_page(meta, page, relative)
                problems += content_check.phone_numbers(page, relative)
            elif readable and kind in (contacts, interface_text, leaflets):
                problems += kind.check(path)
            assert time.perf_counter() - start < 2, relative
            assert all(isinstance(problem, Problem) and problem.line >= 1 for problem in problems)


def test_the_whole_check_survives_damaged_inputs_in_a_project(tmp_path: Path):
    """The command editors run, on a project with several damaged files at once: problems, exit 1."""
    project = copy_project(tmp_path / "project")
    rng = random.Random("whole-check")
    for relative in KINDS:
        path = project / relative
        path.write_bytes(rng.choice(mutations(path.read_bytes(), rng)[:6]))
    start = time.perf_counter()
    result = run(project, "check")
    assert time.perf_counter() - start < 30
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode in (0, 1)


@pytest.mark.parametrize(
    "inside",
    [
        "<title>Call +90 555 123 45 67</title>",
        "<desc>\uff0b\uff19\uff10 \uff15\uff15\uff15 \uff11\uff12\uff13 \uff14\uff15 \uff16\uff17</desc>",
        "<!-- +90 555 999 88 77 -->",
        "<title>0555&#32;123&#x20;45&#32;67</title>",
        "<desc>&#43;90 555\n123 45 67</desc>",
        "<title>\u0660\u0665\u0665\u0665\u0661\u0662\u0663\u0664\u0665\u0666\u0667</title>",
    ],
)
def test_a_picture_that_holds_a_phone_number_is_refused(inside: str):
    problems = svg_check.check(SVG.format(inside).encode(), "p.svg")
    assert [problem.line for problem in problems if "phone number" in problem.message] == [2], problems


def test_a_picture_with_cdata_is_refused():
    problems = svg_check.check(SVG.format("<desc><![CDATA[x]]></desc>").encode(), "p.svg")
    assert len(problems) == 1 and "CDATA" in problems[0].message


@pytest.mark.parametrize(
    "name",
    [
        "en/kids\n::add-mask::x.md",
        "en/kids##[warning]verified.md",
        "en/Kids.md",
        "en/kids at school.md",
        "en/kids_school.md",
        "en/k\u0456ds.md",  # a Cyrillic letter that looks like i
        "en/kids--school.md",
        "en/-kids.md",
        "en/kids.old.md",
        "assets/pictograms/stop sign.svg",
        "en/New Folder/kids.md",
        "assets/pictograms/Stop.svg",
    ],
)
def test_a_name_under_docs_that_cannot_be_a_web_address_is_refused_alone(tmp_path: Path, name: str):
    root = tmp_path
    path = root / "docs" / name
    path.parent.mkdir(parents=True)
    path.write_text("---\ntitle: Kids\n---\n\nText.\n", encoding="utf-8")
    problems = input_files.check_file(path, root, dt.date(2026, 12, 1))
    assert len(problems) == 1 and problems[0].rule == input_files.UNREADABLE
    assert "\n" not in str(problems[0]) and "web address" in problems[0].message


def test_every_name_under_docs_today_is_a_web_address_part():
    assert [path for path in input_files.inputs(ROOT) if input_files.badly_named(path, ROOT)] == []


def test_a_page_outside_the_menu_and_a_menu_entry_without_a_page_are_errors(tmp_path: Path):
    """The engine stops on both; the check names each page, and the menu's line once."""
    project = copy_project(tmp_path / "project")
    for language in ("ar", "ku", "tr", "en"):
        (project / f"docs/{language}/children.md").rename(project / f"docs/{language}/kids.md")
    from scripts import project as project_value

    with project_value.using(project / "mkdocs.yml"):
        problems = content_check.check_all(project / "docs")
    outside = [p for p in problems if "not in the menu" in p.message]
    assert sorted(p.file for p in outside) == [f"docs/{code}/kids.md" for code in ("ar", "en", "ku", "tr")]
    missing = [p for p in problems if p.file == "mkdocs.yml" and "children.md" in p.message]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    assert len(missing) == 1 and config[missing[0].line - 1].strip() == "- children.md"


def test_a_page_missing_in_one_language_is_a_missing_translation_not_a_menu_problem(tmp_path: Path):
    from scripts import project as project_value

    project = copy_project(tmp_path / "project")
    (project / "docs/ku/children.md").unlink()
    with project_value.using(project / "mkdocs.yml"):
        problems = content_check.check_all(project / "docs")
    assert not [p for p in problems if "menu" in p.message]


def test_the_real_menu_names_every_page():
    from scripts.checks import menu

    assert menu.check(ROOT / "docs") == []
