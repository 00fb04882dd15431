"""Addresses and facts that must not change by accident or on purpose: published addresses only
grow (compared with git), redirects are validated before anything is written from them, numbers
agree across languages, and the release gate refuses a local or unencrypted site address."""

# ruff: noqa: RUF001 - the digits of other scripts and the lookalike letters are what is tested

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.checks import number_parity, release_check
from scripts.finish import published_urls, redirects
from scripts.pages import docs_folder
from scripts.serve import serving
from scripts.site_config import ROOT, languages
from tests.project_copy import copy_project, digests, git, published_site, run

CODES = [language.code for language in languages()]


# --- Redirects -------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny project: a page 'kids.md' and 'b.md' in every language, and an empty redirects file."""
    for code in CODES:
        folder = tmp_path / "docs" / code / "guides"
        folder.mkdir(parents=True)
        for page in ("kids.md", "b.md", "guides/index.md"):
            (tmp_path / "docs" / code / page).write_text("# x\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    return tmp_path


def redirects_file(project: Path, body: str) -> Path:
    path = project / "data" / "redirects.yml"
    path.write_text("# comment\nredirects:\n" + body, encoding="utf-8")
    return path


HOSTILE_KEYS = [
    "../escape.md",
    "../../../../tmp/escape.md",
    "a/../../escape.md",
    "./a.md",
    "/abs.md",
    "/etc/passwd.md",
    "%2e%2e/escape.md",
    "%2e%2e%2fescape.md",
    "a%20b.md",
    "a b.md",
    "a\tb.md",
    "a\nb.md",
    "a\rb.md",
    "a\x00b.md",
    "a\x1bb.md",
    "a;b.md",
    "x.md; } location / { return 301 https://evil.example/; } #",
    "a}.md",
    "a{.md",
    "a'.md",
    'a".md',
    "a`.md",
    "a\\b.md",
    "a#b.md",
    "a?b.md",
    "a$b.md",
    "a*.md",
    "A.md",
    "a.MD",
    "a",
    "a.html",
    ".md",
    ".hidden.md",
    "a//b.md",
    "a/.md",
    "a..md",
    "ａ.md",
    "kids\u200b.md",  # zero-width space
    "kid\u0455.md",  # Cyrillic dze, looks like s
    "\u202ekids.md",  # right-to-left override
    "kids.md\n",
    "en/kids2.md",
    "ar/old.md",
    "assets/old.md",
    "pagefind/old.md",
]


@pytest.mark.parametrize("key", HOSTILE_KEYS)
def test_a_hostile_redirect_key_is_refused_with_its_line(project: Path, key: str):
    quoted = key.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    path = redirects_file(project, f'  "{quoted}": kids.md\n')
    found, problems = redirects.read(path, project / "docs")
    assert found == []
    assert [(problem.file.endswith("data/redirects.yml"), problem.line) for problem in problems] == [
        (True, 3)
    ]


@pytest.mark.parametrize("target", ["../kids.md", "/kids.md", "kids.md; }", "kids", "en/kids.md", "k ids.md"])
def test_a_hostile_redirect_target_is_refused(project: Path, target: str):
    path = redirects_file(project, f'  old.md: "{target}"\n')
    found, problems = redirects.read(path, project / "docs")
    assert found == [] and [problem.line for problem in problems] == [3]


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("  a.md: a.md\n", 3, "'a.md' is redirected to itself"),
        (
            "  a.md: c.md\n  c.md: kids.md\n",
            3,
            "'a.md' is redirected to 'c.md', which is redirected on line 4",
        ),
        ("  a.md: c.md\n  c.md: a.md\n", 3, "redirected to 'c.md', which is redirected on line 4"),
        # The same key twice is refused by the YAML loader itself (scripts/safe_yaml.py), with its line.
        ("  a.md: kids.md\n  a.md: b.md\n", 4, "the key 'a.md' is written twice here"),
        ("  a.md: kids.md\n  a/index.md: b.md\n", 4, "is redirected twice (also on line 3)"),
        ("  kids.md: b.md\n", 3, "'kids.md' is still a page"),
        ("  guides.md: b.md\n", 3, "'guides.md' is still a page (docs/<language>/guides/index.md)"),
        ("  old.md: nowhere.md\n", 3, "'old.md' should go to 'nowhere.md', which is not a page"),
        ("  old.md: [kids.md]\n", 3, "each redirect is one line 'old.md: new.md'"),
        ("  old.md:\n", 3, "is not a page path"),
        ("  old.md: 12\n", 3, "is not a page path"),
    ],
)
def test_redirects_without_loops_chains_duplicates_or_missing_pages(project, body, line, message):
    path = redirects_file(project, body)
    problems = redirects.read(path, project / "docs")[1]
    assert any(problem.line == line and message in problem.message for problem in problems), problems


