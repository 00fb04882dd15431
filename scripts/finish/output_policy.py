"""Post-build step: one allow-list over everything published, read as a browser reads it.

Why: the content check reads the Markdown, but a published page is also made of front-matter
titles, data strings, theme strings, templates and pictogram SVGs. Whatever got in by any of
those roads is in the finished files, so this step reads them last (pages, not-found pages,
redirect pages, leaflet sheets, the pages and SVGs inside the offline zips and the ZIM files),
with html5lib (and each SVG also with expat, as the XML a browser opening the file reads): it
follows the HTML standard's tokenizer and tree builder, so ``<noscript title="</noscript><script>">``
or a ``</title>`` inside a title gives the same elements here as in Chromium. (Python's
html.parser and regular expressions do not; lxml's HTML parser is libxml2's, not the standard's.)

Everything is checked against one allow-list: elements and their attributes (built from what the
site contains, plus the elements the site's Markdown extensions write), URL schemes, no event
handler, no script the reviewed list (scripts/finish/allowed_inline_scripts.py) does not name, nothing
loaded from another host, no data: URL but images. A violation stops the build, naming the
source file and line where the offending text can be found there.

Then what the reader gets (``reader_violations``): every phone-like number in a page's text and in
the attributes a reader sees or hears (title, alt, aria-label, a description, a tel: link) must be
one of data/contacts.yml's, however it got there (entities, a template, an attribute no source
check reads); and a link to another website must be https:// to a host in plain letters whose
text, if it reads as an address, names that host (scripts/checks/link_hosts.py).
"""

from __future__ import annotations

import base64
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from html import escape as html_escape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from xml.parsers import expat

import html5lib
import phonenumbers
import tinycss2
import tinycss2.ast

from scripts import contacts, project
from scripts.checks import link_hosts, phone_numbers
from scripts.file_cache import until_changed
from scripts.finish import allowed_inline_scripts, policy_cache, zim_format
from scripts.parallel import chunks, workers
from scripts.problems import BuildStopped

