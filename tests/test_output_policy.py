"""The output policy (scripts/finish/output_policy.py), the reviewed inline scripts
(scripts/finish/allowed_inline_scripts.py) and the escaping of what content puts into templates.

Tested on the mechanism: a browser-grade parser (html5lib, scripting on and off), one allow-list
of elements, attributes and URL schemes, and the policy built from the reviewed list only, with
variants of each trick (case, entities, whitespace inside a scheme, srcset, SVG and MathML links,
protocol-relative addresses), and on what readers get: built sites and Chromium.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import warnings
import zipfile
import zlib
from pathlib import Path
from urllib.parse import unquote

import html5lib
import pytest

from scripts.finish import allowed_inline_scripts, output_policy, policy_cache, security_headers
from scripts.problems import BuildStopped
from scripts.serve import serving
from scripts.serve.static_server import read_headers_file
from tests import nginx_server
from tests.browser_waits import wait_until
from tests.project_copy import copy_project, digests, git, published_site, run, switch_off_content_check

HOST = "site.example"
SVG_NS = "http://www.w3.org/2000/svg"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NO_JS = 'document.documentElement.classList.remove("no-js")'


def violations(body: str, host: str = HOST) -> list[str]:
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
    page = f"{head}<body>{body}</body></html>"
    return [item.message for item in output_policy.check_html(page, "page.html", host)]


BAD = {
    "script": "<script>alert(1)</script>",
    "script in upper case": "<SCRIPT>alert(1)</SCRIPT>",
    "module script": '<script type="module">import("/x.js")</script>',
    "listed script with one more space": f"<script>{NO_JS} </script>",
    "script from another host": '<script src="https://evil.example/a.js"></script>',
    "script protocol-relative": '<script src="//evil.example/a.js"></script>',
    "script src with a body": '<script src="/a.js">alert(1)</script>',
    "event attribute": '<img src="a.png" alt="" OnError="alert(1)">',
    "event attribute on a div": "<div onmouseover=alert(1)>x</div>",
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "javascript mixed case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "javascript with a tab entity": '<a href="java&#x09;script:alert(1)">x</a>',
    "javascript with a newline": '<a href="java\nscript:alert(1)">x</a>',
    "javascript with leading space and control": '<a href=" \x01javascript:alert(1)">x</a>',
    "javascript spelled in entities": '<a href="&#106;&#x61;vascript:alert(1)">x</a>',
    "javascript colon as named entity": '<a href="javascript&colon;alert(1)">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data text/html link": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "data svg image": '<img alt="" src="data:image/svg+xml,<svg onload=alert(1)>">',
    "data html image": '<img alt="" src="data:text/html;base64,PHNjcmlwdD4=">',
    "image from another host": '<img alt="" src="https://evil.example/x.png">',
    "image protocol-relative": '<img alt="" src="//evil.example/x.png">',
    "image backslash protocol-relative": '<img alt="" src="/\\evil.example/x.png">',
    "image http upper case": '<img alt="" src="HTTPS://EVIL.EXAMPLE/x.png">',
    "srcset from another host": '<img alt="" src="a.png" srcset="a.png 1x, https://evil.example/b.png 2x">',
    "srcset protocol-relative": '<img alt="" src="a.png" srcset="//evil.example/b.png 2x">',
    "stylesheet from another host": '<link rel="stylesheet" href="https://x.example/a.css">',
    "stylesheet protocol-relative": '<link rel="stylesheet" href="//x.example/a.css">',
    "meta refresh to another site": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "meta refresh to a script": '<meta http-equiv="Refresh" content="0; URL=javascript:alert(1)">',
    "meta refresh protocol-relative": "<meta http-equiv=refresh content='0; url=//evil.example'>",
    "meta set-cookie": '<meta http-equiv="set-cookie" content="a=b">',
    "base": '<base href="https://evil.example/">',
    "iframe": '<iframe src="/x.html"></iframe>',
    "object": '<object data="/x.swf"></object>',
    "embed": '<embed src="/x.swf">',
    "form": '<form action="/x"><p>x</p></form>',
    "applet": '<applet code="x"></applet>',
    "portal": '<portal src="/x"></portal>',
    "svg link to a script": '<svg><a xlink:href="javascript:alert(1)"><path d="M0 0"/></a></svg>',
    "svg script": '<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>',
    "svg onload": '<svg viewBox="0 0 1 1" onload="alert(1)"></svg>',
    "svg foreignObject": '<svg viewBox="0 0 1 1"><foreignObject><p>x</p></foreignObject></svg>',
    "svg use from another host": '<svg viewBox="0 0 1 1"><use href="https://evil.example/a.svg#x"/></svg>',
    "svg animate that sets an href": '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
    "math link": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "math element": "<math><mtext>x</mtext></math>",
    "noscript title trick": '<noscript><p title="</noscript><script>alert(1)</script>"></p></noscript>',
    "textarea title trick": '<textarea><p title="</textarea><script>alert(1)</script>"></textarea>',
    "title in the body trick": '<title><p title="</title><script>alert(1)</script>"></title>',
    "image only loaded without scripting": '<noscript><img alt="" src="https://evil.example/t.png"></noscript>',
    "style attribute": '<div style="background:url(https://evil.example/a.png)">x</div>',
    "style element loading another host": "<style>body{background:url(//evil.example/a.png)}</style>",
    "style element import": '<style>@import "https://evil.example/a.css";</style>',
    "style element import in upper case": "<style>@IMPORT url(https://evil.example/a.css);</style>",
    "style url hidden between comment marks in strings": (
        '<style>a{content:"/*"} body{background:url(//evil.example/x.png)} b{content:"*/"}</style>'
    ),
    "style url after an escaped slash-star": (
        "<style>x\\/*{} body{background-image:url(https://evil.example/y.png)} y*/{}</style>"
    ),
    "style that writes a phone number": '<style>main::after{content:"Call +90 538 111 22 33"}</style>',
    "style that writes a phone number in escapes": (
        '<style>main::after{content:"\\2b 90 538 111 22 33"}</style>'
    ),
    "style counter that writes a phone number": (
        "<style>main{counter-reset:x 2025550143}main::after{content:counter(x)}</style>"
    ),
    "list that starts at a phone number": '<ol start="5381112233"><li>now</li></ol>',
    # A fourth red team's ways to write a number the text check does not see:
    "style that writes an attribute": (
        '<style>p.x::after{content:attr(data-x)}</style><p class="x" data-x="+90 538 111 22 33">Call</p>'
    ),
    "style strings joined": '<style>p::after{content:"+90 538" " 111 22 33"}</style>',
    "style string with a line break": '<style>p::after{content:"+90 538\\A 111 22 33"}</style>',
    "style counters side by side": (
        '<style>p{counter-reset:a 90 b 53}p::after{content:"+" counter(a) counter(b) " 8 111 22 33"}</style>'
    ),
    "style counter in a media rule": "<style>@media all{p{counter-reset:a 905381112233}}</style>",
    "style counter in calc": "<style>p{counter-reset:a calc(905381112233)}</style>",
    "style quotes": '<style>q{quotes:"+90 538 " " 111 22 33"}</style>',
    "list marker from a high start": '<ol start="90538"><li>111 22 33</li></ol>',
    "number split by wbr": "<p>+90 538<wbr>111 22 33</p>",
    "number split by a picture": '<p>+90 538<img alt="" src="a.png" width="1" height="1">111 22 33</p>',
    "number in a description split by a line break": '<img alt="+90 538&#10;111 22 33" src="a.png">',
    # A fifth red team's:
    "number split by grapheme joiners": "<p>0538\u034f111\u034f22\u034f33</p>",
    "number in superscript digits": "<p>⁰⁵³⁸ ¹¹¹ ²² ³³</p>",
    "number in circled digits": "<p>⓪⑤③⑧ ①①① ②② ③③</p>",
    "number in a data attribute a script shows": '<p data-none="Call 0538 111 22 33">x</p>',
    "a share control that shares another site": '<section data-jsg-share-url="https://evil.example/">x</section>',
    "number in a link preview's data": '<meta name="twitter:data1" content="0538 111 22 33">',
    "number in a braille label": '<p aria-braillelabel="0538 111 22 33">x</p>',
    "a list that counts down": "<ol reversed><li>x</li></ol>",
    "a drawing painted from another host": (
        '<svg viewBox="0 0 10 10"><rect width="10" height="10" fill="url(https://evil.example/p.svg#g)"/></svg>'
    ),
    "a counter stepped by more than one": "<style>i{counter-increment:n 99}</style>",
    "a number to dial with letters in it": '<a href="tel:+90ADG5388626176">call</a>',
    "a number to dial with other letters in it": '<a href="tel:+90ÄÖÜ5388626176">call</a>',
    "a chat with a number": '<a href="https://wa.me/905381112233">chat</a>',
    "a chat with a number as a parameter": '<a href="https://api.whatsapp.com/send?phone=905381112233">chat</a>',
    "a chat message with a number": '<a href="https://wa.me/?text=Call%20%2B90%20538%20111%2022%2033">share</a>',
    "style with a CSS escape": "<style>body{background:\\75 rl(https://evil.example/a.png)}</style>",
    "style import split by a comment": "<style>@im/**/port 'https://evil.example/a.css';</style>",
    "style image-set": "<style>a{background:image-set('https://evil.example/a.png' 1x)}</style>",
    "style svg image with a script": (
        '<style>a{background:url("data:image/svg+xml,%3Csvg%3E%3Cscript%3Ealert(1)%3C/script%3E%3C/svg%3E")}</style>'
    ),
    "style svg image unreadable": "<style>a{background:url(data:image/svg+xml;base64,!!!)}</style>",
    "video poster": '<video poster="https://evil.example/p.png"></video>',
    "unknown element": "<marquee>x</marquee>",
    "file scheme": '<a href="file:///etc/passwd">x</a>',
}

GOOD = {
    "link to another site": '<a href="https://example.org/page">x</a>',
    "phone link": '<a href="tel:+905388626176">x</a>',
    "mail link": '<a href="mailto:someone@example.org">x</a>',
    "page link": '<a href="../report/#when">x</a>',
    "own image": '<img src="assets/x.png" alt="" width="1" height="1">',
    "data png image": '<img alt="" src="data:image/png;base64,iVBORw0KGgo=">',
    "our script file": '<script src="assets/javascripts/site.js" defer></script>',
    "the listed inline script": f"<script>{NO_JS}</script>",
    "redirect page": '<meta http-equiv="refresh" content="0; url=../report/">',
    "drawing": '<svg viewBox="0 0 1 1" role="img" aria-label="x"><g fill="#000"><path d="M0 0"/></g></svg>',
    "scheme words as text": "<p>java&#x09;script: and &lt;script&gt; are only words here</p>",
    "own host, absolute": f'<link rel="alternate" hreflang="ar" href="https://{HOST}/ar/">',
}


@pytest.mark.parametrize("name", list(BAD))
def test_the_policy_refuses(name: str):
    assert violations(BAD[name]), f"{name}: {BAD[name]!r} was allowed"


@pytest.mark.parametrize(
    "value",
    [
        '<img alt="" src="https://[x/a.png">',
        '<img alt="" src="//[x/a.png">',
        "<style>p{background:url(https://[x/a.png)}</style>",
        '<meta http-equiv="refresh" content="0;url=https://[x/">',
    ],
)
def test_an_address_a_browser_cannot_read_is_refused_not_a_traceback(value: str):
    assert violations(value)


def test_a_page_nested_too_deeply_is_refused_not_a_traceback():
    page = ("<!doctype html><title>t</title>" + "<div>" * 1200 + "x").encode()
    found = output_policy.check_document("page.html", page, HOST, frozenset())
    assert [item.message for item in found] == ["the document's elements are nested too deeply to read"]


def test_a_drawing_with_a_lone_surrogate_is_read_not_a_traceback():
    """CSS escapes can name a lone surrogate, which no UTF-8 holds: it is read as a replacement
    character (a red team's input ended the build in a traceback)."""
    svg = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0'/>\\d800</svg>"
    assert violations(f'<style>p{{background:url("{svg}")}}</style>') == []


@pytest.mark.parametrize("name", list(GOOD))
def test_the_policy_allows(name: str):
    assert violations(GOOD[name]) == []


def test_the_trick_is_read_as_the_browser_reads_it():
    """html5lib with scripting on sees the script that Chromium runs, not a title attribute."""
    found = violations('<noscript><p title="</noscript><script>alert(1)</script>"></p></noscript>')
    assert any("inline <script>" in message and "alert(1)" in message for message in found)


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"></svg>',
        '<!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg>&x;</svg>',
        '<svg viewBox="0 0 1 1"><![CDATA[<script>alert(1)</script>]]></svg>',
        '<svg viewBox="0 0 1 1"><image href="https://evil.example/a.png"/></svg>',
        '<svg viewBox="0 0 1 1"></svg><script>alert(1)</script>',
        # A red team's: html5lib reads these as text or a comment; a browser opening the file
        # reads XML, which makes an HTML image and a stylesheet from another host.
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 1 1"><desc><noscript><h:img xmlns:h="{XHTML_NS}" '
        'src="https://evil.example/x"/></noscript></desc></svg>',
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 1 1"><desc><style><h:img xmlns:h="{XHTML_NS}" '
        'src="https://evil.example/x"/></style></desc></svg>',
        f'<svg xmlns="{SVG_NS}"><path fill="u\\rl(https://evil.example/p.svg#g)" d="M0 0"/></svg>',
        f'<svg xmlns="{SVG_NS}"><path stroke="\\75 rl(//evil.example/q.svg#g)" d="M0 0"/></svg>',
        '<?xml-stylesheet type="text/css" href="https://evil.example/x.css"?>'
        f'<svg xmlns="{SVG_NS}"><path d="M0 0"/></svg>',
    ],
)
def test_an_svg_file_with_anything_outside_the_list_is_refused(svg: str):
    assert output_policy.check_svg(svg, "x.svg", HOST)


