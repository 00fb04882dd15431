"""Theme inputs an editor can change besides pages and data: templates, stylesheets, scripts,
mkdocs.yml's address and languages, links in the file tree, and what the finished site may hold.

Each check is tested here with variants; tests/test_broken_edits.py has one full build of each kind.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from scripts.checks import css_check, engine_allowlist, reviewed_scripts, template_check
from scripts.engine.mkdocs import cli as run_mkdocs
from scripts.finish import published_files
from scripts.problems import BuildStopped
from scripts.site_config import ROOT


@pytest.mark.parametrize(
    ("css", "line"),
    [
        ("a { background: url(https://evil.example/x.png) }", 1),
        ("a { background: url( 'HTTPS://evil.example/x.png' ) }", 1),
        ('a { background: url("//evil.example/x") }', 1),
        ('a { background: url("\\\\\\\\evil.example/x") }', 1),
        ("\n\nb { background: u\\72l(https://escaped.example/) }", 3),
        ('c { background-image: image-set("https://e.example/1.png" 1x) }', 1),
        ('c { background-image: -webkit-image-set("https://e.example/1.png" 1x) }', 1),
        ("@font-face { src: url(https://font.example/f.woff2) }", 1),
        ("@media print { d { background: url(https://print.example/) } }", 1),
        ("@supports (display: grid) { e { background: url(ftp://x.example/) } }", 1),
        ("f { background: url(data:text/html,x) }", 1),
        ('f { background: url("java\tscript:alert(1)") }', 1),
        ('@import "local.css";', 1),
        ("@import url(https://evil.example/a.css);", 1),
        ("@namespace svg url(http://www.w3.org/2000/svg);", 1),
        ("g { width: expression(alert(1)) }", 1),
        ("h { behavior: url(x.htc) }", 1),
        ("i { -moz-binding: url(x.xml#y) }", 1),
    ],
)
def test_a_stylesheet_that_loads_or_runs_something_is_refused_with_its_line(css: str, line: int):
    problems = css_check.check(css, "site.css")
    assert problems, css
    assert all(problem.file == "site.css" for problem in problems)
    assert any(problem.line == line for problem in problems), problems


@pytest.mark.parametrize(
    "css",
    [
        "a { background: url(../images/icon.svg) }",
        "a { background: url(data:image/svg+xml;charset=utf-8,%3Csvg%3E) }",
        'a { mask-image: url("data:image/png;base64,AAAA") }',
        "a { color: red } /* url(https://comment.example/) */",
        'a::after { content: "https://example.org/" }',
    ],
)
def test_a_stylesheet_with_only_local_files_and_data_images_passes(css: str):
    assert css_check.check(css, "site.css") == []


def test_our_stylesheets_pass_before_and_after_the_build(built_site: Path):
    assert (
        css_check.check((ROOT / "overrides/assets/stylesheets/site.css").read_text("utf-8"), "site.css") == []
    )
    assert published_files.problems(built_site) == []


def test_every_reviewed_script_is_the_file_in_the_repository():
    """A reviewed digest that no longer matches fails the check: the list must say what is published."""
    for relative in reviewed_scripts.REVIEWED:
        path = ROOT / relative
        assert reviewed_scripts.check(relative, path.read_bytes(), relative) == [], relative


def test_a_new_or_changed_script_is_named_with_its_digest():
    relative = next(iter(reviewed_scripts.REVIEWED))
    changed = reviewed_scripts.check(relative, b"alert(1)", relative)
    assert len(changed) == 1 and "changed since it was reviewed" in changed[0].message
    assert "scripts/checks/reviewed_scripts.py to " in changed[0].hint
    new = reviewed_scripts.check("overrides/assets/javascripts/new.js", b"", "new.js")
    assert len(new) == 1 and "not on the reviewed list" in new[0].message


@pytest.mark.parametrize(
    "name",
    [
        "evil.js",
        "EVIL.JS",
        "assets/javascripts/site.0123abcd.Js",
        "assets/javascripts/extra.js",
        "assets/javascripts/site.js.map",
        "x/sw.js",
        "a.exe",
        "b.php",
    ],
)
def test_the_built_site_holds_only_reviewed_scripts_and_published_kinds(tmp_path: Path, name: str):
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    reviewed = (ROOT / "overrides/assets/javascripts/site.js").read_bytes()
    (tmp_path / "assets/javascripts/site.0123abcd.js").write_bytes(reviewed)
    assert published_files.problems(tmp_path) == []
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text("x", encoding="utf-8")
    found = published_files.problems(tmp_path)
    assert len(found) == 1 and found[0].startswith(name + ": "), found
    with pytest.raises(BuildStopped):
        published_files.enforce(tmp_path)


@pytest.mark.parametrize(
    "name",
    ["evil.html.gz", "evil.html.br", "index.HTML.gz", "index.html.GZ", "index.png.gz", "index.html.gz.br"],
)
def test_a_compressed_copy_the_build_does_not_write_is_refused(tmp_path: Path, name: str):
    """nginx sends x.html.gz for /x.html whether or not x.html exists: only twins of our text
    files, which the compression step writes over, may be in the built site."""
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "index.png").write_bytes(b"")
    for twin in ("index.html.gz", "index.html.br"):
        (tmp_path / twin).write_bytes(b"kept")
    assert published_files.problems(tmp_path) == []
    (tmp_path / name).write_bytes(b"a page no check read")
    found = published_files.problems(tmp_path)
    assert len(found) == 1 and found[0].startswith(f"{name}: a compressed copy the build does not write"), (
        found
    )


def test_a_linked_folder_in_the_built_site_is_refused(tmp_path: Path):
    """A red team's: a link to a folder was skipped as a folder, and nothing read what it held."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.html").write_text("<script src=https://evil.example/x.js></script>", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "docs").symlink_to(outside, target_is_directory=True)
    assert published_files.problems(site) == [
        "docs: a link (symlink) in the built site; nothing may point outside it"
    ]


