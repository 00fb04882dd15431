"""Every link, anchor and image in a page resolves; every image has alt text.

Why: a broken link on a safety site sends a reader in an emergency to a dead end, and an image
without alt text says nothing to a reader who cannot see it. Checked per language, because each
translation has its own links.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from scripts.checks import link_hosts
from scripts.checks.rendered_page import RenderedPage, render
from scripts.file_cache import until_changed
from scripts.problems import MISSING_TRANSLATION, Problem

EXTERNAL_SCHEMES = {"http", "https", "mailto"}


@until_changed(lambda path: [path])
def anchors(path: Path) -> frozenset[str]:
    """The ids a page's headings and elements have once rendered."""
    return frozenset(render(path).ids)


def check(page: RenderedPage, path: Path, where: str, docs_dir: Path) -> list[Problem]:
    """Problems with the links and images of one rendered page."""
    problems: list[Problem] = []
    for element in page.all("a", "img"):
        attribute = "href" if element.tag == "a" else "src"
        target = element.attrs.get(attribute, "")
        line = page.line_of(target) if target else 1
        if element.tag == "img" and not element.attrs.get("alt", "").strip():
            problems.append(
                Problem(
                    where,
                    page.line_of(target),
                    f"the image '{target}' has no alt text",
                    "describe the picture in the page's language: ![A drawing of …](…)",
                )
            )
        parts = urlsplit(target)
        if parts.scheme == "tel":
            problems.append(
                Problem(
                    where,
                    line,
                    "a phone link is written in the page",
                    "phone numbers live only in data/contacts.yml; use {{ emergency }} or {{ contacts }}",
                )
            )
            continue
        if element.tag == "a" and (problem := link_hosts.href_problem(target, link_hosts.own_host())):
            problems.append(
                Problem(
                    where,
                    line,
                    f"the link '{target[:80]}' may mislead a reader: {problem}",
                    "link to the website's own https:// address, written in plain letters",
                )
            )
            continue
        if parts.scheme in EXTERNAL_SCHEMES or parts.scheme or not target:
            continue
        problems += check_internal(page, path, where, docs_dir, target, line)
    return problems


def check_internal(
    page: RenderedPage, path: Path, where: str, docs_dir: Path, target: str, line: int
) -> list[Problem]:
    """One link or image to something on this site."""
    parts = urlsplit(target)
    relative, fragment = unquote(parts.path), unquote(parts.fragment)
    if not relative:
        if fragment and fragment not in page.ids:
            message = f"there is no heading '#{fragment}' on this page"
            return [Problem(where, line, message, "check the anchor")]
        return []
    resolved = (path.parent / PurePosixPath(relative)).resolve()
    if not resolved.is_relative_to(docs_dir.resolve()):
        return [Problem(where, line, f"'{target}' points outside the site", "link to a page in docs/")]
    if not resolved.exists() and resolved.suffix == ".md":
        language_folder = resolved.relative_to(docs_dir.resolve()).parts[0]
        inside = resolved.relative_to(docs_dir.resolve() / language_folder)
        if any((folder / inside).exists() for folder in docs_dir.iterdir() if folder.is_dir()):
            hint = f"translate {PurePosixPath(*inside.parts)} into this language (see CONTRIBUTING.md)"
            return [Problem(where, line, f"'{target}' is not translated yet", hint, rule=MISSING_TRANSLATION)]
    if not resolved.exists():
        hint = "check the spelling; link to the page's .md file, e.g. [Report a danger](report.md)"
        if resolved.suffix != ".md":
            hint = "check the file name; pictures live in docs/assets/pictograms/"
        return [Problem(where, line, f"'{target}' does not exist", hint)]
    if resolved.is_dir():
        hint = "link to the .md file, e.g. ordnance/index.md"
        return [Problem(where, line, f"'{target}' is a folder", hint)]
    if fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
        return [Problem(where, line, f"'{relative}' has no heading '#{fragment}'", "check the anchor")]
    return []