def test_an_svg_is_read_as_xml_from_its_own_bytes(tmp_path, monkeypatch):
    """Published SVGs are read as XML from their bytes (the encoding they declare), as a browser
    opening one does, and the problem is named with its file."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    svg = f'<?xml version="1.0" encoding="UTF-16"?><svg xmlns="{SVG_NS}">'
    svg += f'<desc><h:img xmlns:h="{XHTML_NS}"/></desc></svg>'
    (site / "drawing.svg").write_bytes(svg.encode("utf-16"))
    (site / "clean.svg").write_text(
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 1 1"><path d="M0 0"/></svg>', "utf-8"
    )
    found = output_policy.check(site)
    assert any(
        line.startswith("drawing.svg:") and "as XML: <h:img> is not allowed" in line for line in found
    ), found
    assert not any(line.startswith("clean.svg") for line in found), "\n".join(found)


def test_a_pictogram_drawn_in_a_page_keeps_only_what_the_list_names():
    view_box, drawing = output_policy.clean_svg(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" onload="alert(1)">'
        '<g fill="#000" onclick="alert(2)"><path d="M0 0h1"/></g><script>alert(3)</script>'
        '<foreignObject><p>x</p></foreignObject><a href="javascript:alert(4)"><path d="M1 1"/></a></svg>'
    )
    assert view_box == "0 0 64 64"
    assert drawing == '<g fill="#000"><path d="M0 0h1"/></g>'


def test_the_built_site_passes_and_its_policy_names_only_listed_scripts(built_site: Path):
    assert output_policy.check(built_site) == []
    policy = dict(read_headers_file(built_site)["/*"])["Content-Security-Policy"]
    named = set(re.findall(r"'sha256-[^']+'", policy))
    assert named and named <= allowed_inline_scripts.ALLOWED_HASHES
    for page in built_site.rglob("*.html"):
        meta = re.search(
            r"<meta http-equiv=Content-Security-Policy content=\"([^\"]*)\"", page.read_text("utf-8")
        )
        assert meta, page
        assert set(re.findall(r"'sha256-[^']+'", meta.group(1))) <= allowed_inline_scripts.ALLOWED_HASHES


def test_a_script_found_but_not_listed_never_enters_the_policy(tmp_path: Path):
    (tmp_path / "index.html").write_text(
        f"<html><head><meta charset=utf-8><script>{NO_JS}</script><script>alert(1)</script></head></html>",
        encoding="utf-8",
    )
    hashes = security_headers.script_hashes(tmp_path)
    assert hashes == [allowed_inline_scripts.script_hash(NO_JS)]
    assert allowed_inline_scripts.script_hash("alert(1)") not in security_headers.policy(hashes)


# --- Broken edits: each fails the build, names the file it came from, leaves the site alone ------

TITLE = (
    "docs/en/report.md",
    "title: Report a danger",
    'title: "Report</title><script>alert(document.domain)</script>"',
)
INTERFACE = (
    "data/interface.yml",
    "    en: Page not found\n",
    '    en: "Page not found</h1><script>alert(document.domain)</script>"\n',
)
THEME = (
    "overrides/partials/languages/ku.html",
    '"action.skip": "Derbasî naverokê bibe"',
    '"action.skip": "Derbasî</a><script>alert(document.domain)</script>"',
)
MAIN = (
    "overrides/main.html",
    '<meta name="theme-color" content="#b71c1c">',
    '<meta name="theme-color" content="#b71c1c"><script>alert(document.domain)</script>',
)
EVENT = (
    "overrides/404.html",
    "<div data-jsg-not-found",
    '<div onclick="alert(document.domain)" data-jsg-not-found',
)
SVG = ("docs/assets/pictograms/report.svg", "</svg>", "<script>alert(document.domain)</script></svg>")
NOSCRIPT = '\n<noscript><p title="</noscript><script>alert(document.domain)</script>"></p></noscript>\n'
TEXTAREA = '\n<textarea><p title="</textarea><script>alert(document.domain)</script>"></p></textarea>\n'
TITLE_IN_BODY = '\n<title><p title="</title><script>alert(document.domain)</script>"></p></title>\n'

EDITS = {
    "front-matter title": TITLE,
    "interface.yml string": INTERFACE,
    "theme string": THEME,
    "template script": MAIN,
    "template event attribute": EVENT,
    "pictogram script": SVG,
    "noscript trick": ("docs/en/report.md", None, NOSCRIPT),
    "textarea trick": ("docs/en/report.md", None, TEXTAREA),
    "title-in-body trick": ("docs/en/report.md", None, TITLE_IN_BODY),
}


def edited(project: Path, file: str, old: str | None, new: str) -> int:
    """Apply one edit; return the line it is on."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    if old is None:
        path.write_text(text + new, encoding="utf-8")
        return text.count("\n") + 2
    assert old in text, f"{file} no longer holds {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, text.index(old)) + 1


