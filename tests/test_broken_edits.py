"""The corpus of broken edits: each gets its exact file, line and message, the build fails, and
the published site stays exactly as it was.

Each edit is what an editor on GitHub's web interface could do by mistake. The message must be
one they can act on: the file, the line, what is wrong and how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.project_copy import copy_project, digests, git, published_site, run, run_here

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


def redate(file: str, value: str, close: bool = True) -> Edit:
    """The page's own ``last_reviewed`` line written as ``value`` (whatever date the page carries
    today), and with ``close=False`` the front matter's closing line removed after it."""

    def edit(project: Path) -> tuple[str, int]:
        path = project / file
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^last_reviewed:.*\n" + ("" if close else "---\n"), text, re.MULTILINE)
        assert found, f"{file} has no last_reviewed line"
        new = f"last_reviewed: {value}\n" + ("" if close else "\n")
        path.write_text(text[: found.start()] + new + text[found.end() :], encoding="utf-8")
        return file, text.count("\n", 0, found.start()) + 1

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


def in_git(edit: Edit) -> Edit:
    """The project as a git checkout with everything committed on main, then the edit (uncommitted):
    published addresses are compared with the list as committed on main."""

    def wrapped(project: Path) -> tuple[str, int]:
        for command in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-q", "-m", "published"]):
            git(project, *command)
        return edit(project)

    return wrapped


def delete_everywhere(page: str, reported_as: str, line: int) -> Edit:
    """A page deleted in every language (its addresses are published)."""

    def edit(project: Path) -> tuple[str, int]:
        for folder in sorted((project / "docs").iterdir()):
            if (folder / page).exists():
                (folder / page).unlink()
        return reported_as, line

    return edit


def change_bytes(file: str, change: Callable[[bytes], bytes], line: int) -> Edit:
    """A change no text editor shows: an encoding, a byte-order mark, a new file of another kind."""

    def edit(project: Path) -> tuple[str, int]:
        path = project / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(change(path.read_bytes() if path.exists() else b""))
        return file, line

    return edit


def link_to(file: str, target: str) -> Edit:
    """A symlink committed in place of a file: it would bring ``target`` into the site."""

    def edit(project: Path) -> tuple[str, int]:
        path = project / file
        path.unlink(missing_ok=True)
        path.symlink_to(target)
        return file, 1

    return edit