def test_a_good_redirect_passes_and_is_loaded(project: Path):
    path = redirects_file(project, "  children.md: kids.md\n  old/guide.md: guides/index.md\n")
    found, problems = redirects.read(path, project / "docs")
    assert problems == []
    assert [(item.old, item.new, item.line) for item in found] == [
        ("children.md", "kids.md", 3),
        ("old/guide.md", "guides/index.md", 4),
    ]


def test_the_committed_redirects_file_passes():
    assert redirects.check() == []


HOSTILE_ADDRESSES = {
    "../escape.md": "kids.md",
    "x.md; } location / { return 301 https://e.example/; }": "kids.md",
}


@pytest.mark.parametrize(("old", "new"), list(HOSTILE_ADDRESSES.items()))
def test_the_writers_refuse_values_that_did_not_pass_the_check(tmp_path: Path, monkeypatch, old, new):
    """Even were a value to reach them unchecked, the pages, _redirects and nginx.conf refuse it."""
    monkeypatch.setattr(redirects, "load", lambda path=None: {old: new})
    site = tmp_path / "box" / "site"
    site.mkdir(parents=True)
    for language in languages():
        (site / language.prefix / "kids").mkdir(parents=True, exist_ok=True)
        (site / language.prefix / "kids" / "index.html").write_text("x", encoding="utf-8")
    before = digests(tmp_path)
    with pytest.raises(redirects.RedirectsRefused):
        redirects.moves()
    assert redirects.write(site) != []
    with pytest.raises(redirects.RedirectsRefused):
        serving.nginx_config([])
    assert digests(tmp_path) == before