def test_our_script_under_its_own_name_must_be_the_reviewed_one(tmp_path: Path):
    """A red team's: alert() published as site.deadbeef.js had the right name, so it passed."""
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "assets/javascripts/site.deadbeef.js").write_text("alert(document.domain)", encoding="utf-8")
    assert published_files.problems(tmp_path) == [
        "assets/javascripts/site.deadbeef.js: the site's script is not the reviewed one (its name was "
        "right, its content was not: scripts/checks/reviewed_scripts.py)"
    ]


@pytest.mark.parametrize(
    ("manifest", "says"),
    [
        ('{"start_url": "https://evil.example/"}', "leads to 'https://evil.example/'"),
        ('{"icons": [{"src": "//evil.example/i.png"}]}', "leads to '//evil.example/i.png'"),
        ('{"name": "Call +90 538 111 22 33"}', "shows a phone number (+90 538 111 22 33)"),
        ("{not json", "cannot be read"),
        ("[" * 1000 + "]" * 1000, "cannot be read"),
    ],
)
def test_an_app_manifest_that_leaves_the_site_is_refused(tmp_path: Path, manifest: str, says: str):
    """A red team's manifest opened another site when the installed app started; nothing read it."""
    (tmp_path / "manifest.en.webmanifest").write_text(manifest, encoding="utf-8")
    found = published_files.problems(tmp_path)
    assert len(found) == 1 and found[0].startswith("manifest.en.webmanifest: ") and says in found[0], found


def test_a_symlink_in_the_built_site_is_refused(tmp_path: Path):
    (tmp_path / "index.html").symlink_to("/etc/hostname")
    assert published_files.problems(tmp_path) == [
        "index.html: a link (symlink) in the built site; nothing may point outside it"
    ]


def config_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return [f"{problem.line}: {problem.message}" for problem in engine_allowlist.check(path)]


COMMITTED_URL = 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\n'


@pytest.mark.parametrize(
    "line",
    [
        "site_url: https://evil.example/\n",
        'site_url: !ENV [SITE_URL, "javascript:alert(1)//"]\n',
        'site_url: !ENV [OTHER, "http://127.0.0.1:8000/"]\n',
        'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/", "x"]\n',
        "site_url: !ENV SITE_URL\n",
    ],
)
def test_site_url_comes_only_from_site_url(tmp_path: Path, line: str, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    assert config_problems(tmp_path, COMMITTED_URL) == []
    assert config_problems(tmp_path, line) == ["1: site_url must come from SITE_URL, as committed"]


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "http://example.org/",
        "https://user@example.org/",
        "https://example.org/?q=1",
        "https://ex\u0430mple.org/",  # a Cyrillic a
        "https://192.168.1.1/",
        "data:text/html,x",
        "http://127.0.0.1:8000/a b/",
    ],
)
def test_a_site_url_that_is_no_public_address_is_refused(tmp_path: Path, value: str, monkeypatch):
    monkeypatch.setenv("SITE_URL", value)
    found = config_problems(tmp_path, COMMITTED_URL)
    assert len(found) == 1 and found[0].startswith("1: SITE_URL (set outside this file)"), found


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/",
        "https://example.org/jarablus/",
        "http://127.0.0.1:8123/",
        "http://localhost:8000/sub/",
    ],
)
def test_public_and_local_preview_addresses_pass(tmp_path: Path, value: str, monkeypatch):
    monkeypatch.setenv("SITE_URL", value)
    assert config_problems(tmp_path, COMMITTED_URL) == []


