"""Which published documents the output policy has already found clean, kept in .cache/policy/.

Why: the output policy reads every page and SVG, and again every copy inside the offline zips and
ZIM files, with html5lib (python -m scripts build printed 5.5 s and 8.4 s of a 28 s build on two
cores, the largest steps after MkDocs). After a one-word change almost all of those documents are
byte for byte the ones the last build checked. The verdict on a document depends only on its
bytes, its kind, the policy's code and what it is checked against (the site's address, the
contacts' numbers), so a document whose key is remembered is clean without being read again.

Only clean documents are remembered: one with a violation is read every time, so the build still
stops and names it. The key holds a digest of every module of scripts/ and the parsers' versions, so
any change to the checks starts afresh; delete .cache/ to start afresh by hand.
"""

from __future__ import annotations

import hashlib
import os
import sys
import unicodedata
from importlib import metadata
from pathlib import Path
from xml.parsers import expat

from scripts import project

CACHE_ENV = "JSG_POLICY_CACHE"
FILE = "clean.txt"


def cache_file() -> Path:
    """The list of clean keys (.cache/policy/clean.txt, or in $JSG_POLICY_CACHE)."""
    return project.current().cache("policy", CACHE_ENV) / FILE


def code_digest() -> bytes:
    """Every module of scripts/ as it is on disk now."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


# Taken when the checks are loaded (output_policy imports this module), not when a build asks: a
# process that keeps running old code after scripts/ was edited (a long test run) files its
# verdicts under the code it ran, never under the new code's name.
CODE_AT_START = code_digest()


def checks_digest(host: str, numbers: frozenset[str]) -> str:
    """What the verdict depends on besides the document: our code, the parsers, address, numbers."""
    from scripts.finish import allowed_inline_scripts  # the reviewed list as in force, patched or not

    digest = hashlib.sha256(CODE_AT_START)
    digest.update("\n".join(sorted(allowed_inline_scripts.ALLOWED_HASHES)).encode() + b"\0")
    # The parsers the checks lean on: html5lib reads the documents, expat reads SVGs as XML,
    # phonenumbers finds numbers in them, Python's own modules split addresses and its Unicode
    # tables tell letters apart (scripts/checks/link_hosts.py).
    parsers = f"html5lib {metadata.version('html5lib')} phonenumbers {metadata.version('phonenumbers')}"
    parsers += f" python {sys.version} unicode {unicodedata.unidata_version} {expat.EXPAT_VERSION}"
    digest.update(parsers.encode() + b"\0" + host.encode() + b"\0")
    digest.update("\n".join(sorted(numbers)).encode())
    return digest.hexdigest()


def kind_of(name: str) -> str:
    """How a published file is read: ``.svg`` (a picture), ``.xml`` (a sitemap) or ``.html``, by
    its ending in any case, as nginx and a phone's file viewer choose a type. Here, not in the
    policy, because the key and the reading must agree (the policy imports this module)."""
    lowered = name.lower()
    return ".svg" if lowered.endswith(".svg") else ".xml" if lowered.endswith(".xml") else ".html"


def key(checks: str, name: str, data: bytes) -> str:
    """One document's key: the checks' digest, its kind (.html or .svg) and its bytes."""
    kind = kind_of(name)
    return hashlib.sha256(f"{checks}{kind}".encode() + data).hexdigest()


def remembered() -> set[str]:
    try:
        return set(cache_file().read_text(encoding="ascii").split())
    except OSError:
        return set()


# More keys than this (dozens of builds of a big site) and the list starts again from one build's.
LIMIT = 50_000


def remember(known: set[str], keys: set[str]) -> None:
    """Add ``keys`` (clean documents) to the ``known`` ones, written whole and then renamed, so
    another build reading meanwhile never sees half a list."""
    keys = known | keys if len(known) + len(keys) <= LIMIT else keys
    target = cache_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{FILE}.{os.getpid()}.partial")
    partial.write_text("\n".join(sorted(keys)) + "\n", encoding="ascii")
    partial.replace(target)