def test_the_serving_command_refuses_a_bad_redirects_file(tmp_path: Path):
    copy = copy_project(tmp_path / "project")
    (copy / "data/redirects.yml").write_text('redirects:\n  "a;}.md": report.md\n', encoding="utf-8")
    (copy / "serving").mkdir()
    result = run(copy, "serving", "--site-dir", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "data/redirects.yml:2: 'a;}.md' is not a page path" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (copy / "serving/nginx.conf").exists()


def test_a_redirect_key_with_dotdot_writes_nothing_outside_the_build(tmp_path: Path):
    box = tmp_path / "box"
    copy = copy_project(box / "project")
    (copy / "data/redirects.yml").write_text(
        "redirects:\n  ../../../escape.md: report.md\n  ../escape/index.md: report.md\n", encoding="utf-8"
    )
    site = published_site(box / "site")
    before_site, before_box = digests(site), set(digests(box))
    result = run(copy, "build", "--site-dir", str(site))
    assert result.returncode != 0
    assert "data/redirects.yml:2: '../../../escape.md' is not a page path" in result.stderr
    assert "data/redirects.yml:3: '../escape/index.md' is not a page path" in result.stderr
    assert digests(site) == before_site
    # Only the caches of QR codes and bytecode may appear (inside the project), nothing else.
    created = {
        path
        for path in set(digests(box)) - before_box
        if "__pycache__" not in path and not path.startswith("project/.cache/")
    }
    assert created == set()
    assert not list(tmp_path.rglob("escape*"))


# --- Published addresses only grow ----------------------------------------------------------


@pytest.fixture
def registry_project(tmp_path: Path) -> Path:
    """A project with pages 'a' and 'b' in every language and their addresses published."""
    for code in CODES:
        (tmp_path / "docs" / code).mkdir(parents=True)
        for page in ("a.md", "b.md"):
            (tmp_path / "docs" / code / page).write_text("# x\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data/redirects.yml").write_text("redirects: {}\n", encoding="utf-8")
    addresses = sorted(f"/{language.prefix}{page}/" for language in languages() for page in ("a", "b"))
    registry = tmp_path / "data/published-urls.yml"
    registry.write_text("urls:\n" + "".join(f'  - "{address}"\n' for address in addresses), encoding="utf-8")
    return tmp_path


def registry_problems(project: Path) -> list[str]:
    return [
        str(problem).replace(str(project) + "/", "")
        for problem in published_urls.check_registry(project / "docs", project / "data/published-urls.yml")
    ]


def remove_line(project: Path, address: str) -> int:
    path = project / "data/published-urls.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(number for number, row in enumerate(lines) if f'"{address}"' in row)
    path.write_text("".join(lines[:index] + lines[index + 1 :]), encoding="utf-8")
    return index + 1


@pytest.mark.parametrize("branch", ["main", "work"])
def test_a_removed_published_address_fails_against_git(registry_project: Path, branch: str):
    """Compared with main; in a repository without a main branch, with the last commit."""
    git(registry_project, "init", "-q", "-b", branch)
    git(registry_project, "add", ".")
    git(registry_project, "commit", "-q", "-m", "published")
    assert registry_problems(registry_project) == []
    line = remove_line(registry_project, "/en/a/")
    problems = registry_problems(registry_project)
    expected = f"data/published-urls.yml:{line}: the published address '/en/a/' was removed"
    assert [problem for problem in problems if problem.startswith(expected)], problems
    assert "data/redirects.yml" in problems[0]
    assert ("main" if branch == "main" else "HEAD") in problems[0]


def test_a_removal_committed_on_a_branch_still_fails_against_main(registry_project: Path):
    git(registry_project, "init", "-q", "-b", "main")
    git(registry_project, "add", ".")
    git(registry_project, "commit", "-q", "-m", "published")
    git(registry_project, "checkout", "-q", "-b", "edit")
    remove_line(registry_project, "/b/")
    git(registry_project, "commit", "-q", "-am", "remove a line")
    assert any(
        "'/b/' was removed (it is in this file on main)" in row for row in registry_problems(registry_project)
    )


def test_a_deleted_page_with_published_addresses_fails(registry_project: Path):
    git(registry_project, "init", "-q", "-b", "main")
    git(registry_project, "add", ".")
    git(registry_project, "commit", "-q", "-m", "published")
    for code in CODES:
        (registry_project / "docs" / code / "b.md").unlink()
    problems = registry_problems(registry_project)
    assert len([row for row in problems if "its page is gone" in row]) == len(CODES)
    assert any(
        row.startswith("data/published-urls.yml:") and "'/en/b/' was printed" in row for row in problems
    )


def test_a_redirect_keeps_a_moved_pages_address_published(registry_project: Path):
    for code in CODES:
        (registry_project / "docs" / code / "b.md").rename(registry_project / "docs" / code / "c.md")
    (registry_project / "data/redirects.yml").write_text("redirects:\n  b.md: c.md\n", encoding="utf-8")
    assert [row for row in registry_problems(registry_project) if "error" in row or "gone" in row] == []


def test_a_missing_translation_is_not_reported_as_a_gone_page(registry_project: Path):
    (registry_project / "docs/ku/b.md").unlink()  # mkdocs-static-i18n shows the Arabic page there
    assert [row for row in registry_problems(registry_project) if "gone" in row] == []


def test_outside_git_the_check_warns_instead_of_passing_silently(registry_project: Path):
    problems = published_urls.check_registry(
        registry_project / "docs", registry_project / "data/published-urls.yml"
    )
    assert [(problem.severity, problem.line) for problem in problems] == [("warning", 1)]
    assert "not a git checkout" in problems[0].message


def test_without_git_installed_the_check_warns(registry_project: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(registry_project / "no-such-folder"))
    problems = published_urls.check_registry(
        registry_project / "docs", registry_project / "data/published-urls.yml"
    )
    assert [problem.severity for problem in problems] == ["warning"]
    assert "git is not installed" in problems[0].message


def test_the_real_list_is_compared_with_main_and_passes():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    problems = published_urls.check_registry(docs_folder())
    assert problems == []


# --- Numbers agree across languages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("600 m", ["600"]),
        ("600m", ["600"]),
        ("600 metres", ["600"]),
        ("٦٠٠ متر", ["600"]),
        ("۶۰۰ متر", ["600"]),
        ("६००", ["600"]),  # Devanagari: any Unicode decimal digit
        ("６００", ["600"]),
        ("6 00", ["6", "0"]),
        ("60 0", ["60", "0"]),
        ("1,000", ["1000"]),
        ("1.000", ["1000"]),
        ("1 000", ["1000"]),
        ("1\u00a0000", ["1000"]),
        ("1\u202f000", ["1000"]),
        ("١٬٠٠٠", ["1000"]),
        ("1.5 km", ["1.5"]),
        ("1,5 km", ["1.5"]),
        ("١٫٥ كم", ["1.5"]),
        ("1,234.5", ["1234.5"]),
        ("1.234,5", ["1234.5"]),
        ("IMAS 12.10", ["12.10"]),
        ("26.11.2026", ["26", "11", "2026"]),
        ("10–15 minutes", ["10", "15"]),
        ("10-15", ["10", "15"]),
        ("14:30", ["14", "30"]),
        ("a 12-year-old", ["12"]),
        ("2016'da", ["2016"]),
        ("sala 2023an", ["2023"]),
        ("A4", ["4"]),
        ("+90 538 862 61 76", ["90538862", "61", "76"]),
        ("007", ["7"]),
        ("no number", []),
    ],
)
def test_numbers_are_read_in_every_digit_system(text: str, expected: list[str]):
    assert number_parity.numbers(text) == expected


