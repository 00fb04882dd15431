"""Check a pictogram or icon SVG before it is drawn into pages: a picture, never a program.

Why: ``{{ steps }}`` draws our pictograms straight into dozens of pages, so an SVG is part of the
page: a ``<script>``, an ``onload=``, a ``<foreignObject>`` full of HTML or a reference to another
host would run or load on every one of them. The file is parsed as XML by the standard library's
expat with document types refused (no entity can expand, nothing external is read: the same rule
defusedxml applies, without a new dependency), then held to the allow-list of elements and
attributes a drawing needs: the same list the output policy holds every published SVG to
(``output_policy.SVG_ELEMENTS``), so what passes here passes there, with the file's own line.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from scripts.checks import phone_numbers
from scripts.finish.output_policy import SVG_ELEMENTS
from scripts.problems import Problem

MAX_BYTES = 20_000  # our largest pictogram is 538 bytes
FORBIDDEN_ELEMENTS = frozenset(
    {"script", "foreignobject", "iframe", "object", "embed", "handler", "listener"}
)
REFERENCE_ATTRIBUTES = frozenset({"href", "src"})  # with any prefix: xlink:href, x:href
URL_FUNCTION = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
HINT = "a pictogram is shapes only: remove it, or redraw the picture without it"
ALLOWED_HINT = (
    f"a pictogram is shapes only ({', '.join(f'<{name}>' for name in sorted(SVG_ELEMENTS))}, with "
    "their shape and colour attributes): remove it, or redraw the picture without it"
)
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


class Refused(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def outside(reference: str) -> bool:
    """True unless the reference is to something in the same file (``#id``)."""
    return not reference.strip().startswith("#")


def check(data: bytes, where: str) -> list[Problem]:
    """Every problem of one SVG file, with its line."""
    if len(data) > MAX_BYTES:
        return [
            Problem(
                where,
                1,
                f"the picture is too large ({len(data)} bytes, at most {MAX_BYTES})",
                "simplify the drawing (fewer points) or save it as optimised SVG",
            )
        ]
    problems: list[Problem] = []
    parser = expat.ParserCreate(namespace_separator=None)
    parser.buffer_text = True  # one call per text, not one per entity or line: a number stays whole
    in_style = [False]

    def line() -> int:
        return parser.CurrentLineNumber

    def doctype(*_: object) -> None:
        raise Refused("a document type (<!DOCTYPE>) or entity is not allowed in a picture", line())

    def start(tag: str, attrs: dict[str, str]) -> None:
        name = tag.split(":")[-1].lower()
        allowed = SVG_ELEMENTS.get(tag)
        if name in FORBIDDEN_ELEMENTS or allowed is None:
            problems.append(Problem(where, line(), f"<{tag}> is not allowed in a picture", ALLOWED_HINT))
            allowed = frozenset()
        in_style[0] = name == "style"
        for attribute, value in attrs.items():
            lowered = attribute.lower()
            if attribute == "xmlns" or attribute.startswith("xmlns:"):
                if attribute == "xmlns" and value != SVG_NAMESPACE:
                    message = f"the namespace '{value[:60]}' is not SVG's"
                    problems.append(Problem(where, line(), message, HINT))
                continue
            if lowered.split(":")[-1].startswith("on"):
                problems.append(
                    Problem(where, line(), f"the attribute '{attribute}' (it runs code) is not allowed", HINT)
                )
            elif lowered.split(":")[-1] in REFERENCE_ATTRIBUTES and outside(value):
                problems.append(
                    Problem(where, line(), f"'{attribute}' points outside the picture ({value[:60]})", HINT)
                )
            if (
                attribute not in allowed
                and tag in SVG_ELEMENTS
                and not lowered.split(":")[-1].startswith("on")
            ):
                if lowered.split(":")[-1] in REFERENCE_ATTRIBUTES and outside(value):
                    continue  # told above
                message = f"the attribute '{attribute}' is not allowed on <{tag}>"
                problems.append(Problem(where, line(), message, ALLOWED_HINT))
            if "\\" in value:  # a CSS escape: u\rl( is url( (a red team's; no drawing needs one)
                message = f"the attribute '{attribute}' holds a backslash (a CSS escape)"
                problems.append(Problem(where, line(), message, HINT))
            for found in URL_FUNCTION.finditer(value):
                if outside(found.group(1)):
                    problems.append(
                        Problem(
                            where, line(), f"url() points outside the picture ({found.group(1)[:60]})", HINT
                        )
                    )

    def numbers(data: str, starts_before: int = 0) -> None:
        for number in phone_numbers.find(" ".join(data.split())):  # a line break reads as a space
            problems.append(
                Problem(
                    where,
                    line() - starts_before,
                    f"the picture holds a phone number ({number.raw})",
                    "numbers live only in data/contacts.yml: remove it from the picture",
                )
            )

    def cdata(*_: object) -> None:
        raise Refused("a CDATA section (<![CDATA[…]]>) is not allowed in a picture", line())

    def text(data: str) -> None:
        numbers(data, data.count("\n"))  # expat stands at the end of a buffered text
        if in_style[0] and (
            "@import" in data.lower() or "\\" in data or any(outside(u) for u in URL_FUNCTION.findall(data))
        ):
            problems.append(Problem(where, line(), "a <style> in the picture loads another file", HINT))

    def end(_: str) -> None:
        in_style[0] = False

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ExternalEntityRefHandler = doctype
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.CommentHandler = numbers
    parser.StartCdataSectionHandler = cdata
    parser.ProcessingInstructionHandler = lambda target, _data: problems.append(
        Problem(where, line(), f"the instruction <?{target}?> is not allowed in a picture", HINT)
    )
    try:
        parser.Parse(data, True)
    except Refused as error:
        return [Problem(where, error.line, str(error), HINT)]
    except expat.ExpatError as error:
        return [
            Problem(
                where,
                error.lineno or 1,
                f"the picture is not well-formed XML ({expat.ErrorString(error.code)})",
                "open it in a drawing program and save it again as SVG",
            )
        ]
    except (
        ValueError,
        LookupError,
    ):  # an encoding expat cannot read: shift_jis, mbcs, rot13 (UnicodeError too)
        return [
            Problem(
                where,
                1,
                "the picture declares an encoding other than UTF-8",
                "open it in a drawing program and save it again as SVG (UTF-8)",
            )
        ]
    return problems
