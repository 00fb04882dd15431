"""The inline scripts our pages may hold: a committed, reviewed list of exact texts.

Why: the Content-Security-Policy used to hash every inline script found in the built pages, so a
script an editor slipped in (through a title, a data string, a template) was allowed by the
site's own policy. Now a script runs only when its exact text is listed here; anything else stops
the build (scripts/finish/output_policy.py), and the policy holds only these hashes
(scripts/finish/final_pages.py). A theme upgrade that adds an inline script changes this list on purpose,
in a reviewed commit.

Material's own inline scripts (partials/javascripts/base.html and content.html) are replaced by
empty partials in overrides/partials/javascripts/: they served Material's script bundle and
content tabs, which this site does not use.
"""

from __future__ import annotations

import base64
import hashlib

# Exact text (as it is in the finished, minified page) → what it is and where it comes from.
ALLOWED: dict[str, str] = {
    'document.documentElement.classList.remove("no-js")': (
        "overrides/main.html, block extrahead: removes the no-js class before the first paint, "
        "so the search box does not appear late and shift the page"
    ),
}


def script_hash(script: str) -> str:
    """The policy's name for one exact script text: 'sha256-<base64 of its UTF-8 digest>'."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


ALLOWED_HASHES: frozenset[str] = frozenset(script_hash(text) for text in ALLOWED)


def allowed(script: str) -> bool:
    """Whether this exact inline script text may run."""
    return script_hash(script) in ALLOWED_HASHES


def only_allowed(hashes: list[str] | set[str]) -> list[str]:
    """The hashes a policy may name: those of listed scripts, sorted (stable output)."""
    return sorted(set(hashes) & ALLOWED_HASHES)
