"""Which host a link goes to, which host its text names, and whether a reader can tell them apart.

Why: a link whose text reads ``jarablus-police.com`` can go anywhere, and ``jarablus-p\u043elice.com``
with a Cyrillic 'o' (U+043E) is a different website that reads the same. One implementation of "what host
does this text name", used by the source check (scripts/checks/text_tricks.py) and by the check of the
published pages (scripts/finish/output_policy.py), so the two can never disagree.

Rules for a link to another website: ``https://`` and a host of plain ASCII letters, digits, dots
and dashes, not written in punycode (``xn--``, which a browser shows as another script), with no
``user@`` before it (``https://police.gov.tr@evil.example`` goes to evil.example). ``https:host``
without slashes is refused too: by the URL standard a browser reads it as a path on this site when
the page is served over https, but as ``https://host/`` when the page has another scheme (an
offline copy opened from a file), so what it does depends on where it is read.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from urllib.parse import unquote, urlsplit

from scripts.site_config import load

# Text that reads as an address: an optional scheme, then labels ending in a top-level domain of letters.
ADDRESS = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*:(?://)?|//)?(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}\.?(?::\d+)?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Schemes whose addresses have a host (the URL standard's "special" schemes).
SPECIAL = {"http", "https", "ftp", "ws", "wss", "file"}
PLAIN_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?$")
IP_ADDRESS = re.compile(r"^(?:\[.*\]|[0-9.]+|0x[0-9a-f.x]*)$")
# Letters of Cyrillic and Greek that read as Latin ones in the fonts readers have. A short table,
# not a package: none is pinned here, and the full Unicode confusables list (TR39) would be a new
# dependency for what this needs, the skeleton of a host name for a message and a comparison.
# Mixed scripts in an address are refused whatever the table holds (mixed_letters).
LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "\u0430": "a",  # cyrillic small letter a
        "\u0432": "b",  # cyrillic small letter ve
        "\u0435": "e",  # cyrillic small letter ie
        "\u0451": "e",  # cyrillic small letter io
        "\u04bb": "h",  # cyrillic small letter shha
        "\u0456": "i",  # cyrillic small letter byelorussian-ukrainian i
        "\u0457": "i",  # cyrillic small letter yi
        "\u0458": "j",  # cyrillic small letter je
        "\u043a": "k",  # cyrillic small letter ka
        "\u043c": "m",  # cyrillic small letter em
        "\u043d": "h",  # cyrillic small letter en
        "\u043e": "o",  # cyrillic small letter o
        "\u0440": "p",  # cyrillic small letter er
        "\u0441": "c",  # cyrillic small letter es
        "\u0442": "t",  # cyrillic small letter te
        "\u0443": "y",  # cyrillic small letter u
        "\u0445": "x",  # cyrillic small letter ha
        "\u0455": "s",  # cyrillic small letter dze
        "\u0501": "d",  # cyrillic small letter komi de
        "\u051b": "q",  # cyrillic small letter qa
        "\u051d": "w",  # cyrillic small letter we
        "\u0261": "g",  # latin small letter script g
        "\u0578": "n",  # armenian small letter vo
        "\u057d": "u",  # armenian small letter seh
        # Greek
        "\u03b1": "a",  # greek small letter alpha
        "\u03b2": "b",  # greek small letter beta
        "\u03b5": "e",  # greek small letter epsilon
        "\u03b7": "n",  # greek small letter eta
        "\u03b9": "i",  # greek small letter iota
        "\u03ba": "k",  # greek small letter kappa
        "\u03bd": "v",  # greek small letter nu
        "\u03bf": "o",  # greek small letter omicron
        "\u03c1": "p",  # greek small letter rho
        "\u03c4": "t",  # greek small letter tau
        "\u03c5": "u",  # greek small letter upsilon
        "\u03c7": "x",  # greek small letter chi
        "\u03c9": "w",  # greek small letter omega
        "\u03f2": "c",  # greek lunate sigma symbol
        "\u03f3": "j",  # greek letter yot
        # Latin letters that are not ASCII but read as ASCII ones
        "\u0131": "i",  # latin small letter dotless i
        "\u0237": "j",  # latin small letter dotless j
        "\u0251": "a",  # latin small letter alpha
        "\u0269": "i",  # latin small letter iota
        "\u028f": "y",  # latin letter small capital y
    }
)


def normalised_url(value: str) -> str:
    """A URL as a browser's URL parser sees it: leading/trailing C0 controls and spaces dropped, tabs
    and newlines removed anywhere (so ``java&#x09;script:`` is ``javascript:``), backslashes read as
    slashes (``/\\evil.example`` is another host), lower case."""
    value = value.strip("".join(chr(code) for code in range(0x21)))
    return re.sub(r"[\t\n\r]", "", value).replace("\\", "/").lower()


def own_host() -> str:
    """The host of the site's own address (site_url), whose absolute links are not another host's."""
    return (urlsplit(load().get("site_url") or "").hostname or "").lower()


# Characters browsers take as the dot between the labels of a host name (URL standard, IDNA
# UTS #46), and one that reads as a dot: NFKC folds U+2024 and U+FF0E, but not these.
DOTS = str.maketrans({"\u3002": ".", "\uff61": ".", "\u2024": ".", "\u00b7": ".", "\u0701": "."})


def readable(text: str) -> str:
    """Text as a reader takes it in: compatibility forms folded (full-width letters are letters),
    dot look-alikes as dots, spaces at the ends dropped."""
    return unicodedata.normalize("NFKC", text).translate(DOTS).strip()


# Inside longer link text ("AFAD website (afad.gov.tr)"), a word counts as an address when it has a
# scheme or 'www.', or ends in one of these top-level domains: the generic ones and those of the
# region's countries. The whole text of a link counts with any top-level domain (ADDRESS); a word
# inside a sentence needs this list, or every 'leaflet.pdf' would read as a website.
# fmt: off
TOP_LEVEL = frozenset({
    "com", "org", "net", "gov", "edu", "int", "info", "io", "co", "me", "app", "ngo", "news", "site",
    "online", "tr", "sy", "iq", "jo", "lb", "sa", "ae", "eg", "ir", "de", "fr", "uk", "us", "eu", "ch",
    "se", "nl", "be",
})
# fmt: on
WORD_EDGES = "()[]{}<>\"'\u201c\u201d\u2018\u2019\u00ab\u00bb,;:!?\u060c\u061b"  # quotes, Arabic comma


def address_words(text: str) -> list[str]:
    """The words of longer text that read as web addresses."""
    found = []
    for word in readable(text).split():
        # A Turkish or Kurmanji ending after an apostrophe ("evil.com'da") is not part of the
        # address a messaging app links: read the word up to it.
        word = re.split("['\u2019]", word.strip(WORD_EDGES), maxsplit=1)[0].rstrip(".")
        if not ADDRESS.match(word):
            continue
        host = text_host_part(word).rstrip(".").lower()
        if "://" in word or host.startswith("www.") or skeleton(host).rpartition(".")[2] in TOP_LEVEL:
            found.append(word)
    return found


def skeleton(text: str) -> str:
    """The text with look-alike letters of other scripts as the Latin letters they read as."""
    return readable(text).lower().translate(LOOK_ALIKES)


def reads_as_address(text: str) -> bool:
    return bool(ADDRESS.match(readable(text)))


def text_host_part(text: str) -> str:
    """The host part of address-like text, as written (NFKC): ``https://x.org:443/a`` → ``x.org``."""
    # A scheme (``https:``, ``https://``) is dropped; ``example.org:443`` keeps its host.
    text = re.sub(r"^(?:[a-z][a-z0-9+-]*:(?!\d))?(?://)?", "", readable(text), flags=re.IGNORECASE)
    authority = re.split(r"[/?#]", text, maxsplit=1)[0].rpartition("@")[2]
    return re.sub(r":\d*$", "", authority)


def named_host(text: str) -> str | None:
    """The host an address-like text names, in one spelling (look-alikes read as Latin, IDNA for
    other scripts, without 'www.'), or None when the text does not read as an address."""
    if not reads_as_address(text):
        return None
    name = skeleton(text_host_part(text)).rstrip(".")
    with contextlib.suppress(UnicodeError):
        name = name.encode("idna").decode("ascii")
    return name.removeprefix("www.")


def mixed_letters(text: str) -> str | None:
    """The first letter that is not ASCII in a host that also has ASCII letters, or None."""
    host = text_host_part(text)
    letters = [char for char in host if unicodedata.category(char)[0] == "L"]
    if not any(char.isascii() for char in letters):
        return None
    return next((char for char in letters if not char.isascii()), None)


def character_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def link_host(href: str, own: str) -> str:
    """The host a link goes to, without 'www.' ('' for an address of this site with no host)."""
    url = normalised_url(href)
    if not SCHEME.match(url) and not url.startswith("//"):
        return own.removeprefix("www.")
    host = urlsplit(url).hostname or ""
    return unquote(host).rstrip(".").removeprefix("www.")


def href_problem(href: str, own: str) -> str | None:
    """Why a link (not an address the browser loads) may mislead, or None."""
    url = normalised_url(href)
    scheme = SCHEME.match(url)
    name = scheme.group(1) if scheme else ""
    if name == "mailto":
        domain = unquote(url[len("mailto:") :].split("?")[0]).rpartition("@")[2]
        return host_problem(domain, "the e-mail address") if domain else None
    if name and name not in SPECIAL:
        return None
    if name and not url[len(name) + 1 :].startswith("//"):
        return (
            f"'{href[:60]}' has no '//' after '{name}:' (a browser reads it as another website's "
            "address or as a page of this site, depending on how the page is opened); write it in "
            f"full as https://host/…"
        )
    if not name and not url.startswith("//"):
        return None  # a page of this site
    authority = url.split("//", 1)[1]
    authority = re.split(r"[/?#]", authority, maxsplit=1)[0]
    if "@" in authority:
        return (
            f"'{href[:60]}' has a user name before its host ('…@'), so it goes to "
            f"'{authority.rpartition('@')[2]}'; link to the website's own address"
        )
    host = unquote(re.sub(r":\d*$", "", authority)).rstrip(".")
    if host == own:
        return None
    if not name:
        return "it points to another website (an address starting with //)"
    problem = host_problem(host, "the website's name")
    if problem:
        return problem
    if name != "https":
        return f"a link to another website must start with https:// (not {name}://)"
    return None


def host_problem(host: str, what: str) -> str | None:
    """Why a host name may read as another one: letters that are not ASCII, punycode, an IP address."""
    odd = next((char for char in host if not char.isascii()), None)
    if odd:
        return (
            f"{what} '{host}' has a letter that is not plain ASCII ({character_name(odd)}), "
            f"which reads like '{skeleton(host)}' but is another name; type the address in plain letters"
        )
    if any(label.startswith("xn--") for label in host.split(".")):
        return (
            f"{what} '{host}' is written in punycode ('xn--'), which a browser shows in another "
            "script; link to an address in plain letters"
        )
    if IP_ADDRESS.match(host):
        return f"{what} '{host}' is a number, not a name; link to the website's name"
    if not PLAIN_HOST.match(host):
        return f"{what} '{host}' has characters a host name does not; check the address"
    return None


def text_problem(shown: str, href: str, own: str) -> str | None:
    """Why a link's text (or title) misleads about where the link goes, or None: it reads as a web
    address and names another host, or it mixes letters of another script into a Latin address."""
    if normalised_url(href).startswith(("mailto:", "tel:", "sms:")):
        return None
    named = named_host(shown)
    if named is None:
        shown = " ".join(shown.split())
        for word in address_words(shown):
            if (odd := mixed_letters(word)) or named_host(word) != link_host(href, own):
                why = f" with a letter of another script ({character_name(odd)})" if odd else ""
                return (
                    f"the link text '{shown}' names the website '{word}'{why}, but the link goes to '{href}'"
                )
        return None
    shown = " ".join(shown.split())
    odd = mixed_letters(shown)
    if odd:
        return (
            f"the link text '{shown}' mixes a letter of another script ({character_name(odd)}) into "
            f"a web address: it reads as '{named}', which it is not"
        )
    if named != link_host(href, own):
        return f"the link text '{shown}' reads as a web address, but the link goes to '{href}'"
    return None