HTML_NS = "http://www.w3.org/1999/xhtml"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XMLNS_NS = "http://www.w3.org/2000/xmlns/"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Attributes any element may have. data-* and aria-* are allowed by prefix (see allowed_attribute).
GLOBAL = frozenset({"class", "id", "lang", "dir", "title", "hidden", "role", "tabindex"})
# HTML elements → their own attributes. From the built site (python -m scripts build, then every
# element and attribute listed) plus what attr_list, md_in_html, admonition, toc and superfences
# write for ordinary Markdown (tables, code, quotes, emphasis, lists, images, line breaks).
HTML_ELEMENTS: dict[str, frozenset[str]] = {
    name: frozenset(attributes)
    for name, attributes in {
        "html": {},
        "head": {},
        "title": {},
        "meta": {"charset", "content", "http-equiv", "name"},
        "link": {"href", "hreflang", "rel", "type", "sizes", "media"},
        "style": {"media", "data-date-side", "data-printed"},
        "script": {"src", "defer"},
        "body": {},
        "header": {},
        "footer": {},
        "main": {},
        "nav": {"aria-expanded"},
        "article": {},
        "section": {},
        "div": {},
        "span": {},
        "p": {},
        "a": {"href", "hreflang", "download", "rel"},
        "h1": {},
        "h2": {},
        "h3": {},
        "h4": {},
        "h5": {},
        "h6": {},
        "ul": {},
        "ol": {"start", "reversed"},
        "li": {"value"},
        "dl": {},
        "dt": {},
        "dd": {},
        "strong": {},
        "em": {},
        "b": {},
        "i": {},
        "small": {},
        "sub": {},
        "sup": {},
        "abbr": {},
        "code": {},
        "pre": {},
        "kbd": {},
        "mark": {},
        "del": {},
        "ins": {},
        "blockquote": {},
        "hr": {},
        "br": {},
        "wbr": {},
        "bdi": {},
        "time": {"datetime"},
        "img": {"alt", "height", "src", "srcset", "sizes", "width", "loading", "decoding"},
        "figure": {},
        "figcaption": {},
        "table": {},
        "caption": {},
        "thead": {},
        "tbody": {},
        "tfoot": {},
        "tr": {},
        "th": {"scope", "colspan", "rowspan", "align"},
        "td": {"colspan", "rowspan", "align"},
        "details": {"open"},
        "summary": {},
        "noscript": {},
        # Material's header: the menu and search toggles and the search box (filled by site.js).
        "label": {"for"},
        "button": {"type"},
        "input": {
            "type",
            "checked",
            "placeholder",
            "autocapitalize",
            "autocomplete",
            "autocorrect",
            "spellcheck",
        },
    }.items()
}
# SVG elements (icons, pictograms, QR codes) → attributes. No <script>, <foreignObject>, <use>,
# <image>, <animate>/<set> (they can change an href), <style>.
PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "clip-rule",
    "opacity",
    "stroke",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "transform",
    "shape-rendering",
}
SVG_ELEMENTS: dict[str, frozenset[str]] = {
    name: frozenset(attributes | PRESENTATION)
    for name, attributes in {
        "svg": {"xmlns", "viewBox", "width", "height", "aria-hidden", "aria-label", "version", "focusable"},
        "title": set(),
        "desc": set(),
        "g": set(),
        "path": {"d"},
        "circle": {"cx", "cy", "r"},
        "ellipse": {"cx", "cy", "rx", "ry"},
        "rect": {"x", "y", "width", "height", "rx", "ry"},
        "line": {"x1", "y1", "x2", "y2"},
        "polyline": {"points"},
        "polygon": {"points"},
    }.items()
}
# Never allowed, named in the message (also missing from the allow-lists above).
FORBIDDEN = {"base", "object", "embed", "iframe", "form", "frame", "frameset", "applet", "portal"}
# Attributes whose value a browser loads from (an address in another host would tell it who reads).
LOADED = {"src", "srcset", "poster", "data", "background"}
NAVIGATION_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
DATA_IMAGE = re.compile(r"data:image/(png|gif|jpeg|webp)[;,]")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)|@import\s+(['\"])(.*?)\3", re.IGNORECASE | re.DOTALL)
REFRESH_URL = re.compile(
    r"^\s*\d+\s*(?:[;,]\s*(?:url\s*=\s*)?(['\"]?)(.*?)\1)?\s*$", re.IGNORECASE | re.DOTALL
)
HTTP_EQUIV = {"content-security-policy", "refresh"}


@dataclass(frozen=True)
class Violation:
    """One thing in a published file that the policy does not allow."""

    file: str
    element: str
    message: str
    # Text that, found in a source file, shows where the violation came from (most specific first).
    evidence: tuple[str, ...]


# One reading of URLs and of this site's host for the policy and the link checks.
normalised_url = link_hosts.normalised_url
own_host = link_hosts.own_host


def url_problem(value: str, loaded: bool, host: str) -> str | None:
    """Why this URL is not allowed, or None. ``loaded``: the browser fetches it to show the page."""
    try:
        return address_problem(normalised_url(value), loaded, host)
    except ValueError:  # urlsplit: 'https://[x/' (a red team's: it ended the build in a traceback)
        return "the address cannot be read"


def address_problem(url: str, loaded: bool, host: str) -> str | None:
    scheme = SCHEME.match(url)
    if url.startswith("data:") and loaded and DATA_IMAGE.match(url):
        return None
    if scheme:
        name = scheme.group(1)
        if name in ("javascript", "vbscript", "data", "file", "blob", "filesystem"):
            return f"a '{name}:' address is not allowed"
        if name not in NAVIGATION_SCHEMES:
            return f"the address scheme '{name}:' is not allowed"
        if not loaded:
            return link_hosts.href_problem(url, host)
        if name not in ("http", "https"):
            return f"a '{name}:' address cannot be loaded"
        netloc_host = (urlsplit(url).hostname or "").lower()
        return None if netloc_host and netloc_host == host else "it is loaded from another website"
    if url.startswith("//"):
        netloc_host = (urlsplit("https:" + url).hostname or "").lower()
        if not (netloc_host and netloc_host == host):
            return "it points to another website (an address starting with //)"
    return None


SVG_DATA = "data:image/svg+xml"


def svg_of_data_url(url: str) -> str:
    """The SVG text of a ``data:image/svg+xml[;base64],…`` URL."""
    header, _, payload = url.partition(",")
    if ";base64" in header.lower():
        try:
            return base64.b64decode(payload + "=" * (-len(payload) % 4)).decode("utf-8", errors="replace")
        except ValueError:  # binascii.Error: not base64, so not an SVG this policy can vouch for
            return "<unreadable></unreadable>"
    return unquote(payload)


CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\(.)", re.DOTALL)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
IMAGE_SET = re.compile(r"image-set\((.*?)\)", re.IGNORECASE | re.DOTALL)
CSS_STRING = re.compile(r"(['\"])(.*?)\1", re.DOTALL)


def css_as_read(css: str) -> str:
    """A stylesheet with comments dropped and escapes decoded, as the browser's CSS parser reads it
    (``\\75 rl(`` is ``url(``, ``@im/**/port`` is ``@import``)."""

    def unescaped(found: re.Match[str]) -> str:
        if found.group(1):
            code = int(found.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return found.group(2)

    return CSS_ESCAPE.sub(unescaped, CSS_COMMENT.sub("", css))


def css_problems(css: str, host: str) -> list[str]:
    """Every url() or @import in a stylesheet that loads from another host or runs code: read as
    a browser's CSS parser reads it (tinycss2, through css_check), and again by the patterns
    below. Why both: the patterns drop what looks like a comment, and a red team hid a url()
    between a ``"/*"`` and a ``"*/"`` inside strings, where a browser sees no comment."""
    from scripts.checks import css_check  # it imports nothing of this module

    found = []
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if isinstance(rule, tinycss2.ast.AtRule) and rule.lower_at_keyword in ("import", "namespace"):
            found.append(f"the style's @{rule.lower_at_keyword} loads another stylesheet")
    for _, target in css_check.references(list(rules)):
        if normalised_url(target).startswith(SVG_DATA):
            continue  # read below, as a drawing
        if problem := url_problem(target, loaded=True, host=host):
            found.append(f"the style loads '{target[:60]}': {problem}")
    css = css_as_read(css)
    for image_set in IMAGE_SET.finditer(css):
        for string in CSS_STRING.finditer(image_set.group(1)):
            problem = url_problem(string.group(2), loaded=True, host=host)
            if problem and not normalised_url(string.group(2)).startswith(SVG_DATA):
                found.append(f"the style loads '{string.group(2)[:60]}': {problem}")
    for match in CSS_URL.finditer(css):
        target = match.group(2) if match.group(2) is not None else match.group(4)
        if normalised_url(target).startswith(SVG_DATA):
            # The print footer's QR code (scripts/render/print_footer.py): an SVG drawn as an image cannot
            # run a script, and it is held to the same SVG allow-list as every other SVG.
            problem = "; ".join(item.message for item in check_svg(svg_of_data_url(target), "style", host))
            if problem:
                found.append(f"the style's SVG image '{target[:40]}' breaks the SVG rules: {problem}")
            continue
        problem = url_problem(target, loaded=True, host=host)
        if problem:
            found.append(f"the style loads '{target[:60]}': {problem}")
    # Old Internet Explorer's ``behavior`` (and ``-ms-behavior``); ``scroll-behavior`` (the site's
    # reduced-motion rule), ``overscroll-behavior`` and ``transition-behavior`` run nothing.
    if re.search(
        r"expression\s*\(|(?<!scroll-)(?<!transition-)(?<!\w)behavior\s*:|-moz-binding", css, re.IGNORECASE
    ):
        found.append("the style holds a script-like property (expression, behavior, -moz-binding)")
    return found


def attribute_name(key: object) -> str:
    """html5lib's attribute key as written in a page: ``{xlink-namespace}href`` is ``xlink:href``."""
    name = str(key)
    for namespace, prefix in ((XLINK_NS, "xlink:"), (XMLNS_NS, "xmlns:"), (XML_NS, "xml:")):
        if name.startswith("{" + namespace + "}"):
            local = name[len(namespace) + 2 :]
            return "xmlns" if prefix == "xmlns:" and local == "xmlns" else prefix + local
    return name


def allowed_attribute(name: str, allowed: frozenset[str]) -> bool:
    return name in allowed or name in GLOBAL or name.startswith(("data-", "aria-"))


def element_problems(element, namespace: str, tag: str, host: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """(message, evidence) for each thing in this one element the policy does not allow."""
    label = f"<{tag}>"
    if namespace == HTML_NS:
        allowed = HTML_ELEMENTS.get(tag)
    elif namespace == SVG_NS:
        allowed = SVG_ELEMENTS.get(tag)
    else:
        allowed = None
    if allowed is None:
        why = (
            "is never allowed" if tag.lower() in FORBIDDEN else "is not on the list of elements the site uses"
        )
        kind = {SVG_NS: "SVG element", HTML_NS: "element"}.get(namespace, "MathML or other foreign element")
        text = (element.text or "").strip()
        yield f"the {kind} {label} {why}", (text[:40], text[-30:], f"<{tag}")
        return
    attributes = {attribute_name(key): value for key, value in element.attrib.items()}
    for name, value in attributes.items():
        if name.lower().startswith("on"):
            yield f"the attribute '{name}' on {label} runs code", (f"{name}=", name)
            continue
        if not allowed_attribute(name, allowed):
            yield f"the attribute '{name}' is not allowed on {label}", (f"{name}=",)
            continue
        loaded = name in LOADED or (tag == "link" and name == "href")
        if name == "srcset":
            candidates = [part.strip().split()[0] for part in value.split(",") if part.strip()]
        elif name in LOADED or name in ("href", "xlink:href"):
            candidates = [value]
        elif namespace == SVG_NS and "url(" in (read := css_as_read(value)).lower():
            # A drawing's paint or filter (fill="url(https://…)"), as a published SVG's is read
            # (a red team's, in a drawing inside a page): only a reference inside the page.
            candidates = [found.group(2) or "" for found in CSS_URL.finditer(read)]
            loaded = True
        else:
            candidates = []
        for candidate in candidates:
            problem = url_problem(candidate, loaded, host)
            if problem:
                yield f"{label} {name}='{candidate[:80]}': {problem}", (candidate, candidate[-30:])
    if tag == "meta" and "http-equiv" in attributes:
        equiv = attributes["http-equiv"].strip().lower()
        content = attributes.get("content", "")
        if equiv not in HTTP_EQUIV:
            yield f"<meta http-equiv='{equiv}'> is not allowed", ("http-equiv",)
        elif equiv == "refresh":
            # Our own redirect pages (scripts/finish/redirects.py, the offline zip's start page) move
            # readers to
            # another page of this site; a refresh to anywhere else, or to a script, is not allowed.
            target = REFRESH_URL.match(content)
            url = (target.group(2) or "") if target else ""
            problem = (
                "it cannot be read"
                if not target
                else url_problem(url, loaded=True, host=host)
                if url
                else None
            )
            if problem or SCHEME.match(normalised_url(url)):
                yield (
                    f"<meta http-equiv=refresh> to '{content[:80]}' is not allowed "
                    f"({problem or 'another site'})",
                    (
                        content,
                        "refresh",
                    ),
                )
    if tag == "script" and namespace == HTML_NS:
        text = element.text or ""
        if "src" in attributes:
            if text.strip():
                yield "a <script src> must be empty", (text.strip()[:40],)
        elif not allowed_inline_scripts.allowed(text):
            yield (
                f"an inline <script> that is not on the reviewed list: {text.strip()[:80]!r}",
                tuple(part for part in (text.strip()[:40], text.strip()[-30:]) if part),
            )
    if tag == "style" and namespace == HTML_NS:
        for problem in css_problems(element.text or "", host):
            yield problem, (problem.split("'")[1] if "'" in problem else "<style",)


def check_tree(root, file: str, host: str) -> list[Violation]:
    """Every violation in one parsed document."""
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        namespace, _, tag = (
            element.tag[1:].partition("}") if element.tag.startswith("{") else ("", "", element.tag)
        )
        for message, evidence in element_problems(element, namespace, tag, host):
            found.append(Violation(file, f"<{tag}>", message, tuple(part for part in evidence if part)))
    return found


# --- What the reader gets: numbers and links ---------------------------------------------------

# Elements whose text runs on with the text around them (a number split by <b> is one number).
INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s"}
    | {"samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "del", "ins", "label"}
    | {"wbr", "img"}  # shown within the line (a red team split a number with each; <br> parts it)
)
# Elements whose text no reader sees as text (reviewed scripts, styles).
NOT_TEXT = frozenset({"script", "style", "template"})
# Attributes a reader sees (tooltips, image descriptions, box hints) or hears (screen readers).
SEEN_ATTRIBUTES = frozenset(
    {"title", "alt", "placeholder", "value", "label", "aria-label", "aria-description", "start"}
    | {"aria-braillelabel", "aria-valuenow", "aria-brailleroledescription"}
    | {"aria-roledescription", "aria-valuetext", "aria-placeholder"}
)
# data-* attributes site.js writes onto the page or into a message (the print footer's, search's
# words, the share text, the copied note): a red team's number in each was read by nothing.
SHOWN_DATA = frozenset(
    {"data-printed", "data-placeholder", "data-none", "data-one", "data-other", "data-done"}
    | {"data-jsg-share-text", "data-jsg-share-title", "data-jsg-share-url"}
)
# <meta name/property> whose content is shown as text: in search results and link previews.
META_TEXT = frozenset(
    {"description", "keywords", "application-name", "apple-mobile-web-app-title"}
    | {"og:title", "og:description", "og:site_name", "twitter:title", "twitter:description"}
)


@until_changed(lambda path=None: [path or contacts.contacts_file()])
def contact_numbers(path: Path | None = None) -> frozenset[str]:
    """Every spelling in digits of data/contacts.yml's numbers (scripts/contacts.py reads them):
    international, with 00, national with its trunk prefix, the national number; a short number as
    it is. Empty when the file cannot be read: then every number published is refused."""
    path = contacts.contacts_file() if path is None else path
    try:
        known = contacts.load(path)
    except (ValueError, OSError):
        return frozenset()
    found: set[str] = set()
    for contact in known:
        uri = contact.tel_uri.removeprefix("tel:")
        found |= phone_numbers.forms(phonenumbers.parse(uri)) if uri.startswith("+") else {uri}
    return frozenset(found)


def local_name(element) -> tuple[str, str]:
    """(namespace, tag) of an element."""
    tag = element.tag
    return tag[1:].partition("}")[::2] if tag.startswith("{") else ("", tag)


def text_segments(root, scripting: bool) -> list[tuple[str, str]]:
    """(element, text) for each run of text a reader reads as one: a block's own text with that of
    the inline elements inside it, entities decoded (html5lib), line breaks as spaces. With
    scripting on, a <noscript> holds markup as text that no reader sees."""
    segments: list[tuple[str, list[str]]] = []

    def walk(element, current: tuple[str, list[str]]) -> None:
        namespace, tag = local_name(element)
        if tag in NOT_TEXT or (scripting and tag == "noscript"):
            return
        own = current if namespace == HTML_NS and tag in INLINE else (f"<{tag}>", [])
        if own is not current:
            segments.append(own)
        if element.text:
            own[1].append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                walk(child, own)
                child_namespace, child_tag = local_name(child)
                if not (child_namespace == HTML_NS and child_tag in INLINE):
                    own = (own[0], [])  # text after a block is not one with the text before it
                    segments.append(own)
            if child.tail:
                own[1].append(child.tail)

    walk(root, ("<html>", []))
    return [(tag, re.sub(r"\s", " ", "".join(parts))) for tag, parts in segments if "".join(parts).strip()]


def spellings(text: str) -> tuple[str, ...]:
    """How a source may have written a text the reader gets, most specific first, to find its line:
    as it is, all in decimal or hex character references, its end and its start (a number part in
    references, part plain), then its first characters in references."""
    text = text.strip()

    def decimal(part: str) -> str:
        return "".join(f"&#{ord(char)};" for char in part)

    def hexadecimal(part: str) -> str:
        return "".join(f"&#x{ord(char):x};" for char in part)

    return (
        text,
        decimal(text),
        hexadecimal(text),
        text[-9:],
        text[:9],
        decimal(text[:4]),
        hexadecimal(text[:4]),
    )


def unknown_numbers(text: str, numbers: frozenset[str]) -> list[phone_numbers.Number]:
    """The phone-like numbers of a text that are none of the contacts' numbers."""
    return [number for number in phone_numbers.find(text) if not phone_numbers.known(number, numbers)]


def number_message(where: str, raw: str) -> str:
    return (
        f"{where} shows the phone number '{' '.join(raw.split())}', which is not one of data/contacts.yml's "
        "numbers; numbers are shown only from there ({{ emergency }}, {{ contacts }}), so remove it"
    )


def dialled(uri: str) -> tuple[str, str]:
    """(digits dialled, message text) of a tel: or sms: address."""
    target, _, query = uri.partition(":")[2].partition("?")
    body = " ".join(unquote(value) for key, value in re.findall(r"(\w+)=([^&]*)", query) if key == "body")
    return phone_numbers.only_digits(unquote(re.split(r"[;,]", target)[0])), body


def reader_violations(
    root, file: str, host: str, numbers: frozenset[str], scripting: bool
) -> list[Violation]:
    """Numbers and links as the reader gets them, in one parsed document."""
    found = []
    for tag, text in text_segments(root, scripting):
        for number in unknown_numbers(text, numbers):
            before, after = text[: number.start].strip()[-30:], text[number.end :].strip()[:30]
            evidence = (*spellings(number.raw), before, after)
            found.append(Violation(file, tag, number_message(f"the text of {tag}", number.raw), evidence))
    for element in root.iter():
        if isinstance(element.tag, str):
            found += element_reader_violations(element, file, host, numbers)
            if local_name(element) == (HTML_NS, "style"):
                found += style_reader_violations(element.text or "", file, numbers)
    return found


def style_reader_violations(css: str, file: str, numbers: frozenset[str]) -> list[Violation]:
    """What a <style> writes onto the page: a phone number in its strings, one string at a time
    and joined as a browser joins them (escapes decoded, line breaks as spaces), or text made up
    from counters and attributes (a red team's ``counter-reset``, ``attr(data-x)`` and split
    strings; scripts/checks/css_check.py says what the site allows)."""
    from scripts.checks import css_check

    rules = list(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    texts = [text for _, text in [*css_check.strings(rules), *css_check.written_text(rules)]]
    found = [
        Violation(file, "<style>", number_message("the <style>", number.raw), spellings(number.raw))
        for text in texts
        for number in unknown_numbers(" ".join(text.split()), numbers)
    ]
    found += [
        Violation(file, "<style>", f"the <style>: {what} onto the page", (what.split("'")[1],))
        for _, what in css_check.generated_problems(rules)
    ]
    return list(dict.fromkeys(found))


# Links that open a chat with a number: the number is in the address (wa.me/905…, ?phone=905…).
CHAT_HOSTS = frozenset({"wa.me", "api.whatsapp.com", "web.whatsapp.com", "whatsapp.com", "www.whatsapp.com"})


def chat_link_violations(href: str, file: str, label: str, numbers: frozenset[str]) -> list[Violation]:
    """A WhatsApp link that opens a chat with a number: held to the contacts' numbers as a tel:
    link is, and its message as an sms: body is (a red team linked wa.me/905381112233). The share
    control's wa.me/?text=… names no one."""
    try:
        parts = urlsplit(normalised_url(href))
    except ValueError:
        return []
    if (parts.hostname or "").lower() not in CHAT_HOSTS:
        return []
    query = dict(re.findall(r"(\w+)=([^&]*)", parts.query))
    digits = phone_numbers.only_digits(unquote(parts.path) + unquote(query.get("phone", "")))
    found = []
    if digits and digits not in numbers:
        message = f"<a href='{href[:40]}'> opens a chat with {digits}, not one of data/contacts.yml's numbers"
        found.append(Violation(file, label, message, (href,)))
    found += [
        Violation(file, label, number_message(f"the message of <a href='{href[:20]}'>", number.raw), (href,))
        for number in unknown_numbers(unquote(query.get("text", "")), numbers)
    ]
    return found


def element_reader_violations(element, file: str, host: str, numbers: frozenset[str]) -> list[Violation]:
    """One element's attributes a reader sees or hears, its tel: or sms: link, and its link text."""
    tag = local_name(element)[1]
    label = f"<{tag}>"
    attributes = {attribute_name(key): value for key, value in element.attrib.items()}
    seen = {
        name: value for name, value in attributes.items() if name in SEEN_ATTRIBUTES or name in SHOWN_DATA
    }
    meta_name = (attributes.get("name") or attributes.get("property") or "").lower()
    if tag == "meta" and (meta_name in META_TEXT or meta_name.startswith(("og:", "twitter:"))):
        seen["content"] = attributes.get("content", "")
    found = [
        Violation(
            file,
            label,
            number_message(f"the {name} of {label}", number.raw),
            spellings(number.raw),
        )
        for name, value in seen.items()
        for number in unknown_numbers(" ".join(value.split()), numbers)  # a line break shows as a space
    ]
    share = attributes.get("data-jsg-share-url")
    if share is not None and url_problem(share, loaded=True, host=host):  # shared as this site's page
        found.append(
            Violation(file, label, f"{label} shares '{share[:60]}', not a page of this site", (share,))
        )
    # A list's marker is its number: one that starts at (or an item numbered) 100 or more can
    # write most of a phone number beside the item's text (a red team's <ol start=90538>).
    if tag == "ol" and "reversed" in attributes:  # counts down from its length: 538 items show 538
        found.append(Violation(file, label, f"{label} counts down (reversed)", ("reversed",)))
    for name in ("start", "value"):
        if tag in ("ol", "li") and re.search(r"\d{3}", attributes.get(name, "")):
            message = f"the {name} of {label} numbers a list from 100 or more"
            found.append(Violation(file, label, message, (attributes[name],)))
    href = attributes.get("href", attributes.get("xlink:href"))
    if href is None or tag != "a":
        return found
    if normalised_url(href).startswith(("tel:", "sms:")):
        digits, body = dialled(normalised_url(href))
        # ``sms:?body=…`` names no one: the phone asks the reader whom to send it to (the share
        # control, scripts/render/share.py). Its message is still read for numbers below.
        to_no_one = normalised_url(href).startswith("sms:?") or normalised_url(href) == "sms:"
        if digits not in numbers and not to_no_one:
            message = (
                f"<a href='{href[:40]}'> dials {digits or 'nothing'}, which is not one of "
                "data/contacts.yml's numbers; link a number only with {{ emergency }} or {{ contacts }}"
            )
            found.append(Violation(file, label, message, (href, *spellings(href.partition(":")[2]))))
        elif re.search(
            r"[^\d+\s\-.()/]", unquote(re.split(r"[;,?]", normalised_url(href).partition(":")[2])[0])
        ):
            # A phone may dial letters as their keys (tel:+90ADG…): the digits compared are not
            # all the phone dials (a red team's). Only digits and the signs that space them.
            message = f"<a href='{href[:40]}'> has letters in the number it dials"
            found.append(Violation(file, label, message, (href,)))
        found += [
            Violation(
                file, label, number_message(f"the message of <a href='{href[:20]}'>", number.raw), (href,)
            )
            for number in unknown_numbers(body, numbers)
        ]
        return found
    found += chat_link_violations(href, file, label, numbers)
    for words in ("".join(element.itertext()), attributes.get("title", ""), attributes.get("aria-label", "")):
        message = link_hosts.text_problem(words, href, host) if words.strip() else None
        if message:
            found.append(Violation(file, label, message, (words.strip()[:40], href, words.strip()[-30:])))
    return found


def parsed(text: str, scripting: bool):
    """The document tree a browser builds. ``scripting``: with JavaScript on, ``<noscript>`` holds
    plain text (so ``<noscript><p title="</noscript><script>">`` runs the script); with it off, its
    content is markup (an image there is loaded). Both are checked."""
    return html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree")).parse(text, scripting=scripting)


def scripting_modes(text: str) -> tuple[bool, ...]:
    """The scripting flags a document must be parsed with: both when it holds the word noscript
    in any case, else one. Why: the flag changes nothing but how a ``<noscript>`` start tag is
    parsed (html5lib, like the HTML standard, reads it nowhere else), and such a tag is only ever
    made from those eight ASCII letters side by side in the text (a tag's name is not decoded:
    no character reference, NUL or other letter becomes one of them). Without the word, both
    parses give the same tree; a second one was half of the policy's time on every build."""
    return (True, False) if "noscript" in text.lower() else (True,)


def check_html(
    text: str, file: str = "page.html", host: str | None = None, numbers: frozenset[str] | None = None
) -> list[Violation]:
    """Every violation in one HTML document, parsed as a browser parses it (script on and off).
    ``numbers``: the phone numbers a page may show (contact_numbers() when not given)."""
    host = own_host() if host is None else host
    numbers = contact_numbers() if numbers is None else numbers
    found: list[Violation] = []
    for scripting in scripting_modes(text):
        root = parsed(text, scripting=scripting)
        for item in check_tree(root, file, host) + reader_violations(root, file, host, numbers, scripting):
            if item not in found:
                found.append(item)
    return found


def check_svg(
    text: str,
    file: str = "image.svg",
    host: str | None = None,
    numbers: frozenset[str] | None = None,
    data: bytes | None = None,
) -> list[Violation]:
    """Every violation in one SVG file. Read by html5lib as an inline SVG (what {{ steps }} does with
    a pictogram); a DOCTYPE or ENTITY is refused outright, because an XML parser (a browser opening
    the file) would expand entities into elements that no HTML parser sees."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return [Violation(file, "<!DOCTYPE>", "an SVG may not declare a DOCTYPE or entities", ("<!",))]
    if "<![CDATA[" in text:
        return [Violation(file, "<![CDATA[>", "an SVG may not hold a CDATA section", ("<![CDATA[",))]
    root = parsed(text, scripting=True)
    body = root.find(f"{{{HTML_NS}}}body")
    host = own_host() if host is None else host
    numbers = contact_numbers() if numbers is None else numbers
    drawing = body if body is not None else root
    violations = check_tree(drawing, file, host) + reader_violations(drawing, file, host, numbers, True)
    children = list(body) if body is not None else []
    if len(children) != 1 or any(child.tag != f"{{{SVG_NS}}}svg" for child in children):
        violations.append(Violation(file, "<svg>", "the file is not one <svg> element", ("<",)))
    violations += as_xml(text.encode("utf-8", errors="replace") if data is None else data, text, file)
    return [item for item in violations if item.element != "<body>"]


def as_xml(data: bytes, text: str, file: str) -> list[Violation]:
    """What a browser opening the file itself reads: XML, from its bytes. Held to the same
    allow-list as a pictogram before the build (scripts/checks/svg_check.py, expat).

    Why both readings: html5lib reads ``<desc><noscript><h:img src=…>`` as text and an
    ``<?xml-stylesheet?>`` as a comment, where an XML parser makes an element from another
    namespace and a stylesheet to load (found by a red team; the check before the build refused
    them, so only a file that skipped it, or a later step, could publish one)."""
    from scripts.checks import svg_check  # it imports this module's allow-list

    lines = text.splitlines()
    found = []
    for problem in svg_check.check(data, file):
        shown = lines[problem.line - 1].strip() if 0 < problem.line <= len(lines) else ""
        found.append(Violation(file, "<svg>", f"as XML: {problem.message}", (shown[:80],)))
    return found


kind_of = policy_cache.kind_of


def is_svg(name: str) -> bool:
    return kind_of(name) == ".svg"


def is_document(name: str) -> bool:
    """Whether the policy reads a published file: a page, a picture or an XML file, its ending in
    any case (a red team saw ``x.HTML`` and ``x.SVG`` pass unread, while the kinds check let them
    through, and an ``.xml`` file holding XHTML with a script: a browser runs it)."""
    return name.lower().endswith((".html", ".svg", ".xml"))


def check_document(name: str, data: bytes, host: str, numbers: frozenset[str]) -> list[Violation]:
    try:
        return read_document(name, data, host, numbers)
    except RecursionError:  # a red team's 1,000 nested <div>: refused with a message, not a traceback
        return [Violation(name, "<file>", "the document's elements are nested too deeply to read", ())]


def read_document(name: str, data: bytes, host: str, numbers: frozenset[str]) -> list[Violation]:
    found = encoding_violations(name, data)
    kind = kind_of(name)
    if kind == ".xml":
        return found + check_sitemap(data, name, numbers)  # expat reads the bytes
    text = data.decode("utf-8", errors="replace")
    if kind == ".svg":
        return found + check_svg(text, name, host, numbers, data)
    return found + check_html(text, name, host, numbers)


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# The only XML the site publishes is its sitemap: these elements and attributes, nothing else.
SITEMAP_ELEMENTS = {
    "urlset": {"xmlns": SITEMAP_NS, "xmlns:xhtml": "http://www.w3.org/1999/xhtml"},
    "url": {},
    "loc": {},
    "lastmod": {},
    "changefreq": {},
    "priority": {},
    "xhtml:link": {"rel": "alternate", "hreflang": None, "href": None},
}


def check_sitemap(data: bytes, file: str, numbers: frozenset[str] = frozenset()) -> list[Violation]:
    """An XML file may only be a sitemap. Why: a browser shows an .xml file as a document, runs
    the scripts of XHTML elements in it and applies an ``<?xml-stylesheet?>`` (XSLT can write a
    whole page); a red team published each, unread. Read with expat as the SVGs are: no document
    type, no instruction, only the sitemap's elements and attributes (a value given must match);
    its text and comments show no phone number but the contacts' (a browser shows both), and
    its links are https:// or http:// addresses."""
    found: list[Violation] = []
    parser = expat.ParserCreate(namespace_separator=None)

    def refuse(what: str) -> None:
        found.append(Violation(file, "<xml>", f"{what} is not allowed in a sitemap", ()))

    def start(tag: str, attributes: dict[str, str]) -> None:
        allowed = SITEMAP_ELEMENTS.get(tag)
        if allowed is None:
            refuse(f"<{tag}>")
            return
        for name, value in attributes.items():
            if name not in allowed or allowed[name] not in (None, value):
                refuse(f"the attribute {name}='{value[:60]}' on <{tag}>")
            elif name == "href" and not normalised_url(value).startswith(("https://", "http://")):
                refuse(f"the link href='{value[:60]}' on <{tag}>")

    def shown(text: str) -> None:
        for number in unknown_numbers(" ".join(text.split()), numbers):  # a line break shows as a space
            found.append(
                Violation(file, "<xml>", number_message("the sitemap", number.raw), spellings(number.raw))
            )

    parser.StartElementHandler = start
    parser.CharacterDataHandler = shown
    parser.CommentHandler = shown
    parser.buffer_text = True  # one call per text: a number stays whole
    parser.StartDoctypeDeclHandler = lambda *_: refuse("a document type")
    parser.EntityDeclHandler = lambda *_: refuse("an entity")
    parser.ProcessingInstructionHandler = lambda target, _: refuse(f"the instruction <?{target}?>")
    parser.StartCdataSectionHandler = lambda: refuse("a CDATA section")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        refuse(f"XML that is not well-formed ({expat.ErrorString(error.code)})")
    except (ValueError, LookupError):  # an encoding expat cannot read (shift_jis, mbcs; UnicodeError too)
        refuse("an encoding other than UTF-8")
    return found


def encoding_violations(name: str, data: bytes) -> list[Violation]:
    """A document this check reads as UTF-8 must be read so by every browser. Why: a red team
    published a page in UTF-16 with its byte-order mark (a browser follows the mark, even over
    the server's charset; here it was NULs and no element) and one declaring ISO-2022-JP, whose
    escape sequences turn a quoted attribute into elements (followed from the zip and the ZIM
    file, where no server names a charset). Every encoding a browser reads differently from
    UTF-8 where it matters (quotes, <, >) needs a byte-order mark, bytes that are not UTF-8, or
    the ESC byte; our pages and pictures have none of these."""
    try:
        data.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        return [Violation(name, "<file>", "the file is not UTF-8 text", ())]
    if data.startswith((b"\xfe\xff", b"\xff\xfe")) or b"\x1b" in data:
        return [Violation(name, "<file>", "the file holds a byte-order mark or an escape code", ())]
    return []


def documents(site_dir: Path, files: bool = True, copies: bool = True) -> Iterator[tuple[str, bytes]]:
    """Every published HTML and SVG file (``files``), and those inside the offline zips and the
    ZIM files for Kiwix (``copies``), named ``<zip or ZIM file>!<path inside it>``."""
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if files and is_document(relative) and path.is_file():
            yield relative, path.read_bytes()
        elif copies and path.suffix.lower() == ".zip":
            yield from zip_documents(path, relative, site_dir)
        elif copies and path.suffix.lower() == ".zim":
            try:
                yield from zim_documents(path, relative, site_dir)
            except (OSError, RuntimeError, ValueError) as error:  # ZimFormatError is a ValueError
                raise BuildStopped(f"{relative}: the ZIM file cannot be read ({error})") from None


def layout_problem(data: bytes, archive: zipfile.ZipFile) -> str | None:
    """Why a zip could be read two ways, or None. Why: an unzip tool that walks the entries one
    after another (a phone's, a stream reader) trusts each entry's own header, while this check
    reads the list at the end; a red team renamed one entry's header (z.html under the name
    zz.png) and put a page before the first listed entry, and both passed unread. The zips the
    build writes are one entry after another from the first byte to the list, each header naming
    its entry, with no trailing descriptor."""
    expected = 0
    for info in sorted(archive.infolist(), key=lambda entry: entry.header_offset):
        header = data[info.header_offset : info.header_offset + 30]
        if info.header_offset != expected or len(header) < 30 or header[:4] != b"PK\x03\x04":
            return "its entries do not follow one another from its start"
        if info.flag_bits & 0x08:
            return f"the entry {info.filename!r} has a trailing descriptor, which the build never writes"
        name_length = int.from_bytes(header[26:28], "little")
        extra_length = int.from_bytes(header[28:30], "little")
        name = data[info.header_offset + 30 : info.header_offset + 30 + name_length]
        if name != info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437"):
            return f"the entry {info.filename!r} has another name in its own header"
        # Method, CRC and both sizes as the list says (a stream reader sized an entry by its own
        # header and found a page inside it), and no extra field: one can rename the entry for
        # unzip (Info-ZIP's 0x7075) while Python reads the listed name. The build writes none.
        local = struct.unpack("<HIII", header[8:10] + header[14:26])
        if local != (info.compress_type, info.CRC, info.compress_size, info.file_size):
            return f"the entry {info.filename!r} has other sizes in its own header"
        if extra_length or info.extra:
            return f"the entry {info.filename!r} has an extra field, which the build never writes"
        expected = info.header_offset + 30 + name_length + extra_length + info.compress_size
    if expected != archive.start_dir:
        return "it holds bytes that no listed entry accounts for"
    return None


def copied_problem(name: str, data: bytes, site_dir: Path) -> str | None:
    """Why an offline copy's file that is not a page, picture or sitemap is not simply a file the
    site publishes (``site/<name>``, byte for byte), or None. Why: only pages are rewritten for the
    copies; a script or stylesheet in a zip (where no policy header guards a reader) would be
    read by nothing else, and a red team's ran and loaded from another host. The site's own files
    are held to the rules (scripts/finish/published_files.py)."""
    if any(part in ("", ".", "..") for part in name.split("/")):  # /etc/…, a//b, ../x: not a site file
        return "a name that leads outside the site (a red team's matched a file elsewhere on the machine)"
    published = site_dir / name
    try:
        same = published.is_file() and not published.is_symlink() and published.read_bytes() == data
    except OSError:
        same = False
    return None if same else "a file that is not the site's own file of that name, byte for byte"


def zip_documents(path: Path, relative: str, site_dir: Path) -> Iterator[tuple[str, bytes]]:
    """The pages and pictures in an offline zip, each entry read once under its own name. An
    archive that cannot be read whole, or that holds a name twice (an unzip tool may take the
    one this check did not read) or a file of another kind (``a.htm``, ``b.xhtml``, ``c.html.``
    open as pages), stops the build: a red team found each passing unread."""
    from scripts.finish.published_files import PUBLISHED_KINDS  # it imports nothing of this module

    try:
        data = path.read_bytes()  # read once: for the entries and for their headers
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = [info for info in archive.infolist() if not info.is_dir()]
            names = [info.filename for info in entries]
            if len(set(names)) != len(names):
                raise BuildStopped(f"{relative}: the zip holds a file name twice")
            if problem := layout_problem(data, archive):
                raise BuildStopped(f"{relative}: {problem}")
            for info in sorted(entries, key=lambda entry: entry.filename):
                name = info.filename
                if PurePosixPath(name).suffix.lower() not in PUBLISHED_KINDS or name != name.rstrip(". "):
                    raise BuildStopped(f"{relative}!{name}: the site publishes no files of this kind")
                if is_document(name):
                    yield f"{relative}!{name}", archive.read(info)
                elif problem := copied_problem(name.partition("/")[2], archive.read(info), site_dir):
                    raise BuildStopped(f"{relative}!{name}: {problem}")
    except BuildStopped:
        raise
    except Exception as error:  # zlib, lzma, bz2 and zipfile each raise their own
        raise BuildStopped(f"{relative}: the zip cannot be read ({type(error).__name__}: {error})") from None


def zim_documents(path: Path, relative: str, site_dir: Path) -> Iterator[tuple[str, bytes]]:
    """The HTML and SVG entries of a ZIM file, as a Kiwix reader reads them (through libzim), every
    entry of its content found from the file's own list (scripts/finish/zim_format.py); every
    other entry must be the site's own file (``copied_problem``)."""
    from libzim.reader import Archive

    archive = Archive(path)
    for dirent in zim_format.dirents(path.read_bytes()):
        if dirent.namespace != "C":
            continue
        content = bytes(archive.get_entry_by_path(dirent.path).get_item().content)
        if is_document(dirent.path):
            yield f"{relative}!{dirent.path}", content
        elif problem := copied_problem(dirent.path, content, site_dir):
            raise BuildStopped(f"{relative}!{dirent.path}: {problem}")


def check_documents(
    items: list[tuple[str, bytes]], host: str, numbers: frozenset[str]
) -> list[list[Violation]]:
    """The violations of each document in ``items``, in their order (one worker's share)."""
    return [check_document(name, data, host, numbers) for name, data in items]


SOURCE_GLOBS = ("docs/**/*.md", "data/*.yml", "overrides/**/*.html", "docs/assets/**/*.svg", "mkdocs.yml")


@until_changed(lambda root: [path for pattern in SOURCE_GLOBS for path in sorted(root.glob(pattern))])
def sources(root: Path) -> tuple[tuple[str, str], ...]:
    """The editable files a published page is made from, as (path, text)."""
    found = []
    for pattern in SOURCE_GLOBS:
        for path in sorted(root.glob(pattern)):
            try:
                found.append((path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
    return tuple(found)


def traced(violation: Violation, root: Path | None = None) -> str:
    """Where the violation came from, as ``file:line: what``: the first source file and line that
    holds its evidence (an SVG's own sources first for a published SVG), else the published file
    and element."""
    root = project.current().root if root is None else root
    ordered = sorted(sources(root), key=lambda item: item[0].endswith(".svg") != is_svg(violation.file))
    for needle in violation.evidence:
        if len(needle.strip()) < 4:
            continue
        for lowered in (False, True):
            for name, text in ordered:
                haystack, target = (text.lower(), needle.lower()) if lowered else (text, needle)
                index = haystack.find(target)
                if index >= 0:
                    return f"{name}:{text.count(chr(10), 0, index) + 1}: {violation.message}"
    return f"{violation.file}: {violation.element}: {violation.message}"


def read_once(items: list[tuple[str, bytes]], host: str, numbers: frozenset[str]) -> list[Violation]:
    """Every violation in ``items``, each distinct document read once: a third of the documents
    are the same bytes under another name (a page, and its copies in the offline zip and the ZIM
    file). Why that is sound: a document's violations depend only on its bytes, whether it is an
    SVG, the host and the numbers (``check_document``); the name is only written into them, so
    each copy gets the first one's violations under its own name."""
    names: dict[tuple[str, bytes], list[str]] = {}
    for name, data in items:
        names.setdefault((kind_of(name), data), []).append(name)
    distinct = [(same[0], data) for (_, data), same in names.items()]
    groups = chunks(distinct)
    with ProcessPoolExecutor(max_workers=workers()) as pool:
        shares = pool.map(check_documents, groups, [host] * len(groups), [numbers] * len(groups))
        results = [found for share in shares for found in share]
    documents_read = [document for group in groups for document in group]
    return [
        replace(violation, file=name)
        for (first, data), violations in zip(documents_read, results, strict=True)
        for name in names[(kind_of(first), data)]
        for violation in violations
    ]


def check(site_dir: Path, files: bool = True, copies: bool = True, remember: bool = False) -> list[str]:
    """Every violation in the built site, traced to its source where possible: one line for each
    source problem, with the published files it reached. With ``remember`` (the build only), the
    documents an earlier build found clean are not read again (scripts/finish/policy_cache.py); a
    check called on its own, as tests do with patched rules, neither uses nor fills that cache."""
    host, numbers = own_host(), contact_numbers()
    checks = policy_cache.checks_digest(host, numbers)
    known = policy_cache.remembered() if remember else set()
    # One key per document, kept with it: two documents may carry one name (a file called
    # 'x.zip!index.html' and the page index.html inside x.zip), and each is judged on its own bytes.
    keyed = [
        (name, data, policy_cache.key(checks, name, data))
        for name, data in documents(site_dir, files, copies)
    ]
    unread = [(name, data, key) for name, data, key in keyed if key not in known]
    found = read_once([(name, data) for name, data, _ in unread], host, numbers)
    if remember:
        unclean = {violation.file for violation in found}
        policy_cache.remember(known, {key for name, _, key in unread if name not in unclean})
    reached: dict[str, list[str]] = {}
    for violation in found:
        reached.setdefault(traced(violation), []).append(violation.file)
    messages = []
    for message, files in sorted(reached.items()):
        files = sorted(set(files))
        others = f" and {len(files) - 1} other file(s)" if len(files) > 1 else ""
        messages.append(f"{message} (published in {files[0]}{others})")
    return messages


def enforce(site_dir: Path, files: bool = True, copies: bool = True) -> None:
    """Post-build step: stop the build (site/ untouched) when anything published breaks the policy.
    The build checks the files before Chromium prints the leaflets from them (a planted script
    would otherwise run there first, and be reported only as a leaflet that lost its layout), and
    the offline zips and ZIM files once they are made."""
    messages = check(site_dir, files, copies, remember=True)
    if messages:
        shown = messages[:40] + ([f"… and {len(messages) - 40} more"] if len(messages) > 40 else [])
        raise BuildStopped(
            "Something in the built site is not allowed (it could run a script or load from another "
            "website). Remove it from the file named, or ask a developer if the site needs it:\n"
            + "\n".join(shown)
        )


VIEW_BOX_VALUE = re.compile(r"^[\d.\s,+-]+$")


def clean_svg(text: str) -> tuple[str, str]:
    """(viewBox, drawing) of an SVG file, re-written from its parsed tree with only the elements and
    attributes of the SVG allow-list (everything else, a script or an event handler, is left out).

    Why: {{ steps }} draws pictograms into 48 pages; what reaches those pages is then only what the
    allow-list names, whatever the file holds. The published .svg file itself is still checked by
    ``enforce``, which stops the build and names it.
    """
    if re.search(r"<!(DOCTYPE|ENTITY)|<!\[CDATA\[", text, re.IGNORECASE):
        raise ValueError("an SVG may not declare a DOCTYPE, entities or CDATA")
    body = parsed(text, scripting=True).find(f"{{{HTML_NS}}}body")
    svg = body.find(f"{{{SVG_NS}}}svg") if body is not None else None
    view_box = svg.attrib.get("viewBox", "") if svg is not None else ""
    if svg is None or not VIEW_BOX_VALUE.match(view_box):
        raise ValueError("expected one <svg viewBox=...> element")
    return view_box, "".join(serialised(child) for child in svg)


def serialised(element) -> str:
    """One SVG element and its children as text, allow-listed; text escaped."""
    if not isinstance(element.tag, str) or not element.tag.startswith(f"{{{SVG_NS}}}"):
        return ""
    tag = element.tag.partition("}")[2]
    allowed = SVG_ELEMENTS.get(tag)
    if allowed is None or tag == "svg":
        return ""
    attributes = "".join(
        f' {name}="{html_escape(value, quote=True)}"'
        for name, value in ((attribute_name(key), value) for key, value in element.attrib.items())
        if name in allowed and not name.lower().startswith("on")
    )
    inner = html_escape(element.text or "", quote=False) + "".join(
        serialised(child) + html_escape(child.tail or "", quote=False) for child in element
    )
    return f"<{tag}{attributes}>{inner}</{tag}>" if inner else f"<{tag}{attributes}/>"