def pictogram_in_steps(project: Path) -> str:
    """A pictogram that {{ steps }} draws into pages (the first step of data/interface.yml)."""
    found = re.search(
        r"^steps:\s*\n\s*- id:\s*([a-z-]+)", (project / "data/interface.yml").read_text("utf-8"), re.M
    )
    return f"docs/assets/pictograms/{found.group(1)}.svg" if found else SVG[0]


@pytest.mark.parametrize("name", list(EDITS))
def test_an_injected_script_stops_the_build_naming_its_file(tmp_path: Path, name: str):
    project = copy_project(tmp_path / "project")
    file, old, new = EDITS[name]
    if name == "pictogram script":
        file = pictogram_in_steps(project)
    line = edited(project, file, old, new)
    site = published_site(project / "site")
    before = digests(site)
    build = run(project, "build")
    output = build.stdout + build.stderr
    assert build.returncode != 0, output
    assert f"{file}:" in output, output
    if name != "pictogram script":  # the SVG input check may name its own line
        assert f"{file}:{line}:" in output, output
    assert "Traceback" not in output
    assert digests(site) == before


def without_content_check(project: Path) -> None:
    """No content check in the copy (before the engine, nor in its hook):
    what is left is escaping and the output policy."""
    switch_off_content_check(project)


