"""Printable leaflets: which exist (``data/leaflets.yml``) and the HTML of their printed sheet.

Why: NGOs print these by the thousand. A leaflet is assembled from the same data as the guides
(steps, contacts), never from a second copy. While no emergency number is verified, every sheet says
"Draft, do not print" across the top, so an unconfirmed number is never handed out as if it worked.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import yaml

from scripts import contacts as contact_data
from scripts import interface_text, project, safe_yaml, translation_status
from scripts.file_cache import until_changed
from scripts.problems import Problem, display_path, line_of
from scripts.render import blocks, qr


def leaflets_file() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().data("leaflets.yml")


PARTS = ("lead", "steps", "vehicle-steps", "call", "guide", "cards")
FOOT = ("call", "guide")
# Paper: the Playwright page format. A5 is the A4 layout zoomed to 0.68 by site.css (html[data-paper=a5]),
# set by scripts/finish/leaflet_pdfs.py: not 1/√2, as the 10 mm page margins do not shrink with it.
PAPERS = {"a4": "A4", "a5": "A5"}
CARDS_PER_SHEET = 10

AssetUrl = blocks.AssetUrl


@dataclass(frozen=True)
class Leaflet:
    id: str
    guide: str
    papers: tuple[str, ...]
    parts: tuple[str, ...]

    def pdf_name(self, language: str, paper: str) -> str:
        """File name of a PDF, saying what it is when shared on its own: jarablus-vehicle-ku-a4.pdf."""
        return f"jarablus-{self.id}-{language}-{paper}.pdf"


@until_changed(lambda path=None: [path or leaflets_file()])
def load(path: Path | None = None) -> dict[str, Leaflet]:
    path = leaflets_file() if path is None else path
    data = safe_yaml.load(path.read_text(encoding="utf-8"))
    return {
        ident: Leaflet(ident, entry["guide"], tuple(entry["papers"]), tuple(entry["parts"]))
        for ident, entry in data["leaflets"].items()
    }


def check(path: Path | None = None, docs_dir: Path | None = None) -> list[Problem]:
    """Problems in data/leaflets.yml: unknown parts or papers, a guide page that does not exist."""
    path = leaflets_file() if path is None else path
    docs_dir = project.current().docs_dir if docs_dir is None else docs_dir
    where = display_path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = safe_yaml.load(text)
        entries = data["leaflets"].items()
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        return [
            Problem(where, 1, f"not a valid leaflet list ({error})", "compare with the comments at the top")
        ]
    problems = []
    for ident, entry in entries:
        line = line_of(text, f"{ident}:")
        entry = entry if isinstance(entry, dict) else {}
        for field, allowed in (("part", PARTS), ("paper", PAPERS)):
            for value in entry.get(f"{field}s") or []:
                if value not in allowed:
                    problems.append(
                        Problem(
                            where,
                            line,
                            f"leaflet '{ident}': unknown {field} '{value}'",
                            f"use one of: {', '.join(allowed)}",
                        )
                    )
        guide = str(entry.get("guide") or "")
        source = translation_status.source_language()
        if not (docs_dir / source / guide).is_file():
            problems.append(
                Problem(
                    where,
                    line,
                    f"leaflet '{ident}': guide '{guide}' is not a page",
                    f"name a page under docs/{source}/, such as vehicles.md",
                )
            )
    return problems


@dataclass(frozen=True)
class Sheet:
    """What one printed sheet needs to know about its page."""

    leaflet: Leaflet
    language: str
    title: str
    site_name: str
    guide_url: str
    reviewed: str
    asset: AssetUrl


def call_contacts() -> tuple[list[contact_data.Contact], bool]:
    """The numbers a leaflet prints, and whether they are verified. Verified primary contacts;
    while there are none, the primary ones, shown as unconfirmed on a sheet marked as a draft."""
    everyone = contact_data.load()
    verified = contact_data.verified_primary(everyone)
    if verified:
        return verified, True
    return [contact for contact in everyone if contact.primary], False


def unconfirmed(language: str, tag: str = "p") -> str:
    words = escape(interface_text.text("contact.unconfirmed.title", language))
    return f'<{tag} class="jsg-sheet__unconfirmed">{words}</{tag}>'


def call(language: str) -> str:
    text = interface_text.text
    found, verified = call_contacts()
    rows = []
    state = "" if verified else unconfirmed(language, "span")
    for contact in found:
        rows.append(
            f'<p class="jsg-sheet__call-name">{escape(text("contact.call", language))}: '
            f"{escape(contact.name[language])}</p>"
            f'<p class="jsg-sheet__number">{blocks.phone_number(contact)}</p>{state}'
        )
    return '<div class="jsg-sheet__call">' + "".join(rows) + "</div>"


def pictogram_list(items: list[tuple[str, str, str]], asset: AssetUrl, css: str) -> str:
    """Numbered rows of (pictogram id, alt text, HTML text)."""
    rows = "".join(
        f'<li><img src="{asset("assets/pictograms/" + icon + ".svg")}" alt="{escape(alt)}" '
        f'width="64" height="64"><span>{html}</span></li>'
        for icon, alt, html in items
    )
    return f'<ol class="jsg-sheet__steps {css}">{rows}</ol>'


def steps(language: str, asset: AssetUrl) -> str:
    return pictogram_list(
        [
            (
                step["id"],
                step["alt"][language],
                f"<strong>{escape(step['title'][language])}</strong> {escape(step['text'][language])}",
            )
            for step in interface_text.steps()
        ],
        asset,
        "jsg-sheet__steps--five",
    )


def vehicle_steps(language: str, asset: AssetUrl) -> str:
    return pictogram_list(
        [
            (step["icon"], step["alt"][language], escape(step["text"][language]))
            for step in interface_text.vehicle_steps()
        ],
        asset,
        "jsg-sheet__steps--vehicle",
    )


def guide(sheet: Sheet) -> str:
    text = interface_text.text
    label = text("leaflet.scan", sheet.language)
    return (
        '<div class="jsg-sheet__guide">'
        f'<div class="jsg-sheet__qr">{qr.svg(sheet.guide_url, label=f"{label}: {sheet.guide_url}")}</div>'
        f'<div><p class="jsg-sheet__scan">{escape(label)}</p>'
        f'<p class="jsg-sheet__url" dir="ltr">{escape(qr.short_url(sheet.guide_url))}</p>'
        f'<p class="jsg-sheet__reviewed">{escape(text("page.last_reviewed", sheet.language))}: '
        f"{escape(sheet.reviewed)}</p></div></div>"
    )


def card(sheet: Sheet) -> str:
    """One pocket card: who to call, the five step names, and a code to the contacts page."""
    text = interface_text.text
    found, verified = call_contacts()
    numbers = "".join(
        f'<p class="jsg-card__name">{escape(contact.name[sheet.language])}</p>'
        f'<p class="jsg-card__number">{blocks.phone_number(contact)}</p>'
        for contact in found
    )
    if not verified:
        # Each card carries the draft mark itself: once cut out, it is apart from the sheet's top.
        words = escape(text("leaflet.card.draft", sheet.language))
        numbers += f'<p class="jsg-card__draft jsg-sheet__unconfirmed">{words}</p>'
    step_names = " · ".join(escape(step["title"][sheet.language]) for step in interface_text.steps())
    return (
        '<div class="jsg-card">'
        f'<div class="jsg-card__text"><p class="jsg-card__site">{escape(sheet.site_name)}</p>'
        f'<p class="jsg-card__title">{escape(text("leaflet.card.title", sheet.language))}</p>'
        f'{numbers}<p class="jsg-card__steps">{step_names}</p></div>'
        f'<div class="jsg-card__qr">{qr.svg(sheet.guide_url)}'
        f'<p dir="ltr">{escape(qr.short_url(sheet.guide_url))}</p></div></div>'
    )


def cards(sheet: Sheet) -> str:
    hint = escape(interface_text.text("leaflet.cut", sheet.language))
    return (
        f'<p class="jsg-sheet__cut">{hint}</p>'
        '<div class="jsg-sheet__cards">' + card(sheet) * CARDS_PER_SHEET + "</div>"
    )


def sheet_html(sheet: Sheet) -> str:
    """The printed sheet. On screen it is a preview; in print (and in the PDF) it is the whole page."""
    text = interface_text.text
    language = sheet.language
    _, verified = call_contacts()
    render = {
        "lead": lambda: (
            f'<p class="jsg-sheet__lead">{escape(text(f"leaflet.{sheet.leaflet.id}.lead", language))}</p>'
        ),
        "steps": lambda: steps(language, sheet.asset),
        "vehicle-steps": lambda: vehicle_steps(language, sheet.asset),
        "call": lambda: call(language),
        "guide": lambda: guide(sheet),
        "cards": lambda: cards(sheet),
    }
    # The number and the code share the bottom row: side by side on paper, stacked on a phone.
    body = [render[part]() for part in sheet.leaflet.parts if part not in FOOT]
    foot = [render[part]() for part in sheet.leaflet.parts if part in FOOT]
    if foot:
        body.append('<div class="jsg-sheet__foot">' + "".join(foot) + "</div>")
    draft = "" if verified else f'<p class="jsg-sheet__draft">{escape(text("leaflet.draft", language))}</p>'
    head = (
        ""
        if "cards" in sheet.leaflet.parts
        else f'<header class="jsg-sheet__head"><p class="jsg-sheet__site">{escape(sheet.site_name)}</p>'
        f'<p class="jsg-sheet__title">{escape(sheet.title)}</p></header>'
    )
    state = "" if verified else " jsg-sheet--draft"
    return (
        f'<div class="jsg-sheet jsg-sheet--{sheet.leaflet.id}{state}" data-leaflet="{sheet.leaflet.id}" '
        f"data-pagefind-ignore>{draft}{head}{''.join(body)}</div>"
    )


def downloads(leaflet: Leaflet, language: str) -> str:
    """Links to this leaflet's PDFs (written next to the page by scripts/finish/leaflet_pdfs.py)."""
    text = interface_text.text
    links = "".join(
        f'<li><a href="{leaflet.pdf_name(language, paper)}" download>'
        f"{escape(text(f'leaflet.paper.{paper}', language))} (PDF)</a></li>"
        for paper in leaflet.papers
    )
    return (
        f'<div class="jsg-downloads"><p><strong>{escape(text("leaflet.download", language))}</strong></p>'
        f"<ul>{links}</ul></div>"
    )
