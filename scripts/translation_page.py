"""One HTML page of every translation's state, for reviewers (``python -m scripts translations --html``).

Why: the plain table says which translations are outdated, but a reviewer also needs when each was
last reviewed and what changed in the English page since it was translated. A translation records
the hash of the source it was made from (``translation.source_hash``); walking the source page's
git history finds the commit with that hash, and the page links to the change since then. The page
goes into the workflow's uploaded files, never into the public site.
"""

from __future__ import annotations

import html
import os
import subprocess
from pathlib import Path, PurePosixPath

from scripts import project, translation_status
from scripts.site_config import languages

STYLE = (
    "body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse}"
    "th,td{border:1px solid #999;padding:.3rem .5rem;vertical-align:top}"
    ".outdated,.missing{background:#fde2e1}.not-yet-reviewed{background:#fff4ce}.up-to-date{background:#e3f4e1}"
)


def git(root: Path, *arguments: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *arguments], cwd=root, capture_output=True, text=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def made_from(root: Path, source: str, recorded: str | None) -> str | None:
    """The newest commit at which the source page had the hash the translation records."""
    if not recorded:
        return None
    for commit in (git(root, "log", "--format=%H", "--", source) or "").split():
        text = git(root, "show", f"{commit}:{source}")
        if text is not None and translation_status.text_hash(text) == recorded:
            return commit
    return None


def change_link(root: Path, source: str, commit: str) -> str:
    """A link to the source's change since ``commit`` on GitHub, else the git command that shows it."""
    server, repository = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_REPOSITORY")
    head = os.environ.get("GITHUB_SHA") or (git(root, "rev-parse", "HEAD") or "").strip()
    if server and repository and head:
        url = f"{server}/{repository}/compare/{commit}...{head}"
        return f'<a href="{html.escape(url)}">changes to {html.escape(source)} since {commit[:10]}</a>'
    return f"<code>git diff {commit[:10]} HEAD -- {html.escape(source)}</code>"


def cell(root: Path, docs: Path, status: translation_status.Status) -> str:
    """One table cell: the state, the date last reviewed, and the source's change when outdated."""
    classes = " ".join(state.replace(" ", "-") for state in status.states)
    lines = [html.escape(status.label)]
    path = docs / status.language / status.page
    if path.exists() and translation_status.SOURCE not in status.states:
        meta, _ = translation_status.split(path.read_text(encoding="utf-8"))
        lines.append(f"reviewed {html.escape(str(meta.get('last_reviewed', 'never')))}")
        if translation_status.OUTDATED in status.states:
            source = f"docs/{translation_status.source_language()}/{status.page}"
            recorded = (meta.get("translation") or {}).get("source_hash")
            commit = made_from(root, source, recorded)
            if commit:
                lines.append(change_link(root, source, commit))
            else:
                lines.append(
                    "not translated yet" if not recorded else "made from a version not in git history"
                )
    return f'<td class="{html.escape(classes)}">' + "<br>".join(lines) + "</td>"


def page(statuses: list[translation_status.Status]) -> str:
    """The whole HTML page, page by language."""
    current = project.current()
    codes = [language.code for language in languages()]
    by_key = {(status.page, status.language): status for status in statuses}
    pages: list[PurePosixPath] = sorted({status.page for status in statuses})
    head = "".join(f"<th>{html.escape(code)}</th>" for code in codes)
    rows = []
    for name in pages:
        cells = "".join(cell(current.root, current.docs_dir, by_key[(name, code)]) for code in codes)
        rows.append(f"<tr><th>{html.escape(str(name))}</th>{cells}</tr>")
    return (
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Translation status</title>'
        f"<style>{STYLE}</style><h1>Translation status</h1>"
        "<p>Per page and language: up to date, outdated (the English page changed since), missing, or "
        "not yet reviewed by a native speaker; the date last reviewed; and what changed in the English "
        "page since the translation was made.</p>"
        f"<table><tr><th>page</th>{head}</tr>{''.join(rows)}</table></html>\n"
    )
