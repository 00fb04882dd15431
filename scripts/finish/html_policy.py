"""What HTML content may contain: nothing that runs code, changes the page's look, or loads from
another host.

Why: editors paste from everywhere. A ``<script>``, an ``onclick``, a ``javascript:`` link or an
image from another server would run someone else's code or tell another server who reads a page
about reporting suspicious behaviour. Checked on the rendered HTML (scripts/checks/rendered_page.py), so a
Markdown trick that produces the same tag is caught too.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scripts.checks.rendered_page import RenderedPage
from scripts.problems import Problem

FORBIDDEN_TAGS = {
    "script",
    "style",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "base",
    "meta",
    "link",
    "svg",
    "math",
    # Elements whose content the browser reads as text up to their closing tag (the trick
    # <noscript><p title="</noscript><script>…">), or that load or embed something.
    "noscript",
    "textarea",
    "title",
    "template",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "frameset",
    "portal",
}
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href"}
URL_ATTRIBUTES |= {"background", "cite"}
RESOURCE_TAGS = {"img", "audio", "video", "source", "track", "picture", "input"}
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def check(page: RenderedPage, where: str) -> list[Problem]:
    """Every policy problem in one rendered page."""
    problems = []
    for element in page.elements:
        if element.tag in FORBIDDEN_TAGS:
            problems.append(
                Problem(
                    where,
                    page.line_of(f"<{element.tag}"),
                    f"<{element.tag}> is not allowed in content",
                    "remove it; write the text in Markdown (ask a developer if a page needs more)",
                )
            )
        for name, value in element.attrs.items():
            if name.startswith("on"):
                problems.append(
                    Problem(
                        where,
                        page.line_of(name),
                        f"the attribute '{name}' (it runs code) is not allowed",
                        "remove the attribute",
                    )
                )
            if name == "style":
                problems.append(
                    Problem(where, page.line_of("style="), "inline 'style' is not allowed", "remove it")
                )
            if name not in URL_ATTRIBUTES:
                continue
            squeezed = "".join(value.split()).lower()
            if squeezed.startswith(BAD_SCHEMES):
                scheme = squeezed.split(":", 1)[0]
                problems.append(
                    Problem(
                        where,
                        page.line_of(f"{scheme}:" if f"{scheme}:" in page.source else value[:20]),
                        f"a '{scheme}:' address is not allowed",
                        "link to a page of this site or to an https:// address",
                    )
                )
            elif element.tag in RESOURCE_TAGS and urlsplit(value).netloc:
                problems.append(
                    Problem(
                        where,
                        page.line_of(value),
                        f"the image or media '{value}' is loaded from another website",
                        "save the file under docs/assets/ and link to it there",
                    )
                )
    return problems
