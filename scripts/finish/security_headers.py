"""The security headers of every response, with a Content-Security-Policy computed from the site.

Why: a public-safety site must not become a way to run someone else's script. The policy allows
scripts from the site itself and, for inline scripts, only the exact texts of the committed,
reviewed list in scripts/finish/allowed_inline_scripts.py (by SHA-256). A script found in the pages but not
on that list is never put into the policy (scripts/finish/output_policy.py stops the build), so an
injected script cannot whitelist itself; a theme upgrade changes the list on purpose.

Styles: each page carries two inline ``<style>`` elements of its own, the rules it uses
(scripts/finish/page_styles.py) and its print footer (scripts/render/print_footer.py), different on
every page. Its ``<meta>`` policy allows exactly those two, by SHA-256, and no other inline style.
The site-wide header cannot list a hash per page (kilobytes on every response), so it keeps
'unsafe-inline' for styles, as it had before the pages carried their rules; a browser enforces
both policies, so on every host the page's own hashes decide.

Hosts that cannot send headers (GitHub Pages) get the same policy in a ``<meta>`` element of each
page, without ``frame-ancestors`` (browsers ignore it there).
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.finish.allowed_inline_scripts import only_allowed, script_hash

JAVASCRIPT_TYPES = {"", "text/javascript", "module", "application/javascript"}


SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
TYPE = re.compile(r"""\btype=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run (a regular expression, not a parser:
    the scaling run showed Python's HTML parser taking minutes on thousands of pages)."""
    found = []
    for match in SCRIPT.finditer(html):
        attributes = match.group(1)
        kind = TYPE.search(attributes)
        kind = next((group for group in kind.groups() if group is not None), "") if kind else ""
        if not SOURCE.search(attributes) and kind.strip().lower() in JAVASCRIPT_TYPES:
            found.append(match.group(2))
    return found


def page_script_hashes(html: str) -> set[str]:
    """The hashes of one page's inline scripts."""
    return {script_hash(script) for script in inline_scripts(html)}


def script_hashes(site_dir: Path) -> list[str]:
    """The hashes of the built pages' inline scripts that the reviewed list names, sorted (stable
    output). A script found but not listed is never named: the output policy stops the build."""
    found = set()
    for page in site_dir.rglob("*.html"):
        found |= page_script_hashes(page.read_text(encoding="utf-8"))
    return only_allowed(found)


def script_source(hashes: list[str]) -> str:
    """The script-src directive. 'wasm-unsafe-eval' lets Pagefind's search run its WebAssembly;
    it allows no JavaScript eval."""
    return "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *hashes])


def policy(hashes: list[str], in_meta: bool = False, styles: list[str] | None = None) -> str:
    """The Content-Security-Policy. ``styles``: the hashes of the page's own inline styles (a
    page's ``<meta>``); None for the site-wide header, which cannot name every page's."""
    directives = [
        "default-src 'self'",
        script_source(hashes),
        "style-src " + " ".join(["'self'", *(["'unsafe-inline'"] if styles is None else styles)]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]
    if not in_meta:
        directives.append("frame-ancestors 'none'")
    return "; ".join(directives)


def reader_policy(hashes: list[str]) -> str:
    """The policy of the pages inside the ZIM files (scripts/finish/zim_files.py), as a ``<meta>``
    element: a Kiwix reader serves them from its own address, with no header of ours. Those pages
    carry no script file of ours, so the only scripts of this address that may run are the
    reader's own (kiwix-serve puts its toolbar into each page, from the same address) and our
    listed inline ones; the toolbar's search form may send to the reader ('self'). No worker, no
    manifest: the service worker belongs to the website, and a copy cannot be installed."""
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'none'",
        "manifest-src 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return f'<meta http-equiv=Content-Security-Policy content="{"; ".join(directives)}">'


# Features no page of ours uses: denied, so no script (ours or injected) can ask for them.
DENIED_FEATURES = (
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "serial",
    "usb",
)


def headers(hashes: list[str]) -> list[tuple[str, str]]:
    """Every response's security headers, in a fixed order."""
    return [
        ("Content-Security-Policy", policy(hashes)),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)),
        ("Strict-Transport-Security", "max-age=31536000"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]


META_AFTER = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


def meta_policy(hashes: list[str], styles: list[str] | None = None) -> str:
    """The policy as a ``<meta>`` element, for hosts that cannot send headers; with ``styles``, the
    hashes of the page's own inline styles (the only ones it applies)."""
    return (
        f'<meta http-equiv=Content-Security-Policy content="{policy(hashes, in_meta=True, styles=styles)}">'
    )


def with_meta_policy(html: str, meta: str, page: Path) -> str:
    """The page with ``meta`` as the first thing after its ``<meta charset>`` (final_pages.py)."""
    updated, count = META_AFTER.subn(lambda found: found.group(0) + meta, html, count=1)
    if count != 1:
        raise ValueError(f"{page}: no <meta charset> to put the security policy after")
    return updated