def languages_config(body: str) -> str:
    head = "plugins:\n  - i18n:\n      languages:\n"
    return head + "        - locale: ar\n          name: x\n          default: true\n" + body


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("          build: false\n", "7: 'build' must be true"),
        ("          build: no\n", "7: 'build' must be true"),
        ("          build: 0\n", "7: 'build' must be true"),
        ("          docs_dir: /etc\n", "7: the language setting 'docs_dir' is not on the reviewed list"),
        ("          theme: {}\n", "7: the language setting 'theme' is not on the reviewed list"),
    ],
)
def test_every_language_is_built_with_reviewed_settings_only(tmp_path: Path, body: str, message: str):
    assert config_problems(tmp_path, languages_config("          build: true\n")) == []
    found = config_problems(tmp_path, languages_config(body))
    assert len(found) == 1 and found[0].startswith(message), found


def templates_project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{% extends "base.html" %}\n{% include "../../../etc/hostname" %}',
            "'../../../etc/hostname' is not the theme's",
        ),
        ('\n{% include "/etc/hostname" %}', "'/etc/hostname' is not the theme's"),
        ('\n{% include "partials/nosuch.html" %}', "'partials/nosuch.html' is not the theme's"),
        ("\n{% include page.title %}", "a template is chosen by a variable"),
        ('\n{% import "x/../../secret" as s %}', "is not the theme's"),
        ('\n{% from "../x.html" import y %}', "is not the theme's"),
        ("\n{% endif %}", "the template cannot be read"),
        ("\n{{ page.title ", "the template cannot be read"),
    ],
)
def test_a_template_reads_only_the_themes_own_templates(tmp_path: Path, text: str, message: str):
    found = template_check.check(templates_project(tmp_path, text))
    assert len(found) == 1 and message in found[0].message, found
    assert found[0].line == 2 and found[0].file.endswith("overrides/main.html")


def test_our_templates_pass():
    assert template_check.check(ROOT) == []


def test_a_template_error_while_rendering_is_one_line_naming_the_template():
    """What scripts/engine/mkdocs/cli.py prints instead of a Jinja traceback."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), undefined=jinja2.StrictUndefined
    )
    template = environment.from_string("{{ nosuch.attribute }}")
    with pytest.raises(jinja2.UndefinedError) as raised:
        template.render()
    line = run_mkdocs.describe(raised.value)
    assert "the template uses something that does not exist" in line and "Traceback" not in line
    missing = run_mkdocs.describe(jinja2.TemplateNotFound("../../etc/hostname"))
    assert "'../../etc/hostname', which does not exist" in missing


@pytest.mark.parametrize(
    "css",
    [
        '@media screen { main::before { content: "+90 555 123 45 67" } }',
        'b::after { content: "\\2b 90 555 123 45 67" }',
        "b::after { content: '\\660\\665\\665\\665\\661\\662\\663\\664\\665\\666\\667' }",
        'i::before { content: "0555" "1234567" ; content: "05551234567" }',
    ],
)
def test_a_stylesheet_that_writes_a_phone_number_onto_pages_is_refused(css: str):
    problems = css_check.check(css, "site.css")
    assert any("writes a phone number" in problem.message for problem in problems), problems


def test_distances_and_counters_in_a_stylesheet_are_not_numbers_to_call():
    assert css_check.check('a::after { content: "600 m" } ol { counter-reset: step 12 }', "site.css") == []


@pytest.mark.parametrize(
    "css",
    [
        "ol { counter-reset: x 905381112233 }",
        "@media print { ol { counter-set: x 905381112233 } }",
        'p::after { content: "+" counter(a) counter(b) }',
        "p::after { content: attr(data-x) }",
        'p::after { content: "+90 538" " 111 22 33" }',
    ],
)
def test_a_stylesheet_that_makes_up_a_number_is_refused(css: str):
    """A fourth red team's: counters, attributes and strings joined write a number onto pages."""
    assert css_check.check(css, "site.css"), css


@pytest.mark.parametrize(
    "text",
    [
        'x\n<img src=x onerror="alert(1)">',
        "x\n<body ONLOAD='go()'>",
        'x\n<a href="java\tscript:alert(1)">x</a>',
        "x\n<svg/onload=alert(1)>",
    ],
)
def test_a_template_whose_own_html_runs_code_is_refused_at_its_line(tmp_path: Path, text: str):
    found = template_check.check(templates_project(tmp_path, text))
    assert [(problem.line, "runs code" in problem.message) for problem in found] == [(2, True)], found


def test_a_block_defined_twice_is_named_at_the_second(tmp_path: Path):
    text = "{% block a %}{% endblock %}\n{% block a %}{% endblock %}"
    found = template_check.check(templates_project(tmp_path, text))
    assert [(problem.line, problem.message) for problem in found] == [
        (2, "the block 'a' is defined twice (also on line 1)")
    ]
