"""What the reader gets: phone numbers and links in the published site (issue 16).

Tested on the mechanism first (scripts/checks/phone_numbers.py, the one matcher; scripts/checks/link_hosts.py,
the one reading of hosts; the reader checks of scripts/finish/output_policy.py), with many spellings of
each trick, then on builds of project copies with hostile edits that no source check reads: each
must fail the build naming the source file and line (or the published file and element), and the
real site must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.checks import link_hosts, phone_numbers
from scripts.finish import output_policy
from tests.project_copy import copy_project, digests, published_site, run, switch_off_content_check

HOST = "site.example"
NUMBERS = output_policy.contact_numbers()
# Not in data/contacts.yml: the test's stand-in for a planted number (0538 862 61 77, one digit off).
PLANTED = "0538 862 61 77"
PLANTED_DIGITS = "05388626177"
# Digits of other scripts: Arabic-Indic, Eastern Arabic-Indic (Persian, Sorani), full-width.
ARABIC = str.maketrans("0123456789", "".join(chr(0x0660 + digit) for digit in range(10)))
PERSIAN = str.maketrans("0123456789", "".join(chr(0x06F0 + digit) for digit in range(10)))
FULLWIDTH = str.maketrans("0123456789+", "".join(chr(0xFF10 + digit) for digit in range(10)) + "\uff0b")


def entities(text: str, hexadecimal: bool = False) -> str:
    return "".join(f"&#x{ord(char):x};" if hexadecimal else f"&#{ord(char)};" for char in text)


def messages(body: str, head: str = "") -> list[str]:
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        f"{head}</head><body>{body}</body></html>"
    )
    return [item.message for item in output_policy.check_html(page, "page.html", HOST, NUMBERS)]


# --- The matcher --------------------------------------------------------------------------------

SPELLINGS = {
    "plain": "0538 862 61 77",
    "international": "+90 538 862 61 77",
    "no spaces": "05388626177",
    "Arabic-Indic digits": "0538 862 61 77".translate(ARABIC),
    "Eastern Arabic-Indic digits": "05388626177".translate(PERSIAN),
    "full-width digits": "+90 538 862 61 77".translate(FULLWIDTH),
    "no-break spaces": "0538\u00a0862\u00a061\u00a077",
    "thin spaces": "+90\u2009538\u2009862\u200961\u200977",
    "narrow no-break spaces": "0538\u202f862\u202f61\u202f77",
    "hyphens": "0538-862-61-77",
    "non-breaking hyphens": "0538\u2011862\u201161\u201177",
    "en dashes": "0538\u2013862\u201361\u201377",
    "minus signs": "0538\u2212862\u221261\u221277",
    "dots": "0538.862.61.77",
    "brackets": "(0538) 862 61 77",
    "slashes": "0538/862/61/77",
    "Arabic digits, thin spaces": "+90\u2009538\u2009862\u200961\u200977".translate(ARABIC),
    "zero-width space inside": "0538\u200b862 61 77",
    "after a year in brackets": "(2018) 0538 862 61 77",
    "another country": "+963 21 234 5678",
    "a run of 8 digits": "12 34 56 78",
}


@pytest.mark.parametrize("name", list(SPELLINGS))
def test_the_matcher_finds_a_number_however_it_is_spelled(name: str):
    text = f"Call {SPELLINGS[name]} now."
    found = phone_numbers.find(text)
    assert found, f"{name}: {text!r}"
    assert all(text[item.start : item.end] == item.raw for item in found)
    assert all(item.digits.isascii() and item.digits.isdigit() for item in found)


@pytest.mark.parametrize(
    "text",
    [
        "Updated 2026-11-26.",
        "On 16.04.2018 and 16/04/2018 and 2018/04/16.",
        "From 2016 to 2018, 2016\u20132018, 2016 - 2018.",
        "Open 08:00\u201316:00, 8:30-12:00.",
        "Stay 600 m away, 1.5 km, 100 metres, for 30 minutes.",
        "Version 1.2.3, 4 people, 3 rooms, 112, 110.",
        "600 متر و 1\u066b5 كم".translate(ARABIC),
        "eSyria (2012) and embassy notices (2020, 2023)",
    ],
)
def test_dates_times_distances_and_short_numbers_are_not_phone_numbers(text: str):
    assert phone_numbers.find(text) == []


@pytest.mark.parametrize(
    "text", ["+90 538 862 61 76", "0538 862 61 76", "٠٥٣٨ ٨٦٢ ٦١ ٧٦", "+90 (538) 862-61-76"]
)
def test_the_contacts_numbers_are_known_in_their_international_and_local_forms(text: str):
    found = phone_numbers.find(text)
    assert found and all(phone_numbers.known(item, NUMBERS) for item in found)


def test_a_number_with_digits_added_is_not_known():
    found = phone_numbers.find("+90 538 862 61 76 99")
    assert found and not all(phone_numbers.known(item, NUMBERS) for item in found)


# --- Numbers in the published page ---------------------------------------------------------------

PLANTED_IN_OUTPUT = {
    "title attribute in decimal entities": f'<p title="{entities(PLANTED)}">x</p>',
    "title attribute in hex entities": f'<span title="{entities(PLANTED, True)}">x</span>',
    "half in entities": f'<p title="{entities(PLANTED[:4])}{PLANTED[4:]}">x</p>',
    "image alt": f'<img src="a.png" alt="Call {PLANTED}">',
    "aria-label": f'<a href="report/" aria-label="{PLANTED}">x</a>',
    "placeholder": f'<input type="text" placeholder="{PLANTED}">',
    "button value": f'<input type="button" value="{PLANTED}">',
    "text in entities": f"<p>Call {entities(PLANTED)}.</p>",
    "text split by bold": "<p>Call +90 <b>538</b> 862 61 77.</p>",
    "text split by three inline elements": "<p>Call <span>0538</span> <em>862</em> <code>61 77</code>.</p>",
    "text split by a comment": "<p>Call 0538 862<!-- x --> 61 77.</p>",
    "Arabic digits in text": f"<p>اتصل {PLANTED.translate(ARABIC)}</p>",
    "Arabic digits in entities": f'<p title="{entities(PLANTED.translate(ARABIC))}">x</p>',
    "nbsp entities": "<p>0538&nbsp;862&nbsp;61&nbsp;77</p>",
    "thin-space entities": "<p>0538&thinsp;862&thinsp;61&thinsp;77</p>",
    "svg title": f'<svg viewBox="0 0 1 1"><title>{PLANTED}</title><path d="M0 0"/></svg>',
    "svg desc": f'<svg viewBox="0 0 1 1"><desc>{entities(PLANTED)}</desc></svg>',
    "tel link": '<a href="tel:+905388626177">call</a>',
    "tel link in entities": f'<a href="tel:{entities("+905388626177")}">call</a>',
    "tel link, another short number": '<a href="tel:199">call</a>',
    "sms link": '<a href="sms:05388626177">text</a>',
    "sms body": '<a href="sms:112?body=call%200538%20862%2061%2077">text</a>',
    "noscript, scripting off": f"<noscript><p>{PLANTED}</p></noscript>",
    "noscript title trick": f"<noscript><p title=\"</noscript><p title='{PLANTED}'>\"></p></noscript>",
}


@pytest.mark.parametrize("name", list(PLANTED_IN_OUTPUT))
def test_a_number_that_is_not_a_contacts_number_is_refused(name: str):
    found = messages(PLANTED_IN_OUTPUT[name])
    assert any("not one of data/contacts.yml's numbers" in message for message in found), (name, found)


@pytest.mark.parametrize(
    "head",
    [
        f'<meta name="description" content="{entities(PLANTED)}">',
        f'<meta property="og:description" content="Call {PLANTED}">',
        f'<meta name="twitter:title" content="{PLANTED}">',
        f"<title>Call {PLANTED}</title>",
    ],
)
def test_a_number_in_what_search_results_and_previews_show_is_refused(head: str):
    assert any("not one of data/contacts.yml's numbers" in message for message in messages("", head))


ALLOWED_IN_OUTPUT = {
    "the contact's number": "<p>Call +90 538 862 61 76.</p>",
    "split by markup": "<p>Call <bdi>+90 538 862 61 76</bdi>.</p>",
    "in Arabic digits": "<p>٠٥٣٨ ٨٦٢ ٦١ ٧٦</p>",
    "its tel link": '<a href="tel:+905388626176">+90 538 862 61 76</a>',
    "a short contact number": '<a href="tel:112">112</a>',
    "table cells are not one text": "<table><tr><td>1234</td><td>5678</td></tr></table>",
    "two paragraphs": "<p>1234</p><p>5678</p>",
    "a line break": "<p>1234<br>5678</p>",
    "dates and distances": "<p>16.04.2018, 2026-11-26, 08:00\u201316:00, 600 m, 1.5 km</p>",
    "time element": '<time datetime="2026-11-26T10:00:00+00:00">26 November 2026</time>',
    "hashes and versions in attributes": (
        '<img src="assets/images/a.12345678.png" alt="" data-hash="1234567890123" data-md-version="20181204">'
    ),
    "digits in a script": '<script src="assets/javascripts/site.js?v=1234567890" defer></script>',
    "a QR code's drawing": '<svg viewBox="0 0 29 29"><path d="M0 0h7v7H0z M12345678 90"/></svg>',
    "a link address with digits": '<a href="https://example.org/2018/04/16/12345678">news</a>',
}


@pytest.mark.parametrize("name", list(ALLOWED_IN_OUTPUT))
def test_contacts_numbers_dates_and_asset_names_pass(name: str):
    assert messages(ALLOWED_IN_OUTPUT[name]) == []


def test_a_number_refused_in_an_attribute_is_traced_to_the_source_that_spelled_it(tmp_path: Path):
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides/main.html").write_text(
        f'<p>one</p>\n<meta name="description" content="Call {entities(PLANTED[:4], True)}{PLANTED[4:]}">\n',
        encoding="utf-8",
    )
    # Another number that starts the same, in the same references: not where this one came from.
    other = entities("0538 862 61 78")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\n# {other}\n", encoding="utf-8")
    page = f'<html><head><meta name="description" content="Call {PLANTED}"></head><body></body></html>'
    found = output_policy.check_html(page, "en/index.html", HOST, NUMBERS)
    assert [output_policy.traced(item, tmp_path).split(": ")[0] for item in found] == [
        "overrides/main.html:2"
    ]


# --- Hosts: the links ---------------------------------------------------------------------------

BAD_LINKS = {
    "http to another host": "http://example.org/page",
    "HTTP upper case": "HTTP://EXAMPLE.ORG/",
    "http with a tab in the scheme": "ht\ttp://example.org/",
    "http with a newline in the scheme": "htt\np://example.org/",
    "https without slashes": "https:example.org",
    "HTTPS without slashes, upper case": "HTTPS:example.org/x",
    "https with one slash": "https:/example.org",
    "https with a tab before the host": "https:\texample.org",
    "http without slashes": "http:example.org",
    "protocol-relative": "//example.org/",
    "protocol-relative with backslashes": "\\\\example.org/",
    "user name before the host": "https://police.gov.tr@example.org/",
    "user and password": "https://user:pass@example.org/",
    "punycode": "https://xn--jarablus-plice-5fb.com/",
    "punycode in upper case": "https://XN--80AK6AA92E.COM/",
    "Cyrillic o": "https://jarablus-p\u043elice.com/",
    "Cyrillic a in entities": "https://ex&#x430;mple.org/",
    "Greek omicron": "https://jarablus-p\u03bflice.com/",
    "full-width letters": "https://\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org/",
    "full-width dot": "https://example\u3002org/",
    "percent-encoded Cyrillic": "https://jarablus-p%D0%BElice.com/",
    "an IP address": "https://192.0.2.1/",
    "mail to a look-alike domain": "mailto:police@jarablus-p\u043elice.com",
    "ftp": "ftp://example.org/",
    "javascript with a tab": "java\tscript:alert(1)",
}


@pytest.mark.parametrize("name", list(BAD_LINKS))
def test_a_link_that_may_mislead_is_refused(name: str):
    assert messages(f'<a href="{BAD_LINKS[name]}">the police</a>'), name


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/page",
        "HTTPS://EXAMPLE.ORG/page",
        "https://www.example.org:443/a?b=c#d",
        "report/",
        "../contacts/#police",
        "#top",
        "mailto:someone@example.org",
        "tel:+905388626176",
        f"http://{HOST}/en/",
        f"//{HOST}/en/",
    ],
)
def test_plain_links_pass(href: str):
    assert messages(f'<a href="{href}">the police</a>') == []


# --- Hosts: the link text -----------------------------------------------------------------------

MISLEADING_TEXT = {
    "another host": ("www.jarablus-police.com", "https://example.org/"),
    "another host, with scheme": ("https://www.jarablus-police.com/", "https://example.org/"),
    "text with https: and no slashes": ("https:jarablus-police.com", "https://example.org/"),
    "Cyrillic o, same host": ("jarablus-p\u043elice.com", "https://jarablus-police.com/"),
    "Cyrillic a and e, same host": ("\u0435x\u0430mple.org", "https://example.org/"),
    "Greek omicron, same host": ("jarablus-p\u03bflice.com", "https://jarablus-police.com/"),
    "Turkish dotless i, same host": ("jarablus-pol\u0131ce.com", "https://jarablus-police.com/"),
    "full-width, another host": (
        "\uff4a\uff41\uff52\uff41\uff42\uff4c\uff55\uff53.com",
        "https://example.org/",
    ),
    "upper case, another host": ("EXAMPLE.ORG", "https://example.com/"),
    "address text on a page link": ("example.org/contacts", "../contacts/"),
    "Arabic domain": ("شرطة.سوريا", "https://example.org/"),
    "an address inside longer text": ("AFAD website (afad.gov.tr)", "https://example.org/"),
    "an address inside Arabic text": ("\u0645\u0648\u0642\u0639 afad.gov.tr", "https://example.org/"),
    "one dot leaders as dots": ("AFAD's site: afad\u2024gov\u2024tr", "https://example.org/"),
    "ideographic full stops as dots": ("afad\u3002gov\u3002tr", "https://example.org/"),
    "a look-alike letter inside longer text": ("site: afad.g\u043ev.tr", "https://afad.gov.tr/"),
    "www. inside longer text": ("see www.jarablus-police.xyz now", "https://example.org/"),
}


@pytest.mark.parametrize("name", list(MISLEADING_TEXT))
def test_link_text_that_names_another_host_or_mixes_scripts_is_refused(name: str):
    shown, href = MISLEADING_TEXT[name]
    assert link_hosts.text_problem(shown, href, HOST), name
    assert messages(f'<a href="{href}">{shown}</a>'), name
    assert messages(f'<a href="{href}" title="{shown}">the police</a>'), name
    assert messages(f'<a href="{href}" aria-label="{shown}">the police</a>'), name


def test_link_text_split_by_markup_is_read_whole():
    assert messages('<a href="https://example.org/">www.<b>jarablus</b>-police.com</a>')


@pytest.mark.parametrize(
    ("shown", "href"),
    [
        ("example.org", "https://example.org/page"),
        ("www.example.org", "https://example.org"),
        ("https://example.org", "https://www.example.org/"),
        ("EXAMPLE.ORG", "https://example.org/"),
        ("\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org", "https://example.org/"),  # full-width: same host
        ("example.org:443", "https://example.org/"),
        ("Report a danger", "https://example.org/"),
        ("1.5 km", "report/"),
        ("e.g.", "report/"),
        ("+90 538 862 61 76", "tel:+905388626176"),
        ("someone@example.org", "mailto:someone@example.org"),
        ("AFAD website (afad.gov.tr)", "https://www.afad.gov.tr/"),
        ("Download the leaflet.pdf", "leaflet.pdf"),
        ("Enab Baladi, 16 April 2018", "https://example.org/"),
    ],
)
def test_honest_link_text_passes(shown: str, href: str):
    assert link_hosts.text_problem(shown, href, HOST) is None
    assert messages(f'<a href="{href}">{shown}</a>') == []


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("www.Example.org", "example.org"),
        ("https://example.org:8443/a", "example.org"),
        ("https:example.org", "example.org"),
        ("//example.org/x", "example.org"),
        ("jarablus-p\u043elice.com", "jarablus-police.com"),
        ("\u0435x\u0430mple.org", "example.org"),
        ("\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org", "example.org"),
        ("Report a danger", None),
        ("1.5 km", None),
    ],
)
def test_the_host_a_text_names(text: str, host: str | None):
    assert link_hosts.named_host(text) == host


# --- Builds: hostile edits that no source check reads ---------------------------------------------

E = entities(PLANTED)
OTHER = "0538 862 61 78"
HTTPS_NEEDED = "a link to another website must start with https://"


def edit(project: Path, file: str, old: str, new: str) -> int:
    """Replace ``old`` once; return the line the new text starts on."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer holds {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, text.index(old)) + 1


