"""Text that shows readers something other than what the file says.

Why: a right-to-left override (U+202E) can make the digits of a number read in another order, so a
page shows a number that is in no data file; a zero-width space splits a number so no check sees
it; a link whose text reads ``https://www.jarablus-police.com`` can lead anywhere; ``+90 **538**``
is a phone number that the Markdown check does not see because the bold marks split it. Each
check here looks at what the reader gets, not at the markup.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from scripts.checks import link_hosts, phone_numbers
from scripts.checks.rendered_page import RenderedPage, converter
from scripts.problems import Problem

BIDI_CONTROLS = {chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
ZERO_WIDTH = {"\u200b", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\ufeff", "\u180e", "\u034f"}
JOINERS = {"\u200c", "\u200d"}  # ZWNJ and ZWJ: needed inside Arabic-script words (Persian, Sorani)
BLOCKS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "td",
    "th",
    "div",
    "br",
    "pre",
    "blockquote",
    "dt",
    "dd",
}


def character_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'invisible character')}"


def arabic_script(char: str) -> bool:
    return unicodedata.name(char, "").startswith("ARABIC") and unicodedata.category(char)[0] in "LM"


def hidden_characters(text: str, where: str) -> list[Problem]:
    """Bidi controls and zero-width characters, each with its line; joiners only inside an Arabic word."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for index, char in enumerate(line):
            if char in BIDI_CONTROLS:
                problems.append(
                    Problem(
                        where,
                        number,
                        f"an invisible direction control ({character_name(char)}) changes how the text reads",
                        "delete it (retype the line if you cannot see it); pages set their direction",
                    )
                )
            elif char in ZERO_WIDTH or (
                char in JOINERS
                and not (
                    0 < index < len(line) - 1
                    and arabic_script(line[index - 1])
                    and arabic_script(line[index + 1])
                )
            ):
                problems.append(
                    Problem(
                        where,
                        number,
                        f"an invisible character ({character_name(char)}) is in the text",
                        "delete it (retype the word if you cannot see it)",
                    )
                )
    return problems


class TextAndLinks(HTMLParser):
    """The text a reader sees, and each link with its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, list[str]]] = []
        self.open_links: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self.text.append("\n")
        if tag == "a":
            link = (dict(attrs).get("href") or "", [])
            self.open_links.append(link)
            self.links.append(link)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.text.append("\n")
        if tag == "a" and self.open_links:
            self.open_links.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, words in self.open_links:
            words.append(data)


def check_page(meta: dict | None, page: RenderedPage, where: str) -> list[Problem]:
    """The page's text tricks: links that lie about where they go, numbers split by markup, no title."""
    reader = TextAndLinks()
    reader.feed(page.html or converter().reset().convert(page.body))
    reader.close()
    problems = misleading_links(reader.links, page, where)
    problems += split_numbers("".join(reader.text), page, where)
    problems += empty_title(meta, page, where)
    problems += addresses_in_front_matter(meta, page, where)
    return problems


# A handle on a messaging or social service (@name): in a share message it reads as a contact.
HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_]{3,}")


def addresses_in_front_matter(meta: dict | None, page: RenderedPage, where: str) -> list[Problem]:
    """A web address or an @handle in the title or description.

    Why: the description is shown nowhere on the page, only in search results and in every "Send
    this" message (scripts/render/share.py), where messaging apps make an address or a handle a
    link; a reviewer reading the page or its screenshots never sees it (found by the red team:
    "Newer numbers: https://… and t.me/…" passed). Links to other sites belong in the page's text,
    where the link checks and reviewers see them."""
    problems = []
    for field in ("title", "description"):
        value = (meta or {}).get(field)
        if not isinstance(value, str):
            continue
        found = link_hosts.address_words(value) + HANDLE.findall(link_hosts.readable(value))
        if found:
            problems.append(
                Problem(
                    where,
                    page.line_of(f"{field}:"),
                    f"the {field} names a web address or an account ({found[0]}): it is sent in every "
                    "share message and shown in search results, where no reviewer sees it",
                    f"take it out of the {field}; write a link to another site in the page's text",
                )
            )
    return problems


def misleading_links(links: list[tuple[str, list[str]]], page: RenderedPage, where: str) -> list[Problem]:
    """Link text that reads as a web address of another host, or mixes scripts into one
    (scripts/checks/link_hosts.py, the same rule the published pages are held to). A link without a
    host counts as going nowhere else here: its text must not read as an address at all."""
    problems = []
    for href, words in links:
        shown = "".join(words).strip()
        message = link_hosts.text_problem(shown, href, own="")
        if message:
            problems.append(
                Problem(
                    where,
                    first_line(page, shown, href),
                    message,
                    "write what the link is about as its text (not an address), or link to that address",
                )
            )
    return problems


def first_line(page: RenderedPage, *needles: str) -> int:
    """The line of the first needle found in the file: the text shown may be split by markup."""
    for needle in needles:
        if needle and needle in page.source:
            return page.line_of(needle)
    return 1


def split_numbers(text: str, page: RenderedPage, where: str) -> list[Problem]:
    """Phone numbers in the text readers see whose Markdown was split by markup (the Markdown
    check, content_check.phone_numbers, reports those written plainly)."""
    problems = []
    for number in phone_numbers.find(text):
        if number.raw in page.body:
            continue
        digits = re.findall(r"\d{2,}", number.raw)
        problems.append(
            Problem(
                where,
                page.line_of(digits[-1]) if digits else 1,
                f"a phone number ({number.raw.strip()}) is written in the page, split up by markup",
                "numbers live only in data/contacts.yml; show them with {{ emergency }}",
            )
        )
    return problems


def empty_title(meta: dict | None, page: RenderedPage, where: str) -> list[Problem]:
    """A title that would leave the page without a name: spaces, or only markup."""
    title = (meta or {}).get("title")
    if not isinstance(title, str) or title == "":
        return []  # missing or of the wrong kind: front_matter.check reports it
    words = re.sub(r"<[^>]*>|&[#\w]+;|[*_`~#>\[\]()\\|=-]", "", title)
    if "".join(char for char in words if unicodedata.category(char)[0] in "LN"):
        return []
    return [
        Problem(
            where,
            page.line_of("title:"),
            f"the title {title!r} has no words, so the page would have no name",
            "write the page's title in words after 'title:'",
        )
    ]
