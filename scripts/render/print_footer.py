"""The footer of every printed page: CSS page-margin boxes, generated per page at build time.

Why: a printed page is read far from any screen. Each sheet says which site and page it came from
(name, short address and a QR code of the page in its language), how fresh it is (last reviewed),
and whom to call (verified numbers only). Page-margin boxes repeat on every sheet without taking
space from the text, and need no script; site.js adds the date printed when a reader prints.
Leaflets carry all this in their own design, so their pages get plain margins instead.
"""

from __future__ import annotations

from html import escape

from scripts import contacts as contact_data
from scripts import interface_text
from scripts.render import qr

# Room at the bottom of each sheet for the footer; works on A4 and US Letter alike.
PAGE_MARGINS = "12mm 14mm 36mm"
LEAFLET_MARGINS = "10mm"
QR_SIZE = "26mm"


def css_string(text: str) -> str:
    """A CSS string literal; line breaks become \\A (shown as breaks with white-space: pre)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return f'"{escaped}"'


def contacts_line(language: str) -> str:
    verified = contact_data.verified_primary(contact_data.load())
    if not verified:
        return interface_text.text("home.no_verified.title", language)
    # U+2066/U+2069 isolate each number left to right, so "+90 …" never reorders in Arabic.
    return " · ".join(f"{c.name[language]}: \u2066{c.display_number}\u2069" for c in verified)


def footer_lines(site_name: str, url: str, reviewed: str | None, language: str) -> list[str]:
    lines = [f"{site_name} · \u2066{qr.short_url(url)}\u2069"]
    if reviewed:
        lines.append(f"{interface_text.text('page.last_reviewed', language)}: {reviewed}")
    lines.append(contacts_line(language))
    return lines


def style(
    site_name: str, url: str, reviewed: str | None, language: str, direction: str, leaflet: bool
) -> str:
    """The ``<style media="print">`` element for one page."""
    if leaflet:
        rules = f"@page{{margin:{LEAFLET_MARGINS}}}"
    else:
        qr_side, date_side = ("right", "left") if direction == "rtl" else ("left", "right")
        text = "\n".join(footer_lines(site_name, url, reviewed, language))
        rules = (
            f"@page{{margin:{PAGE_MARGINS};"
            f'@bottom-{qr_side}{{content:url("{qr.page_code(url, QR_SIZE)}");vertical-align:middle}}'
            f"@bottom-center{{content:{css_string(text)};white-space:pre-wrap;direction:{direction};"
            "font:9pt/1.4 system-ui,sans-serif;vertical-align:middle;"
            f"text-align:{'right' if direction == 'rtl' else 'left'}}}"
            f"@bottom-{date_side}{{font:8pt system-ui,sans-serif;vertical-align:middle}}}}"
        )
    if leaflet:
        return f'<style id="jsg-print" media="print">{rules}</style>'
    label = interface_text.text("print.printed", language)
    return (
        f'<style id="jsg-print" media="print" data-printed="{escape(label)}" data-date-side="{date_side}">'
        f"{rules}</style>"
    )


# The booklet's A5 pages (scripts/finish/booklet_pdfs.py): narrower margins than a printed web page,
# no QR code on every page (the cover has one), the page number at the foot, and while no number is
# verified the draft mark at the head of every page, so each half of every sheet carries it.
BOOKLET_MARGINS = "16mm 12mm 15mm"


def booklet_style(site_name: str, home_url: str, language: str, direction: str, draft: bool) -> str:
    """The ``@page`` rules of the booklet's pages: they replace the page's own (``#jsg-print``)."""
    start, end = ("right", "left") if direction == "rtl" else ("left", "right")
    box = f"direction:{direction};vertical-align:middle;font:8pt/1.3 system-ui,sans-serif"
    address = css_string(f"{site_name} · \u2066{qr.short_url(home_url)}\u2069")
    rules = [
        f"margin:{BOOKLET_MARGINS}",
        f"@bottom-{start}{{content:{address};{box}}}",
        f"@bottom-{end}{{content:counter(page);{box};font-size:10pt;font-weight:bold}}",
    ]
    if draft:
        words = interface_text.text("booklet.draft", language)
        rules.append(
            f"@top-center{{content:{css_string(words)};{box};font-size:9pt;font-weight:bold;"
            "color:#b71c1c;text-align:center}"
        )
    # No page number on the covers: the first page, and the last (named jsg-back in site.css).
    blank = f"@bottom-{end}{{content:none}}"
    return f"@page{{{';'.join(rules)}}}@page :first{{{blank}}}@page jsg-back{{{blank}}}"