def failed_build(project: Path) -> str:
    """Build the copy over a stand-in published site; the build must fail and leave it alone."""
    site = published_site(project / "site")
    before = digests(site)
    build = run(project, "build")
    output = build.stdout + build.stderr
    assert build.returncode != 0, output
    assert "Traceback" not in output
    assert "left as it was" in build.stderr
    assert digests(site) == before
    return output


def test_templates_and_theme_strings_stop_the_build_with_their_line(tmp_path: Path):
    """With every check on: numbers in character references and links that a browser reads as
    another website, in a theme string and in templates (no source check decodes them)."""
    project = copy_project(tmp_path / "project")
    theme = "overrides/partials/languages/ku.html"
    theme_line = edit(project, theme, '"search.placeholder": "Lêgerîn"', f'"search.placeholder": "{E}"')
    # Another number in the description: the same one spelled twice is traced to one of its files.
    meta = f'\n  <meta name="description" content="Call {entities(OTHER[:4], True)}{OTHER[4:]}">'
    main_line = 1 + edit(
        project,
        "overrides/main.html",
        '<meta name="theme-color" content="#b71c1c">',
        '<meta name="theme-color" content="#b71c1c">' + meta,
    )
    links = (
        '      <li><a href="http://example.org/help">help</a></li>\n'
        '      <li><a href="https:example.org">help</a></li>\n'
        '      <li><a href="https://police.gov.tr@example.org/">police</a></li>\n'
        f'      <li><a href="tel:{entities("+905551112233")}">call</a></li>\n'
        "    </ul>"
    )
    first = edit(project, "overrides/404.html", "    </ul>", links)
    output = failed_build(project)
    expected = [
        f"{theme}:{theme_line}: the placeholder of <input> shows the phone number '{PLANTED}'",
        f"{theme}:{theme_line}: the aria-label of <input> shows the phone number '{PLANTED}'",
        f"overrides/main.html:{main_line}: the content of <meta> shows the phone number '{OTHER}'",
        f"overrides/404.html:{first}: <a> href='http://example.org/help': {HTTPS_NEEDED}",
        f"overrides/404.html:{first + 1}: <a> href='https:example.org': "
        "'https:example.org' has no '//' after 'https:'",
        f"overrides/404.html:{first + 2}: <a> href='https://police.gov.tr@example.org/': "
        "'https://police.gov.tr@example.org/' has a user name before its host",
        f"overrides/404.html:{first + 3}: <a href='tel:+905551112233'> dials 905551112233, which is not",
    ]
    for message in expected:
        assert message in output, f"{message}\n---\n{output}"