# The same title in a Kurmanji page where the copy must build: an English change marks its three
# translations out of date, and every language's booklet would be printed again.
KU_TITLE = ("docs/ku/report.md", "title: Xetereyekê ragihîne", TITLE[2])


def test_without_the_content_check_a_title_and_a_data_string_come_out_as_text(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    without_content_check(project)
    edited(project, *KU_TITLE)
    edited(project, *INTERFACE)
    build = run(project, "build", "--site-dir", str(tmp_path / "site"))
    assert build.returncode == 0, build.stdout + build.stderr
    site = tmp_path / "site"
    page = html5lib.parse((site / "ku/report/index.html").read_text("utf-8"), namespaceHTMLElements=False)
    assert page.find("head/title").text.startswith("Report</title><script>")
    assert page.findall(".//script") == [
        s for s in page.findall(".//script") if "alert" not in (s.text or "")
    ]
    not_found = html5lib.parse((site / "en/404.html").read_text("utf-8"), namespaceHTMLElements=False)
    assert "</h1><script>" in "".join(not_found.find(".//h1").itertext())
    for path in site.rglob("*.html"):  # as text it may stay in an attribute (minified), never as a script
        tree = html5lib.parse(path.read_text("utf-8"), namespaceHTMLElements=False)
        assert [s.text for s in tree.iter("script") if "alert" in (s.text or "")] == [], path
    nav_labels = [a for a in page.iter("a") if "Report</title>" in "".join(a.itertext())]
    assert nav_labels, "the menu names the page by its title, as text"
    # The share control sends the title as written: escaped once for its attribute, never twice
    # (the red team saw &#34; and &amp; arrive in WhatsApp).
    title = "Report</title><script>alert(document.domain)</script>"
    share = page.find(".//section[@class='jsg-share']")
    assert share.get("data-jsg-share-title") == title
    whatsapp = share.find(".//a[@data-jsg-share-via='whatsapp']").get("href")
    assert unquote(whatsapp.removeprefix("https://wa.me/?text=")).startswith(title + "\n")


def test_without_the_content_check_the_output_policy_names_the_theme_string(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    without_content_check(project)
    line = edited(project, *THEME)
    site = published_site(project / "site")
    before = digests(site)
    build = run(project, "build")
    output = build.stdout + build.stderr
    assert build.returncode != 0
    assert (
        f"overrides/partials/languages/ku.html:{line}: an inline <script> that is not on the reviewed list"
        in output
    )
    assert digests(site) == before


# --- In Chromium: an injected script is neither in the policy nor run -----------------------------


@pytest.mark.browser
def test_a_script_injected_after_the_build_is_not_in_the_policy_and_does_not_run(
    browser, built_site: Path, tmp_path: Path
):
    site = tmp_path / "site"
    shutil.copytree(built_site, site, symlinks=True)
    injected = "window.__injected = true; document.title = 'owned'"
    page_file = site / "en/report/index.html"
    for twin in (".gz", ".br"):  # the precompressed copies would still hold the page as built
        page_file.with_name(page_file.name + twin).unlink(missing_ok=True)
    html = page_file.read_text("utf-8")
    page_file.write_text(html.replace("</body>", f"<script>{injected}</script></body>", 1), encoding="utf-8")
    include = tmp_path / "nginx.conf"
    serving.write_nginx(site, include)  # the nginx policy, from the copy with the injected script
    assert allowed_inline_scripts.script_hash(injected) not in include.read_text("utf-8")
    if not nginx_server.available():
        pytest.fail(nginx_server.INSTALL_HINT)
    with nginx_server.running(site, include=include) as (url, _):
        context = browser.new_context()
        context.add_init_script(
            "window.__violations = []; document.addEventListener('securitypolicyviolation',"
            " (event) => window.__violations.push(event.effectiveDirective));"
        )
        page = context.new_page()
        response = page.goto(url + "en/report/")
        policy = response.headers["content-security-policy"]
        assert set(re.findall(r"'sha256-[^']+'", policy)) <= allowed_inline_scripts.ALLOWED_HASHES
        assert allowed_inline_scripts.script_hash(injected) not in policy
        page.wait_for_load_state("load")
        assert page.evaluate("window.__injected === undefined")
        assert page.title() != "owned"
        # The report is a task the browser queues after blocking the script: wait for it (a run
        # read the list the moment the page had loaded, before the report came, and failed).
        wait_until(page, "window.__violations.includes('script-src-elem')", 30)
        # The listed script ran: the page is not marked as having no JavaScript.
        assert page.evaluate("!document.documentElement.classList.contains('no-js')")
        context.close()


def test_a_clean_document_is_remembered_and_one_with_a_violation_is_read_every_time(tmp_path, monkeypatch):
    """The policy cache (scripts/finish/policy_cache.py) skips only what an earlier check found clean."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    clean = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        "<body><p>x</p></body></html>"
    )
    (site / "index.html").write_text(clean, encoding="utf-8")
    (site / "bad.html").write_text(clean.replace("<p>x</p>", "<script>alert(1)</script>"), encoding="utf-8")
    assert output_policy.check(site) and policy_cache.remembered() == set()  # only the build remembers
    for _ in range(2):
        found = output_policy.check(site, remember=True)
        assert len(found) == 1 and "alert(1)" in found[0]
    remembered = policy_cache.remembered()
    assert len(remembered) == 1  # index.html only
    # A changed document has another key: it is read again, and its violation found.
    (site / "index.html").write_text(clean.replace("<p>x</p>", "<script>alert(2)</script>"), encoding="utf-8")
    assert len(output_policy.check(site, remember=True)) == 2


def test_a_document_named_like_another_is_judged_on_its_own_bytes(tmp_path, monkeypatch):
    """The red team's collision: a file called 'guide.zip!index.html' and the page index.html inside
    guide.zip carry one name; the clean one must not vouch for the other."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    clean = b"<!doctype html><html><head><title>t</title></head><body><p>hello</p></body></html>"
    (site / "guide.zip!index.html").write_bytes(clean)
    assert output_policy.check(site, remember=True) == []
    with zipfile.ZipFile(site / "guide.zip", "w") as archive:
        archive.writestr("index.html", clean.replace(b"<p>hello</p>", b"<script>alert(1)</script>"))
    found = output_policy.check(site, remember=True)
    assert any("alert(1)" in line for line in found), found


def test_a_document_published_twice_is_named_in_every_place(tmp_path, monkeypatch):
    """Copies with the same bytes are read once (output_policy.read_once): each place it is
    published is still named, a clean copy is not named for a dirty one with the same name, and
    an SVG is not judged as the HTML page with its bytes."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    (site / "ku").mkdir(parents=True)
    dirty = b"<!doctype html><html><head><title>t</title></head><body><script>alert(1)</script></body></html>"
    clean = dirty.replace(b"<script>alert(1)</script>", b"<p>hello</p>")
    (site / "index.html").write_bytes(dirty)
    (site / "ku" / "index.html").write_bytes(clean)
    (site / "page.svg").write_bytes(clean)  # clean HTML, but not one <svg>
    with zipfile.ZipFile(site / "guide.zip", "w") as archive:
        archive.writestr("index.html", dirty)
        archive.writestr("ku/index.html", clean)
    found = [line.partition(":")[0] for line in output_policy.check(site) if "alert(1)" in line]
    assert found == ["guide.zip!index.html", "index.html"], found
    messages = output_policy.read_once(
        list(output_policy.documents(site)), HOST, output_policy.contact_numbers()
    )
    named = sorted({violation.file for violation in messages})
    assert named == ["guide.zip!index.html", "index.html", "page.svg"], named


def test_a_page_or_picture_is_read_whatever_the_case_of_its_ending(tmp_path, monkeypatch):
    """nginx serves x.HTML as a page and x.SVG as a picture, and the kinds check lets both through:
    the policy reads them too, in the site and in the offline zips (a red team's finding)."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    page = b"<!doctype html><html><head><title>t</title></head><body><script>alert(1)</script></body></html>"
    (site / "x.HTML").write_bytes(page)
    (site / "y.Svg").write_text(f'<svg xmlns="{SVG_NS}"><script>alert(2)</script></svg>', "utf-8")
    with zipfile.ZipFile(site / "guide.zip", "w") as archive:
        archive.writestr("z.Html", page.replace(b"alert(1)", b"alert(3)"))
    found = "\n".join(output_policy.check(site))
    for name in ("x.HTML", "y.Svg", "guide.zip!z.Html"):
        assert f"(published in {name})" in found, found
    assert "'alert(1)'" in found and "'alert(3)'" in found and "y.Svg: <svg>: as XML: <script>" in found


RED_PAGE = (
    b"<!doctype html><html><body><img src=https://evil.example/x.png><script>alert(1)</script></body></html>"
)
ENCODED = {
    "UTF-16 with its byte-order mark": b"\xff\xfe" + RED_PAGE.decode().encode("utf-16-le"),
    "ISO-2022-JP declared": (
        b'<!doctype html><meta charset="iso-2022-jp"><p data-x\x1b$B="\x1b(B><script>alert(1)</script>'
        b'<img src=https://evil.example/x.png><p data-y=">x</p>'
    ),
    "bytes that are not UTF-8": b"<!doctype html><p>\xff\xfe</p>",
}


@pytest.mark.parametrize("name", list(ENCODED))
def test_a_page_a_browser_decodes_otherwise_is_refused(name: str, tmp_path, monkeypatch):
    """A red team's pages: read as UTF-8 they hold no element; a browser reads a script."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_bytes(ENCODED[name])
    found = output_policy.check(site)
    assert any(line.startswith("a.html: <file>: the file ") for line in found), found


XML = {
    "XHTML with a script and another host's image": (
        f'<html xmlns="{XHTML_NS}"><body><img src="https://evil.example/x.png"/><script>alert(1)</script>'
        "</body></html>",
        "<html> is not allowed",
    ),
    "an SVG with a script": (
        f'<svg xmlns="{SVG_NS}"><script>alert(1)</script></svg>',
        "<svg> is not allowed",
    ),
    "a stylesheet that writes a page (XSLT)": (
        '<?xml-stylesheet type="text/xsl" href="/evil.xml"?><urlset xmlns="http://www.sitemaps.org/schemas/'
        'sitemap/0.9"/>',
        "the instruction <?xml-stylesheet?> is not allowed",
    ),
    "a sitemap whose link is a stylesheet": (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        '<url><loc>/</loc><xhtml:link rel="stylesheet" href="https://evil.example/a.css"/></url></urlset>',
        "the attribute rel='stylesheet' on <xhtml:link>",
    ),
    "a sitemap that shows a phone number": (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>Call +90 538 111 22 33</loc>'
        "</url></urlset>",
        "the sitemap shows the phone number",
    ),
    "a sitemap number split by a line break": (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>0538\n111 22 33</loc>'
        "</url></urlset>",
        "the sitemap shows the phone number",
    ),
    "a sitemap comment with a phone number": (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<!-- Call +90 538 111 22 33 --></urlset>",
        "the sitemap shows the phone number",
    ),
    "a sitemap link to a script": (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
        '<url><xhtml:link rel="alternate" hreflang="en" href="javascript:alert(1)"/></url></urlset>',
        "the link href='javascript:alert(1)'",
    ),
    "a sitemap in an encoding expat cannot read": (
        '<?xml version="1.0" encoding="shift_jis"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
        "an encoding other than UTF-8",
    ),
    "a sitemap with another namespace": (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:h="http://www.w3.org/1999/xhtml">'
        "<h:script>alert(1)</h:script></urlset>",
        "<h:script> is not allowed",
    ),
}


@pytest.mark.parametrize("name", list(XML))
def test_an_xml_file_may_only_be_a_sitemap(name: str, tmp_path, monkeypatch):
    """A browser shows an .xml file as a document: XHTML in it runs, an XSLT stylesheet writes a
    page. The red team published each as an allowed kind, unread; the real sitemap passes (the
    built-site test above)."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    text, says = XML[name]
    (site / "a.XML").write_text(text, encoding="utf-8")
    found = "\n".join(output_policy.check(site))
    assert "(published in a.XML)" in found and says in found, found


ARCHIVES = {
    "a zip named in upper case": ("offline.ZIP", [("index.html", RED_PAGE)], "alert(1)"),
    "a page under another ending": ("offline.zip", [("a.htm", RED_PAGE)], "no files of this kind"),
    "an XHTML page": ("offline.zip", [("b.xhtml", RED_PAGE)], "no files of this kind"),
    "a trailing dot": ("offline.zip", [("c.html.", RED_PAGE)], "no files of this kind"),
    "a trailing space": ("offline.zip", [("d.html ", RED_PAGE)], "no files of this kind"),
    "a script the site does not publish": ("offline.zip", [("g/evil.js", b"alert(1)")], "not the site's own"),
    "a stylesheet unlike the site's": (
        "offline.zip",
        [("g/site.css", b"body{background:url(https://evil.example/x.png)}")],
        "not the site's own file of that name",
    ),
    "a name that leads outside the site": (
        "offline.zip",
        [("g//tmp/x.css", b"x")],
        "leads outside the site",
    ),
    "a name that climbs out of the site": (
        "offline.zip",
        [("g/../../x.css", b"x")],
        "leads outside the site",
    ),
    "a name twice": ("offline.zip", [("index.html", RED_PAGE), ("index.html", b"<p>clean</p>")], "twice"),
}


@pytest.mark.parametrize("name", list(ARCHIVES))
def test_an_offline_zip_that_hides_a_page_stops_the_build(name: str, tmp_path, monkeypatch):
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "site.css").write_text("body{margin:0}", encoding="utf-8")  # the site's own, unlike the zip's
    file, entries, says = ARCHIVES[name]
    with zipfile.ZipFile(site / file, "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of a duplicate name, as it should
        for entry, data in entries:
            archive.writestr(entry, data)
    try:
        found = "\n".join(output_policy.check(site))
    except BuildStopped as error:
        found = str(error)
    assert says in found, found


def renamed_in_its_header(data: bytes) -> bytes:
    """A zip whose entry zz.png is called z.html in its own header (the list says zz.png)."""
    at = data.index(b"zz.png")  # the first mention: the entry's own header
    return data[:at] + b"z.html" + data[at + 6 :]


def page_before_the_first_entry(data: bytes) -> bytes:
    """An entry no list names, before the listed ones: a stream reader unpacks it first."""
    hidden = io.BytesIO()
    with zipfile.ZipFile(hidden, "w") as archive:
        archive.writestr("hidden.html", RED_PAGE)
    local = hidden.getvalue()
    return local[: local.index(b"PK\x01\x02")] + data


def with_a_unicode_path(data: bytes) -> bytes:
    """Info-ZIP's Unicode Path field (0x7075) names zz.png 'z.html' for unzip; Python reads zz.png."""
    extra = struct.pack("<HHB", 0x7075, 5 + 6, 1) + struct.pack("<I", zlib.crc32(b"zz.png")) + b"z.html"
    archive = zipfile.ZipFile(io.BytesIO(data))
    rebuilt = io.BytesIO()
    with zipfile.ZipFile(rebuilt, "w") as out:
        for info in archive.infolist():
            if info.filename == "zz.png":
                info.extra = extra
            out.writestr(info, archive.read(info))
    return rebuilt.getvalue()


def shorter_in_its_header(data: bytes) -> bytes:
    """zz.png's own header says it is 10 bytes shorter than the list does."""
    at = data.index(b"PK\x03\x04", data.index(b"index.html"))
    size = struct.unpack("<I", data[at + 22 : at + 26])[0]
    return data[: at + 22] + struct.pack("<I", size - 10) + data[at + 26 :]


def undeflatable(data: bytes) -> bytes:
    """A compressed entry whose data no inflater reads."""
    made = io.BytesIO()
    with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", b"<p>clean</p>" * 50)
    raw = bytearray(made.getvalue())
    start = 30 + len("index.html")
    raw[start : start + 5] = b"\xff\xff\xff\xff\xff"
    return bytes(raw)


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (renamed_in_its_header, "the entry 'zz.png' has another name in its own header"),
        (page_before_the_first_entry, "its entries do not follow one another from its start"),
        (with_a_unicode_path, "the entry 'zz.png' has an extra field"),
        (shorter_in_its_header, "the entry 'zz.png' has other sizes in its own header"),
        (undeflatable, "the zip cannot be read"),
    ],
)
def test_a_zip_an_unzip_tool_reads_otherwise_stops_the_build(change, says: str, tmp_path, monkeypatch):
    """A red team's: the list at a zip's end and each entry's own header must tell the same story,
    or a phone's unzip tool (which walks the headers) unpacks a page this check never read."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    made = io.BytesIO()
    with zipfile.ZipFile(made, "w") as archive:
        archive.writestr("index.html", b"<!doctype html><title>t</title><p>clean</p>")
        archive.writestr("zz.png", RED_PAGE)
    (site / "offline.zip").write_bytes(change(made.getvalue()))
    with pytest.raises(BuildStopped, match=f"^offline\\.zip: {re.escape(says)}"):
        output_policy.check(site)


@pytest.mark.parametrize("made", ["a folder", "not a zip"])
def test_an_unreadable_zip_stops_the_build_with_a_message(made: str, tmp_path, monkeypatch):
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    if made == "a folder":
        (site / "x.zip").mkdir()
    else:
        (site / "x.zip").write_bytes(b"not a zip")
    with pytest.raises(BuildStopped, match=r"^x\.zip: the zip cannot be read"):
        output_policy.check(site)


@pytest.mark.parametrize("spelling", ["noscript", "NOSCRIPT", "NoScRiPt"])
def test_an_image_loaded_only_without_scripting_is_found_in_any_case(spelling: str):
    """A page is parsed a second time, with scripting off, only when it holds the word noscript
    (output_policy.scripting_modes): in any case of its letters."""
    body = f'<{spelling}><img alt="" src="https://evil.example/t.png"></{spelling}>'
    assert output_policy.scripting_modes(body) == (True, False)
    assert any("evil.example" in message for message in violations(body))


def test_patched_rules_file_their_verdicts_under_another_name(tmp_path, monkeypatch):
    """A verdict reached with a loosened reviewed list (patched in memory, as a test might) is never
    taken for one of the rules as they are."""
    monkeypatch.setenv(policy_cache.CACHE_ENV, str(tmp_path / "cache"))
    site = tmp_path / "site"
    site.mkdir()
    script = "alert(1)"
    (site / "index.html").write_text(
        f"<!doctype html><html><head><title>t</title></head><body><script>{script}</script></body></html>",
        encoding="utf-8",
    )
    with monkeypatch.context() as patch:
        loosened = allowed_inline_scripts.ALLOWED_HASHES | {allowed_inline_scripts.script_hash(script)}
        patch.setattr(allowed_inline_scripts, "ALLOWED_HASHES", loosened)
        assert output_policy.check(site, remember=True) == []
    assert any("alert(1)" in line for line in output_policy.check(site, remember=True))


@pytest.mark.build
def test_a_committed_cache_stops_the_build_naming_the_file(tmp_path):
    """A pull request that commits .cache/policy/clean.txt would tell the build that a page with a
    planted script is clean: a committed file under .cache/ or site/ stops the build first."""
    project = copy_project(tmp_path / "project")
    planted = project / ".cache" / "policy" / "clean.txt"
    planted.parent.mkdir(parents=True)
    planted.write_text("0" * 64 + "\n", encoding="ascii")
    for command in (["init", "-q"], ["add", "-A"], ["add", "-f", ".cache"], ["commit", "-qm", "base"]):
        git(project, *command)
    site = published_site(tmp_path / "site")
    before = digests(site)
    build = run(project, "build", "--site-dir", str(site))
    assert build.returncode == 1
    assert ".cache/policy/clean.txt:1: this file is committed, but only the build may write" in build.stderr
    assert "Traceback" not in build.stderr
    assert digests(site) == before