def docs_with(tmp_path: Path, pages: dict[str, str], name: str = "vehicles.md") -> Path:
    """A docs folder with one page per language; ``pages`` gives the body per language code."""
    docs = tmp_path / "docs"
    for code in CODES:
        (docs / code).mkdir(parents=True, exist_ok=True)
        body = pages.get(code, pages["en"])
        (docs / code / name).write_text(
            f"---\ntitle: {body.splitlines()[0]}\ndescription: d\nlast_reviewed: 2026-11-26\n---\n\n{body}\n",
            encoding="utf-8",
        )
    return docs


ENGLISH = (
    "Vehicles\n\n## Keep away\n\n- Go at least 100 metres away from a motorbike.\n"
    "- Go 600 metres away from a car."
)


@pytest.mark.parametrize(
    "arabic",
    [
        "مركبات\n\n## ابتعد\n\n- ابتعد 100 متر على الأقل عن الدراجة.\n- ابتعد 600 متر عن السيارة.",
        "مركبات\n\n## ابتعد\n\n- ابتعد ١٠٠ متر على الأقل عن الدراجة.\n- ابتعد ٦٠٠ متر عن السيارة.",
        "مركبات\n\n## ابتعد\n\n- ابتعد ۱۰۰ متر على الأقل عن الدراجة.\n- ابتعد ۶۰۰ متر عن السيارة.",
        "مركبات\n\n## ابتعد\n\n- ابتعد 100م على الأقل عن الدراجة.\n- ابتعد 600م عن السيارة.",
        "مركبات\n\n## ابتعد\n\n- ابتعد 1&#48;0 متر عن الدراجة.\n- ابتعد **6**00 متر عن السيارة.",
    ],
)
def test_the_same_numbers_in_any_digits_pass(tmp_path: Path, arabic: str):
    assert number_parity.check_pages(docs_with(tmp_path, {"en": ENGLISH, "ar": arabic}), {}) == []


