"""Post-build: each page carries the rules of our stylesheet that it can use, in its own ``<style>``.

Why: a page used to show nothing until our stylesheet had arrived: one more round trip on a slow
connection, about 300 ms of a 950 ms first view in Lighthouse's slow 4G (docs-dev/benchmarks.md).
Now the first paint needs nothing but the page. The rules are chosen by the survey that already
trims Material's stylesheet (scripts/finish/styles.py): every rule whose selectors can match the
page or what our script adds at run time, print rules included; about 42 KB, 7.5 KB compressed.
So no second stylesheet is needed, before or after the first paint: nothing to switch on with a
script, nothing that could flash, and a page is styled the same with JavaScript off.

The policy allows these styles by hash, never by 'unsafe-inline': each page's ``<meta>`` policy
names the SHA-256 of its own two styles (these rules and its print footer) and nothing else, so a
``<style>`` that got into a page any other way is not applied, and the output policy stops the
build (scripts/finish/output_policy.py). The site-wide headers cannot list a hash per page; the
browser applies both policies, so the page's stricter one decides (scripts/finish/security_headers.py).

The price: every page is about 7.5 KB larger compressed, where the stylesheet came once from the
cache; measured in docs-dev/benchmarks.md.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from scripts.finish import styles
from scripts.finish.allowed_inline_scripts import script_hash
from scripts.problems import BuildStopped

STYLE_ID = "jsg-styles"
# The build's own inline styles, each in <head> once: these rules, and the print footer
# (scripts/render/print_footer.py). Only these get a hash into the page's policy.
OWN_STYLE_IDS = (STYLE_ID, "jsg-print")
OUR_LINK = re.compile(
    r"""<link rel="?stylesheet"? href="?[^"\s>]*assets/stylesheets/site\.[0-9a-f]{8}\.css"?>\s*"""
)
STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style>", re.DOTALL | re.IGNORECASE)
STYLE_ID_OF = re.compile(r"""\bid=["']?([\w-]+)""", re.IGNORECASE)


@lru_cache(maxsize=1)
def parsed(css: str) -> styles.Sheet:
    """The stylesheet parsed once per process (0.3 s), not once per share of the pages (final_pages
    gives each process several). Keyed by the text itself, so an edited stylesheet is parsed anew."""
    return styles.Sheet(css)


class PageStyles:
    """The finished stylesheet, parsed once per process, cut for each page."""

    def __init__(self, css: str, at_run_time: styles.Used) -> None:
        self.sheet = parsed(css)
        self.at_run_time = at_run_time

    def rules_for(self, html: str) -> str:
        used = styles.scan_html(html)
        used.add(self.at_run_time)
        return styles.NOTICE + self.sheet.keep(used, used.variables)

    def inline(self, html: str, page: Path) -> str:
        """``html`` with its link to our stylesheet replaced by its own rules; a page without the
        link (a moved page's forwarding stub) is left as it is."""
        if not OUR_LINK.search(html):
            return html
        css = self.rules_for(html)
        if "</style" in css.lower():
            raise BuildStopped(f"{page}: '</style' in the stylesheet would end the page's <style>")
        return OUR_LINK.sub(lambda _: f'<style id="{STYLE_ID}">{css}</style>', html, count=1)


def own_style_hashes(html: str) -> list[str]:
    """The hashes of the build's own styles in the page's head (OWN_STYLE_IDS, the first of each),
    sorted. Any other <style> gets no hash, so the browser does not apply it."""
    head = html.split("</head>", 1)[0]
    found: dict[str, str] = {}
    for attributes, text in STYLE.findall(head):
        name = STYLE_ID_OF.search(attributes)
        if name and name.group(1) in OWN_STYLE_IDS and name.group(1) not in found:
            found[name.group(1)] = script_hash(text)
    return sorted(set(found.values()))