def stale_glossary_table(project: Path) -> tuple[str, int]:
    """The glossary changed but the table translators read in CONTRIBUTING.md did not."""
    glossary = project / "data" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("use: scrap metal", "use: old metal"))
    guide = (project / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return "CONTRIBUTING.md", guide.count("\n", 0, guide.index("<!-- glossary:")) + 1


LAUGHS = "l0: &l0 lol\n" + "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 10))
SVG_END, PICTOGRAM, ICON = "</svg>", "docs/assets/pictograms/danger.svg", "overrides/assets/images/icon.svg"


EN, AR, KU, TR = "docs/en/report.md", "docs/ar/report.md", "docs/ku/report.md", "docs/tr/report.md"
CONTACTS, INTERFACE = "data/contacts.yml", "data/interface.yml"
REDIRECTS, URLS, NO_REDIRECTS = "data/redirects.yml", "data/published-urls.yml", "redirects: {}"

CORPUS: dict[str, tuple[Edit, str]] = {
    "a specialist word the glossary replaces": (
        append(EN, "\nDo not touch the ordnance.\n"),
        "'ordnance' is not the word we use for this idea — write 'explosive item' instead",
    ),
    "a word that also means cleaning, in an Arabic page": (
        append(AR, "\nلا تدفع لأحد لينظف البيت.\n"),  # noqa: RUF001
        "'لينظف' is not the word we use for this idea",
    ),
    "a vehicle word that reads as 'them', in a Kurmanji page": (
        append(KU, "\nNêzîkî wanekê neçe.\n"),
        "'wanekê' is not the word we use for this idea — write 'kamyonet…' instead",
    ),
    "shells called bullets, in a Kurmanji page": (
        append(KU, "\nDest nede gulleyan.\n"),
        "'gulleyan' is not the word we use for this idea — write 'gulle… topê' instead",
    ),
    "a glossary word to avoid in an interface string": (
        replace(
            INTERFACE, "en: Stand still. Do not go closer.", "en: Stand still. Do not go near the munitions."
        ),
        "'munitions' is not the word we use for this idea",
    ),
    "a sentence too long to read at once": (
        append(
            EN,
            "\nGo back the way you came and tell your family and your neighbours and the children in"
            " the street what you saw there today.\n",
        ),
        "has 24 words; the most for 'en' is 20",
    ),
    "a passive from the plain-language list": (
        append(EN, "\nBombs are found in fields.\n"),
        "'are found' is a passive — write 'you may find them / there are' instead",
    ),
    "a glossary changed without its table in CONTRIBUTING": (
        stale_glossary_table,
        "the glossary table is out of date — run `python -m scripts glossary`",
    ),
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
        redate("docs/tr/children.md", "2026-02-30"),
        "'last_reviewed' is not a real date ('2026-02-30')",
    ),
    "date in the wrong format": (
        redate("docs/ku/children.md", "26/11/2026"),
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
        at_line_one(redate("docs/en/children.md", "2026-12-02", close=False)),
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
        "'##' headings differ from docs/en/report.md: 6 here, 7 there",
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
    # Inputs checked before MkDocs reads them (tests/test_input_checks.py has the variants).
    "billion laughs in front matter": (
        replace("docs/en/about.md", "title: About this guide\n", "title: About this guide\n" + LAUGHS, 1),
        "the front matter is not valid YAML (an anchor (&name) is not allowed",
    ),
    "billion laughs in a data file": (
        append(CONTACTS, "\n" + LAUGHS),
        "the file is not valid YAML for this site (an anchor (&name) is not allowed",
    ),
    "python tag in a data file": (
        append("data/leaflets.yml", "\nx: !!python/object/apply:os.system [id]\n"),
        "the tag '!!python/object/apply:os.system' is not allowed",
    ),
    "custom tag in front matter": (
        replace("docs/tr/about.md", "title: Bu rehber hakkında", "title: !foo Bu rehber hakkında"),
        "the front matter is not valid YAML (the tag '!foo' is not allowed)",
    ),
    "deep nesting in the published addresses": (
        append(URLS, "\nx: " + "[" * 100 + "]" * 100 + "\n"),
        "nested deeper than 20 levels",
    ),
    "python tag in mkdocs.yml": (
        append("mkdocs.yml", "\nx: !!python/object/apply:os.system [id]\n"),
        "the tag '!!python/object/apply:os.system' is not allowed",
    ),
    "a byte that is not UTF-8 in a page": (
        change_bytes("docs/en/about.md", lambda data: data.replace(b"this guide", b"this gu\xe9de", 1), 2),
        "the file is not UTF-8 text (byte 0xe9 cannot be read)",
    ),
    "a byte that is not UTF-8 in a template": (
        change_bytes("overrides/main.html", lambda data: b"\xff" + data, 1),
        "the file is not UTF-8 text (byte 0xff cannot be read)",
    ),
    "a byte-order mark before the front matter": (
        change_bytes(AR, lambda data: b"\xef\xbb\xbf" + data, 1),
        "the file starts with an invisible byte-order mark — save it as UTF-8 without BOM",
    ),
    "a byte-order mark in a data file": (
        change_bytes(INTERFACE, lambda data: b"\xef\xbb\xbf" + data, 1),
        "the file starts with an invisible byte-order mark",
    ),
    "a .meta.yml that switches a language to another template": (
        change_bytes("docs/ku/.meta.yml", lambda _: b"template: 404.html\n", 1),
        "docs/ holds no files of this kind (.meta.yml)",
    ),
    "an HTML file dropped into docs": (
        change_bytes("docs/en/extra.html", lambda _: b"<script>alert(1)</script>\n", 1),
        "docs/ holds no files of this kind (extra.html)",
    ),
    "an image too large for every reader's phone": (
        change_bytes("docs/assets/photo.jpg", lambda _: b"\xff\xd8" + b"0" * 300_000, 1),
        "the image is too large (300 KB, at most 200 KB)",
    ),
    "script in a pictogram": (
        replace(PICTOGRAM, SVG_END, "<script>alert(document.domain)</script>" + SVG_END),
        "<script> is not allowed in a picture",
    ),
    "event handler in a pictogram": (
        replace(PICTOGRAM, "<path ", '<path onmouseover="alert(1)" '),
        "the attribute 'onmouseover' (it runs code) is not allowed",
    ),
    "HTML inside a pictogram": (
        replace(PICTOGRAM, SVG_END, "<foreignObject><p>Call now</p></foreignObject>" + SVG_END),
        "<foreignObject> is not allowed in a picture",
    ),
    "icon drawing from another website": (
        replace(ICON, SVG_END, '<image href="https://example.org/x.png"/>' + SVG_END),
        "'href' points outside the picture (https://example.org/x.png)",
    ),
    "entity in a pictogram": (
        change_bytes(PICTOGRAM, lambda data: b'<!DOCTYPE svg [<!ENTITY a "b">]>\n' + data, 1),
        "a document type (<!DOCTYPE>) or entity is not allowed in a picture",
    ),
    "snippets switched on in mkdocs.yml": (
        replace(
            "mkdocs.yml", "  - pymdownx.superfences", "  - pymdownx.superfences\n  - pymdownx.snippets", 1
        ),
        "pymdownx.snippets can read any file into a page",
    ),
    "a script added to every page by mkdocs.yml": (
        replace("mkdocs.yml", "extra_css:", "extra_javascript:\n  - https://example.org/x.js\nextra_css:", 1),
        "'https://example.org/x.js' in extra_javascript is not on the reviewed list",
    ),
    "a hook added to mkdocs.yml": (
        replace(
            "mkdocs.yml",
            "  - scripts/engine/mkdocs/hooks/print_page.py",
            "  - scripts/engine/mkdocs/hooks/print_page.py\n  - scripts/engine/mkdocs/hooks/evil.py",
            1,
        ),
        "'scripts/engine/mkdocs/hooks/evil.py' in hooks is not on the reviewed list",
    ),
    "contact verified in the future": (
        replace(CONTACTS, "verified: null", "verified: 2099-01-01"),
        "the date 2099-01-01 is in the future",
    ),
    "page reviewed in the future": (
        redate("docs/en/about.md", "2099-12-31"),
        "the date 2099-12-31 is in the future",
    ),
    "right-to-left override in a page": (
        append(EN, "\nCall \u202e67 16 268 835 09+\u202c now.\n"),
        "an invisible direction control (U+202E RIGHT-TO-LEFT OVERRIDE)",
    ),
    "bidi isolate in a contact name": (
        replace(CONTACTS, "      ku: Hejmara awarte", "      ku: \u2067Hejmara awarte"),
        "an invisible direction control (U+2067 RIGHT-TO-LEFT ISOLATE)",
    ),
    "zero-width space in an interface string": (
        replace(INTERFACE, "    tr: Arayın\n", "    tr: Ara\u200byın\n"),
        "an invisible character (U+200B ZERO WIDTH SPACE)",
    ),
    "zero-width joiner outside an Arabic word": (
        append(EN, "\nCall 112\u200d now.\n"),
        "an invisible character (U+200D ZERO WIDTH JOINER)",
    ),
    "link text that reads as another address": (
        append(EN, "\nSee [https://www.jarablus-police.com](https://example.org/x).\n"),
        "the link text 'https://www.jarablus-police.com' reads as a web address",
    ),
    "domain as link text for a page of the site": (
        append(EN, "\nSee [jarablus-police.gov.sy](about.md).\n"),
        "the link text 'jarablus-police.gov.sy' reads as a web address",
    ),
    "phone number split by bold": (
        append(EN, "\nCall +90 **538** 862 61 76 now.\n"),
        "a phone number (+90 538 862 61 76) is written in the page, split up by markup",
    ),
    "phone number split by a span": (
        append(AR, "\n+90 538 <span>862</span> 61 76\n"),
        "split up by markup",
    ),
    "title made only of spaces": (
        replace("docs/en/about.md", "title: About this guide", "title: '   '"),
        "has no words, so the page would have no name",
    ),
    "title made only of markup": (
        replace("docs/tr/about.md", "title: Bu rehber hakkında", "title: '<b></b>'"),
        "has no words, so the page would have no name",
    ),
    "a page too full of brackets to check quickly": (
        at_line_one(append(KU, "\n" + "[" * 400 + "\n")),
        "the page is too large to check",
    ),
    # Markup where templates print text (tests/test_output_policy.py has the variants).
    "script in a front-matter title": (
        replace(
            EN, "title: Report a danger", 'title: "Report</title><script>alert(document.domain)</script>"'
        ),
        "the title contains HTML",
    ),
    "script in a data/interface.yml string": (
        replace(
            INTERFACE,
            "    en: Page not found\n",
            '    en: "Not found<script>alert(document.domain)</script>"\n',
        ),
        "the text 'text.404.title.en' contains HTML",
    ),
    "script in a theme string": (
        replace(
            "overrides/partials/languages/ku.html",
            '"action.skip": "Derbasî naverokê bibe"',
            '"action.skip": "Derbasî</a><script>alert(document.domain)</script>"',
        ),
        "a theme string contains HTML",
    ),
    "script hidden by the noscript title trick": (
        append(
            EN, '\n<noscript><p title="</noscript><script>alert(document.domain)</script>"></p></noscript>\n'
        ),
        "<noscript> is not allowed in content",
    ),
    # Addresses and numbers (tests/test_address_checks.py has the many variants of each).
    "redirect key that climbs out of the site": (
        replace(REDIRECTS, NO_REDIRECTS, "redirects:\n  ../../escape.md: report.md", 1),
        "'../../escape.md' is not a page path",
    ),
    "redirect key that writes its own nginx rule": (
        replace(
            REDIRECTS,
            NO_REDIRECTS,
            "redirects:\n  'x.md; } location / { return 200 owned; } #': report.md",
            1,
        ),
        "'x.md; } location / { return 200 owned; } #' is not a page path",
    ),
    "redirect key with a line break": (
        replace(REDIRECTS, NO_REDIRECTS, 'redirects:\n  "old.md\\n  return 301": report.md', 1),
        "'old.md\\n  return 301' is not a page path",
    ),
    "redirect to a page that does not exist": (
        replace(REDIRECTS, NO_REDIRECTS, "redirects:\n  old-report.md: report-new.md", 1),
        "'old-report.md' should go to 'report-new.md', which is not a page",
    ),
    "redirect that leads to another redirect": (
        replace(REDIRECTS, NO_REDIRECTS, "redirects:\n  a.md: b.md\n  b.md: report.md", 1),
        "'a.md' is redirected to 'b.md', which is redirected on line",
    ),
    "redirect of a page that still exists": (
        replace(REDIRECTS, NO_REDIRECTS, "redirects:\n  report.md: about.md", 1),
        "'report.md' is still a page",
    ),
    "the same old page redirected twice": (
        replace(REDIRECTS, NO_REDIRECTS, "redirects:\n  old.md: report.md\n  old/index.md: about.md", 2),
        "'old/index.md' is redirected twice (also on line",
    ),
    "the same redirect key written twice": (
        replace(REDIRECTS, NO_REDIRECTS, "redirects:\n  old.md: report.md\n  old.md: about.md", 2),
        "the key 'old.md' is written twice here; keep one",
    ),
    "published address removed from the list": (
        in_git(replace(URLS, '  - "/en/about/"\n', "")),
        "the published address '/en/about/' was removed (it is in this file on main)",
    ),
    "page deleted while its addresses are published": (
        delete_everywhere("packages.md", URLS, 32),
        "'/en/packages/' was printed on paper and no longer leads to a page (its page is gone)",
    ),
    "Arabic page says 60 m where the source says 600 m": (
        replace("docs/ar/vehicles.md", "600 متر", "60 متر"),
        "numbers differ from docs/en/vehicles.md:44: 60 here, 600 there",
    ),
    "a distance changed, written in Arabic-Indic digits": (
        replace("docs/ar/vehicles.md", "100 متر", "\u0661\u0660 متر"),
        "numbers differ from docs/en/vehicles.md:43: 10 here, 100 there",
    ),
    "a year changed in a translation": (
        replace("docs/ku/ordnance/improvised-devices.md", "2016an", "2061an"),
        "numbers differ from docs/en/ordnance/improvised-devices.md:22: 2061 here, 2016 there",
    ),
    "a distance split by a space": (
        replace("docs/tr/vehicles.md", "600 metre", "6 00 metre"),
        "numbers differ from docs/en/vehicles.md:44: 6, 0 here, 600 there",
    ),
    "a number changed in a translated interface string": (
        replace(INTERFACE, "    tr: A4, tek sayfa", "    tr: A3, tek sayfa"),
        "numbers in 'tr' differ from 'en' on line 287: 3 here, 4 there",
    ),
    # Templates, stylesheets, scripts and mkdocs.yml (tests/test_input_checks.py has the variants).
    "a template that includes a file from outside the theme": (
        replace(
            "overrides/main.html",
            "{% block extrahead %}",
            '{% include "../../../etc/hostname" %}\n{% block extrahead %}',
        ),
        "the template '../../../etc/hostname' is not the theme's",
    ),
    "a template with a tag that closes nothing": (
        replace("overrides/main.html", "{% block content %}", "{% endif %}\n{% block content %}"),
        "the template cannot be read",
    ),
    "a stylesheet that loads from another host": (
        append(
            "overrides/assets/stylesheets/site.css",
            "\nbody { background: url(https://evil.example/t.png); }\n",
        ),
        "the stylesheet loads 'https://evil.example/t.png' from elsewhere",
    ),
    "a stylesheet that imports another": (
        append("overrides/assets/stylesheets/site.css", '\n@import "//evil.example/x.css";\n'),
        "@import loads another stylesheet",
    ),
    "a new script file in the theme": (
        change_bytes("overrides/assets/javascripts/evil.js", lambda _: b"fetch('/x')\n", 1),
        "this script is not on the reviewed list of scripts",
    ),
    "a script changed without review": (
        at_line_one(append("overrides/assets/javascripts/site.js", "\ndocument.body.textContent = '';\n")),
        "this script changed since it was reviewed",
    ),
    "the site address written into mkdocs.yml": (
        replace(
            "mkdocs.yml",
            'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]',
            "site_url: https://evil.example/",
        ),
        "site_url must come from SITE_URL, as committed",
    ),
    "a javascript: site address as SITE_URL's fallback": (
        replace("mkdocs.yml", '"http://127.0.0.1:8000/"]', '"javascript:alert(1)//"]'),
        "site_url must come from SITE_URL, as committed",
    ),
    "a language switched off": (
        replace(
            "mkdocs.yml",
            "          build: true\n          site_name: Rêbera",
            "          build: false\n          site_name: Rêbera",
        ),
        "'build' must be true",
    ),
    "a setting of its own for one language": (
        replace(
            "mkdocs.yml",
            "          site_name: Rêbera",
            "          docs_dir: /etc\n          site_name: Rêbera",
        ),
        "the language setting 'docs_dir' is not on the reviewed list",
    ),
    # Found by the red team of stop 25: each reached the built site before.
    "link text that names a website inside other words": (
        append(EN, "\n[AFAD website (afad.gov.tr)](https://evil.example/)\n"),
        "names the website 'afad.gov.tr', but the link goes to 'https://evil.example/'",
    ),
    "a stylesheet that writes a phone number onto every page": (
        append(
            "overrides/assets/stylesheets/site.css",
            '\n@media screen { main::before { content: "\\2b 90 555 123 45 67" } }\n',
        ),
        "the stylesheet writes a phone number (+90 555 123 45 67) onto pages",
    ),
    "a phone number in a pictogram's title": (
        replace(PICTOGRAM, SVG_END, "<title>+90 555 123 45 67</title></svg>"),
        "the picture holds a phone number (+90 555 123 45 67)",
    ),
    "an event handler in a theme partial": (
        replace(
            "overrides/partials/search.html",
            '<div class="md-search" role="dialog"',
            '<img src="x" onerror="alert(1)"><div class="md-search" role="dialog"',
        ),
        "the template's HTML runs code ('onerror=')",
    ),
    "a page that is a link to a file outside the project": (
        link_to("docs/en/children.md", "/etc/hostname"),
        "this is a link to another file (a symlink)",
    ),
    "a picture with a link in it": (
        replace(PICTOGRAM, SVG_END, '<a href="https://evil.example/"><rect width="9" height="9"/></a></svg>'),
        "<a> is not allowed in a picture",
    ),
    "a picture that animates a link into place": (
        replace(PICTOGRAM, SVG_END, '<set attributeName="fill" to="red"/></svg>'),
        "<set> is not allowed in a picture",
    ),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The 'published' site every broken edit must leave exactly as it was: a stand-in with a page,
    a folder and a stylesheet, since any write, swap or removal changes its digests as surely as
    it would a real site's (building a real one here cost half a minute and proved no more; the
    build tests swap real sites)."""
    site = published_site(tmp_path_factory.mktemp("published") / "site")
    (site / "ku").mkdir()
    (site / "ku" / "index.html").write_text("<!doctype html><title>Rêbera</title>", encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets" / "site.css").write_text("body{margin:0}", encoding="utf-8")
    return site, digests(site)


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("name", list(CORPUS))
def test_broken_edit_is_reported_and_never_published(published, tmp_path: Path, name: str, capfd):
    """`make build` on the broken copy, run in this process (run_here): it lists every problem of
    the content check, as `make check` does, and stops before the engine. One run per edit, not a
    check and then a build, each starting Python: the next test does that once, as an editor would."""
    site, before = published
    project = copy_project(tmp_path / "project")
    edit, message = CORPUS[name]
    file, line = edit(project)
    expected = f"{file}:{line}: "

    (project / "site").symlink_to(site, target_is_directory=True)
    status, out, err = run_here(project, capfd, "build")
    assert status != 0
    reported = [row for row in (err + out).splitlines() if row.startswith(expected) and message in row]
    assert reported, f"expected '{expected}… {message}', got:\n{err + out}"
    assert "left as it was" in err
    assert digests(site) == before


def test_an_editors_own_commands_report_a_broken_edit(published, tmp_path: Path):
    """The same through `python -m scripts` in the copy, as `make check` and `make build` run it."""
    site, before = published
    project = copy_project(tmp_path / "project")
    edit, message = CORPUS["a specialist word the glossary replaces"]
    file, line = edit(project)
    check = run(project, "check")
    assert check.returncode == 1 and f"{file}:{line}: " in check.stdout and message in check.stdout
    (project / "site").symlink_to(site, target_is_directory=True)
    build = run(project, "build")
    assert build.returncode != 0 and message in build.stderr + build.stdout
    assert "left as it was" in build.stderr and "Traceback" not in build.stderr
    assert digests(site) == before


def test_a_big_site_is_checked_on_every_core_with_the_same_findings(tmp_path: Path, monkeypatch):
    """Above content_check.PARALLEL_FROM pages, the pages are checked in worker processes: the
    problems found (here, a typed-in number and a dangerous snippet) must be exactly the same."""
    from scripts.checks import content_check

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