@pytest.mark.parametrize(
    ("arabic", "differs"),
    [
        ("- ابتعد 100 متر عن الدراجة.\n- ابتعد 60 متر عن السيارة.", "60 here, 600 there"),
        ("- ابتعد ١٠٠ متر عن الدراجة.\n- ابتعد ٦٠ متر عن السيارة.", "60 here, 600 there"),
        ("- ابتعد ۱۰۰ متر عن الدراجة.\n- ابتعد ۶۰ متر عن السيارة.", "60 here, 600 there"),
        ("- ابتعد 100 متر عن الدراجة.\n- ابتعد 6 00 متر عن السيارة.", "6, 0 here, 600 there"),
        ("- ابتعد 100 متر عن الدراجة.\n- ابتعد &#54;&#x30; متر عن السيارة.", "60 here, 600 there"),
        ("- ابتعد 100 متر عن الدراجة.\n- ابتعد 6000 متر عن السيارة.", "6000 here, 600 there"),
        ("- ابتعد 100 متر عن الدراجة.\n- ابتعد عن السيارة.", "nothing here, 600 there"),
        ("- ابتعد 100 متر عن الدراجة.\n- ابتعد 600 متر و 5 دقائق.", "5 here, nothing there"),
        # The numbers swapped between two items: the same multiset for the page, not per item.
        ("- ابتعد 600 متر عن الدراجة.\n- ابتعد 100 متر عن السيارة.", "600 here, 100 there"),
    ],
)
def test_a_different_number_fails_naming_both_files_and_the_line(tmp_path: Path, arabic: str, differs: str):
    docs = docs_with(tmp_path, {"en": ENGLISH, "ar": "مركبات\n\n## ابتعد\n\n" + arabic})
    problems = number_parity.check_pages(docs, {})
    assert problems, arabic
    problem = problems[0]
    assert problem.file.endswith("docs/ar/vehicles.md")
    assert f"docs/en/vehicles.md:{12 if '600 here' not in differs else 11}" in problem.message
    assert differs in problem.message
    lines = (docs / "ar/vehicles.md").read_text(encoding="utf-8").splitlines()
    assert lines[problem.line - 1].startswith("- "), (problem.line, lines)


def test_every_language_is_checked_against_english(tmp_path: Path):
    docs = docs_with(
        tmp_path, {"en": ENGLISH, "ku": ENGLISH.replace("600", "500"), "tr": ENGLISH.replace("100", "10")}
    )
    flagged = sorted(Path(problem.file).parent.name for problem in number_parity.check_pages(docs, {}))
    assert flagged == ["ku", "tr"]


def test_a_number_in_the_title_is_compared(tmp_path: Path):
    docs = docs_with(tmp_path, {"en": "Keep 600 m away\n\ntext", "ar": "ابتعد 60 مترًا\n\ntext"})
    problems = number_parity.check_pages(docs, {})
    titles = [problem for problem in problems if "numbers in 'title' differ" in problem.message]
    assert [(problem.line, problem.file.endswith("docs/ar/vehicles.md")) for problem in titles] == [(2, True)]


def test_list_numbering_and_link_addresses_do_not_count(tmp_path: Path):
    english = "Steps\n\n1. Go.\n2. Call.\n\n[Page](page-2.md) ![Pic](pic-3.svg)\n\n<!-- 99 -->"
    arabic = "خطوات\n\n5. اذهب.\n6. اتصل.\n\n[صفحة](page-2.md) ![صورة](pic-3.svg)"
    assert number_parity.check_pages(docs_with(tmp_path, {"en": english, "ar": arabic}), {}) == []