def without_content_check(project: Path) -> None:
    """No content check in the copy (before the engine, nor in its hook):
    what is left is the output policy (the last line)."""
    switch_off_content_check(project)


def test_without_the_source_checks_the_output_policy_names_each_page_line(tmp_path: Path):
    """The source checks off: the output policy alone stops numbers and look-alike links written in
    a page (as attributes, in references, split by markup) and in a pictogram."""
    project = copy_project(tmp_path / "project")
    without_content_check(project)
    page = "docs/en/report.md"
    lines = {
        "title": f'<span title="{E}">the council</span>',
        "split": "Call +90 <b>538</b> 862 61 77 now.",
        "arabic": f'<span title="{entities(PLANTED.translate(ARABIC))}">the council</span>',
        "cyrillic": "[jarablus-p\u043elice.com](https://jarablus-police.com/)",
        "punycode": "[the police](https://xn--jarablus-plice-5fb.com/)",
        "slashes": "[the police](//example.org/police)",
        "upper": "[the police](HTTPS:example.org)",
    }
    path = project / page
    before = path.read_text(encoding="utf-8")
    first = before.count("\n") + 2
    path.write_text(before + "\n" + "\n\n".join(lines.values()) + "\n", encoding="utf-8")
    line = {name: first + 2 * index for index, name in enumerate(lines)}
    pictogram = "docs/assets/pictograms/report.svg"
    svg_line = edit(project, pictogram, "</svg>", f"<desc>{E}</desc></svg>")
    output = failed_build(project)
    expected = [
        f"{page}:{line['title']}: the title of <span> shows the phone number '{PLANTED}'",
        f"{page}:{line['split']}: the text of <p> shows the phone number '+90 538 862 61 77'",
        f"{page}:{line['arabic']}: the title of <span> shows the phone number '{PLANTED.translate(ARABIC)}'",
        f"{page}:{line['cyrillic']}: the link text 'jarablus-p\u043elice.com' mixes a letter of another",
        f"{page}:{line['punycode']}: <a> href='https://xn--jarablus-plice-5fb.com/': "
        "the website's name 'xn--jarablus-plice-5fb.com' is written in punycode",
        f"{page}:{line['slashes']}: <a> href='//example.org/police': it points to another website",
        f"{page}:{line['upper']}: <a> href='HTTPS:example.org': 'https:example.org' has no '//'",
        f"{pictogram}:{svg_line}: the text of <desc> shows the phone number '{PLANTED}'",
    ]
    for message in expected:
        assert message in output, f"{message}\n---\n{output}"


def test_the_real_site_passes_with_the_reader_checks_on(built_site: Path):
    assert output_policy.check(built_site) == []
    pages = [path for path in built_site.rglob("*.html")]
    shown = [
        number.raw
        for path in pages
        for _, text in output_policy.text_segments(
            output_policy.parsed(path.read_text("utf-8"), scripting=False), scripting=False
        )
        for number in phone_numbers.find(text)
    ]
    assert shown, "the site shows the contacts' numbers; the check must have seen them"
