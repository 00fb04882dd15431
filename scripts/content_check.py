"""Check all content and data before MkDocs reads any of it; report every problem at once.

Why: MkDocs stops at the first bad page, sometimes with a Python traceback (an impossible date in
front matter crashes its YAML parser). Editors need the whole list, each as
``file:line: what is wrong — how to fix it``.
"""

from __future__ import annotations

from pathlib import Path

from scripts import contacts, front_matter, interface_text
from scripts.problems import Problem
from scripts.site_config import ROOT

DOCS = ROOT / "docs"


def check_all(docs_dir: Path = DOCS, contacts_file: Path = contacts.CONTACTS_FILE) -> list[Problem]:
    """Every problem in the Markdown pages and the data files, sorted by file and line."""
    problems: list[Problem] = []
    for page in sorted(docs_dir.rglob("*.md")):
        problems += front_matter.read(page)[1]
    problems += contacts.check(contacts_file)
    problems += interface_text.check()
    return sorted(problems)