def test_numbers_in_translated_data_strings_are_compared(tmp_path: Path):
    data = tmp_path / "interface.yml"
    data.write_text(
        "text:\n  keep.away:\n    ar: ابتعد ٦٠ مترًا\n"
        "    ku: 600 metre\n    tr: 600 metre\n    en: 600 metres\n",
        encoding="utf-8",
    )
    problems = number_parity.check_data([data])
    assert [(problem.line, problem.message) for problem in problems] == [
        (3, "numbers in 'ar' differ from 'en' on line 6: 60 here, 600 there")
    ]


def test_every_page_and_data_file_of_the_site_agrees():
    assert number_parity.check_pages(docs_folder(), {}) == []
    assert number_parity.check_data(sorted((ROOT / "data").glob("*.yml"))) == []


# --- The release gate covers the address -------------------------------------------------------

LOCAL_OR_UNSAFE = [
    "",
    " ",
    "http://example.org/",
    "ftp://example.org/",
    "example.org",
    "//example.org/",
    "https://127.0.0.1:8000/",
    "https://127.1/",
    "https://localhost/",
    "https://LOCALHOST:8000/",
    "https://foo.localhost/",
    "https://[::1]/",
    "https://[::ffff:127.0.0.1]/",
    "https://0.0.0.0/",
    "https://[::]/",
    "https://10.0.0.5/",
    "https://172.16.3.4/",
    "https://192.168.1.10/",
    "https://169.254.1.1/",
    "https://100.64.0.1/",
    "https://[fd00::1]/",
    "https://[fe80::1]/",
    "https://printer.local/",
    "https://site.internal/",
    "https://router.home.arpa/",
    "https://intranet/",
    "https://user:pass@example.org/",
    "https://example.org/?q=1",
    "https://example.org/#top",
    "https://example.org:http/",
    "https://example.org/a b/",
    "https://example.org/\n",
    "https://exam_ple.org/",
    "https://ex\u0430mple.org/",  # Cyrillic a
    "https://example.org/a;}/",
    "https://2130706433/",
]


@pytest.mark.parametrize("url", LOCAL_OR_UNSAFE)
def test_a_local_or_unencrypted_site_address_is_refused(url: str):
    assert release_check.address_problem(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/",
        "https://jarablus.github.io/guide/",
        "https://8.8.8.8/",
        "https://xn--mgba.example.com/",
    ],
)
def test_a_public_https_address_is_accepted(url: str):
    assert release_check.address_problem(url) is None


def test_release_check_names_an_unset_site_url(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    [problem] = release_check.site_address()
    assert (problem.file, problem.line) == ("mkdocs.yml", 10)
    assert "SITE_URL is not set" in problem.message and "127.0.0.1" in problem.message
    assert "https://" in problem.hint


@pytest.mark.parametrize("url", ["", "http://127.0.0.1:8000/", "https://localhost/", "http://example.org/"])
def test_release_check_command_fails_for_a_local_address(url: str):
    result = subprocess.run(
        [os.sys.executable, "-m", "scripts", "release-check"],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "mkdocs.yml:10: the site address" in result.stderr
    assert "Traceback" not in result.stderr


def test_release_check_accepts_a_public_address(monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://example.org/jarablus/")
    assert release_check.site_address() == []


def test_a_very_long_number_or_a_broken_front_matter_never_crashes_the_comparison(tmp_path: Path):
    docs = docs_with(tmp_path, {"en": "Title\n\n" + "9" * 6000, "ar": "عنوان\n\n" + "9" * 5999})
    (docs / "ku/vehicles.md").write_text(
        "---\nlast_reviewed: 2026-02-30\ntitle: [x\n---\n\n1\n", encoding="utf-8"
    )
    problems = number_parity.check_pages(docs, {})
    assert {Path(problem.file).parent.name for problem in problems} == {"ar", "ku"}
