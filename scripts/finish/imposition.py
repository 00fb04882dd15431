"""Booklet imposition: A5 pages two-up on landscape A4, in folding order, with pikepdf.

Why pikepdf: it binds qpdf, a maintained C++ PDF library, whose ``placeFormXObject`` puts each
page on the sheet as a form XObject: the page's own content stream and resources (its embedded
font subsets, shared by every page) are kept as they are, not rewritten, and qpdf writes the same
bytes for the same input (a deterministic document ID). pypdf's ``merge_transformed_page`` merges
each page's content into the sheet's and renames resources (slower, and the text of two pages
ends up in one stream); pdfimpose does the sheet arithmetic for many layouts but is built on
PyMuPDF, both AGPL-licensed, and its saddle-stitch layout has no right-to-left order.

The order, for ``count`` pages (a multiple of four), sheet ``i`` from the outside in, pages
numbered from 1, each sheet printed on both sides and turned over on its short edge:

- opening from the left (Kurmanji, Turkish, English): the outside side shows ``count - 2i`` on
  the left half and ``2i + 1`` on the right; the inside side ``2i + 2`` on the left and
  ``count - 2i - 1`` on the right. Page 1 (the cover) is the right half of the first side: the
  spine is on the cover's left.
- opening from the right (Arabic): every side is the mirror image. The cover is the left half of
  the first side, the spine on its right, and the pages run right to left.

Folded along the middle, the sheets nested with the first outside, this gives pages 1 to count
in reading order.
"""

from __future__ import annotations

import io

import pikepdf

# PostScript points (1/72 inch).
A4_LONG, A4_SHORT = 841.89, 595.28


class ImpositionError(ValueError):
    """The pages cannot be made into a booklet (their number is not a multiple of four)."""


def sides(count: int, right_to_left: bool) -> list[tuple[int, int]]:
    """(left half, right half) page numbers of every printed side, in printing order."""
    if count <= 0 or count % 4:
        raise ImpositionError(f"a booklet needs a multiple of four pages, not {count}")
    found = []
    for sheet in range(count // 4):
        outside = (count - 2 * sheet, 2 * sheet + 1)
        inside = (2 * sheet + 2, count - 2 * sheet - 1)
        for left, right in (outside, inside):
            found.append((right, left) if right_to_left else (left, right))
    return found


def placed(pages: pikepdf.Pdf, out: pikepdf.Pdf, number: int) -> pikepdf.Object:
    """Page ``number`` of ``pages`` as a form XObject of ``out``."""
    return out.copy_foreign(pages.pages[number - 1].as_form_xobject())


def put(sheet: pikepdf.Page, page: pikepdf.Object, number: int, where: pikepdf.Rectangle) -> None:
    """Draw ``page`` (a form XObject) in ``where`` on ``sheet``, named after its page number.
    Why not pikepdf's ``add_overlay``: it names the XObject with a random UUID, so two builds of
    the same booklet gave different bytes (found by the red team: all 8 booklet and A4 PDFs
    differed between two builds with empty caches)."""
    name = sheet.add_resource(page, pikepdf.Name.XObject, pikepdf.Name(f"/Page{number}"))
    sheet.contents_add(
        sheet.calc_form_xobject_placement(page, name, where, allow_shrink=True, allow_expand=True)
    )


def booklet(pdf: bytes, right_to_left: bool) -> pikepdf.Pdf:
    """The sheets: landscape A4, two pages each, in the order of ``sides``."""
    pages = pikepdf.open(io.BytesIO(pdf))
    out = pikepdf.new()
    half = A4_LONG / 2
    for left, right in sides(len(pages.pages), right_to_left):
        sheet = out.add_blank_page(page_size=(A4_LONG, A4_SHORT))
        for number, x in ((left, 0.0), (right, half)):
            put(sheet, placed(pages, out, number), number, pikepdf.Rectangle(x, 0, x + half, A4_SHORT))
    return out


def enlarged(pdf: bytes) -> pikepdf.Pdf:
    """Every page on its own portrait A4 sheet, scaled up (A5 to A4 keeps the shape), in order:
    for printers that cannot print on both sides."""
    pages = pikepdf.open(io.BytesIO(pdf))
    out = pikepdf.new()
    for number in range(1, len(pages.pages) + 1):
        sheet = out.add_blank_page(page_size=(A4_SHORT, A4_LONG))
        put(sheet, placed(pages, out, number), number, pikepdf.Rectangle(0, 0, A4_SHORT, A4_LONG))
    return out
