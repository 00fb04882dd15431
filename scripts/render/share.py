"""The "Send this" control at the end of every page: the page passed on in the reader's language.

Why: residents pass advice on by WhatsApp, Telegram and SMS rather than by typing an address. The
control is plain links, written here at build time, so it works without JavaScript and asks
nothing of any other host until the reader taps one: ``https://wa.me/?text=``,
``https://t.me/share/url?url=…&text=…`` and ``sms:?body=`` (a text message needs no mobile data).
No SDK, no script or picture from those hosts, the security policy unchanged. Where the browser
has the Web Share API, site.js offers the phone's own "share" sheet instead, and "copy" where it
can write to the clipboard; both read the same words from the control's data attributes.

The message is the page's title, one line (its description; on the home page the five steps)
and its address in that language. A leaflet's page sends its PDF's address (the A4 one) the same
way, since the PDF is what people print. The control also links this language's guide on one
page (scripts/finish/single_file.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath
from urllib.parse import quote

from scripts import interface_text
from scripts.render import leaflets
from scripts.render.qr import short_url

HOME = PurePosixPath("index.md")
# Between the five steps' titles in the home page's line: one mark for every language's script.
STEP_SEPARATOR = " · "


@dataclass(frozen=True)
class Message:
    """What is sent: the page's title, one line about it, and the address to open."""

    title: str
    line: str
    url: str

    @property
    def text(self) -> str:
        """The whole message, one part per line, as a messaging app shows it."""
        return "\n".join(part for part in (self.title, self.line, self.url) if part)


def home_line(language: str) -> str:
    """The home page's line: the five steps, by their titles (data/interface.yml)."""
    titles = STEP_SEPARATOR.join(step["title"][language] for step in interface_text.steps())
    return f"{interface_text.text('steps.label', language)}: {titles}"


def message(path: PurePosixPath, meta: dict, language: str, page_address: str) -> Message:
    """The message for one page. ``page_address``: the page's absolute address in its language."""
    title = str(meta.get("title") or "").strip()
    line = home_line(language) if path == HOME else " ".join(str(meta.get("description") or "").split())
    url = page_address
    leaflet_id = meta.get("leaflet")
    if leaflet_id:
        leaflet = leaflets.load()[str(leaflet_id)]
        url = page_address + leaflet.pdf_name(language, leaflet.papers[0])
    return Message(title, line, url)


def whatsapp(sent: Message) -> str:
    return "https://wa.me/?text=" + quote(sent.text, safe="")


def telegram(sent: Message) -> str:
    """Telegram takes the address apart from the words, and shows the address under them."""
    words = "\n".join(part for part in (sent.title, sent.line) if part)
    return f"https://t.me/share/url?url={quote(sent.url, safe='')}&text={quote(words, safe='')}"


def sms(sent: Message) -> str:
    """A text message with no recipient: the phone asks whom to send it to."""
    return "sms:?body=" + quote(sent.text, safe="")


def control(sent: Message, language: str, single_file_href: str, leaflet: bool = False) -> str:
    """The control's HTML. Its buttons are ``hidden`` until site.js finds what they need."""
    text = interface_text.text
    title = escape(text("share.leaflet_title" if leaflet else "share.title", language))
    links = [
        ("whatsapp", whatsapp(sent), "WhatsApp"),
        ("telegram", telegram(sent), "Telegram"),
        ("sms", sms(sent), text("share.sms", language)),
    ]
    items = "".join(
        f'<li><a class="jsg-share__link" data-jsg-share-via="{name}" href="{escape(href)}">'
        f"{escape(words)}</a></li>"
        for name, href, words in links
    )
    data = (
        f'data-jsg-share-title="{escape(sent.title)}" data-jsg-share-text="{escape(sent.line)}" '
        f'data-jsg-share-url="{escape(sent.url)}"'
    )
    return (
        f'<section class="jsg-share" aria-labelledby="jsg-share-title" {data} data-pagefind-ignore>'
        f'<h2 id="jsg-share-title">{title}</h2>'
        f'<button class="jsg-share__button" type="button" data-jsg-share-native hidden>'
        f"{escape(text('share.button', language))}</button>"
        f'<ul class="jsg-share__links" data-jsg-share-links>{items}</ul>'
        f'<p class="jsg-share__address">{escape(text("share.address", language))} '
        f'<span dir="ltr">{escape(short_url(sent.url))}</span></p>'
        f'<p class="jsg-share__copy" data-jsg-share-copy-row hidden>'
        f'<button class="jsg-share__button" type="button" data-jsg-share-copy>'
        f"{escape(text('share.copy', language))}</button> "
        f'<span role="status" data-jsg-share-copied data-done="{escape(text("share.copied", language))}">'
        f"</span></p>"
        f'<p class="jsg-share__file"><a href="{escape(single_file_href)}" download>'
        f"{escape(text('single.download', language))}</a></p>"
        "</section>"
    )
