"""Check a stylesheet: it may style the page, never load from another host or run anything.

Why: ``overrides/assets/stylesheets/site.css`` is on every page. A ``url(https://…)`` in it tells
another host who reads the guide and when; ``@import`` pulls in a stylesheet nobody reviewed;
old browsers run ``expression()``, ``behavior:`` and ``-moz-binding``. The browser's policy
(``img-src 'self' data:``, ``font-src 'self'``) would block the loads, but an editor should hear of
it from the build, with the line, not from a reader's console. Parsed with tinycss2 (already used
by ``scripts/finish/styles.py``), so comments, escapes and strings are read as a browser reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import tinycss2
import tinycss2.ast

from scripts.checks import phone_numbers
from scripts.problems import Problem

HINT = "use only files of this site (a relative address) or a data:image; remove the rest"
LOADING_FUNCTIONS = frozenset({"url", "image", "image-set", "-webkit-image-set", "src", "cross-fade"})
RUNNING = frozenset({"expression", "javascript", "behavior", "-moz-binding"})
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")
DATA_IMAGE = re.compile(r"^\s*data:image/(svg\+xml|png|gif|jpeg|webp)[;,]", re.IGNORECASE)


def outside(reference: str) -> bool:
    """True for an address that leaves the site: any scheme but data:image, or ``//host``."""
    reference = "".join(reference.split())  # browsers drop spaces, tabs and newlines in URLs
    if DATA_IMAGE.match(reference):
        return False
    return bool(SCHEME.match(reference)) or reference.startswith(("//", "\\\\", "/\\", "\\/"))


def loading(node: object) -> bool:
    return isinstance(node, tinycss2.ast.FunctionBlock) and node.lower_name in LOADING_FUNCTIONS


def walk(nodes: list, in_address: bool = False) -> Iterator[tuple[object, bool]]:
    """Every node at any depth, and whether it stands inside url(), image-set() and the like."""
    for node in nodes:
        yield node, in_address
        yield from walk(children(node), in_address or loading(node))


def children(node: object) -> list:
    """The nodes inside a rule, block or function (declarations are parsed from a rule's content)."""
    inside = []
    for attribute in ("prelude", "content", "arguments"):
        inside += list(getattr(node, attribute, None) or [])
    return inside


def references(nodes: list) -> list[tuple[int, str]]:
    """(line, address) of every url(…) and every string given to a loading function."""
    return [
        (node.source_line, node.value)
        for node, in_address in walk(nodes)
        if isinstance(node, tinycss2.ast.URLToken)
        or (in_address and isinstance(node, tinycss2.ast.StringToken))
    ]


def running(nodes: list) -> list[tuple[int, str]]:
    """(line, name) of every function or property name that old browsers run as code."""
    found = []
    for node, _ in walk(nodes):
        name = getattr(node, "lower_name", None) or getattr(node, "lower_value", None)
        if name in RUNNING and isinstance(node, (tinycss2.ast.FunctionBlock, tinycss2.ast.IdentToken)):
            found.append((node.source_line, name))
    return found


def strings(nodes: list) -> list[tuple[int, str]]:
    """(line, text) of every string at any depth, escapes decoded (``content: "\\2b 90…"``), but
    not an address (a data: image's drawing is full of numbers), which is not text on the page."""
    return [
        (node.source_line, node.value)
        for node, in_address in walk(nodes)
        if isinstance(node, tinycss2.ast.StringToken) and not in_address
    ]


def declarations(rules: list) -> Iterator[tinycss2.ast.Declaration]:
    """Every declaration at any depth: in style rules, and in at-rules (@media, @page,
    @counter-style), whose content tinycss2 leaves as tokens."""
    for rule in rules:
        content = getattr(rule, "content", None)
        if isinstance(rule, tinycss2.ast.QualifiedRule) or (
            isinstance(rule, tinycss2.ast.AtRule) and content
        ):
            for item in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True):
                if isinstance(item, tinycss2.ast.Declaration):
                    yield item
        if isinstance(rule, tinycss2.ast.AtRule) and content:
            yield from declarations(
                tinycss2.parse_rule_list(content, skip_comments=True, skip_whitespace=True)
            )


def written_text(rules: list) -> list[tuple[int, str]]:
    """(line, text) each declaration writes from its strings, joined as a browser joins them
    (``content: "+90 538" " 111 22 33"`` writes one number) and its line breaks (``\\A``) read as
    spaces, as they are shown."""
    found = []
    for declaration in declarations(rules):
        parts = [
            node.value
            for node, in_address in walk(declaration.value)
            if isinstance(node, tinycss2.ast.StringToken) and not in_address
        ]
        if parts:
            found.append((declaration.source_line, " ".join("".join(parts).split())))
    return found


LARGEST_COUNT = 100


def generated_problems(rules: list) -> list[tuple[int, str]]:
    """(line, what) for text a stylesheet makes up from other than its strings: a counter set or
    moved by 100 or more (``counter-reset: x 905381112233``), more than one counter in one value
    (small ones written side by side), or an attribute other than href (``attr(data-x)`` reads a
    number no check reads). So it adds at most two digits to a number, and the text beside them
    is read as usual. The site counts steps, one counter a value, and prints a link's href."""
    found = []
    for declaration in declarations(rules):
        name = declaration.lower_name
        nodes = [node for node, _ in walk(declaration.value)]
        # A step of more than one adds up over many elements (a red team's: 914 steps of 99).
        largest = 2 if name == "counter-increment" else LARGEST_COUNT
        if name.startswith("counter-") and any(
            isinstance(node, tinycss2.ast.NumberToken) and abs(node.value) >= largest for node in nodes
        ):
            found.append((declaration.source_line, f"'{declaration.name}' moves a counter by too much"))
        counters = [node for node in nodes if function_name(node) in ("counter", "counters")]
        if len(counters) > 1:
            found.append((declaration.source_line, f"'{declaration.name}' writes more than one counter"))
        for node in nodes:
            if function_name(node) == "attr" and tinycss2.serialize(node.arguments).strip().lower() != "href":
                found.append(
                    (declaration.source_line, f"'{declaration.name}' writes an attribute other than href")
                )
    return found


def function_name(node: object) -> str | None:
    return node.lower_name if isinstance(node, tinycss2.ast.FunctionBlock) else None


def check(text: str, where: str) -> list[Problem]:
    """Every problem of one stylesheet, with its line."""
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    problems = []
    for rule in rules:
        if isinstance(rule, tinycss2.ast.AtRule) and rule.lower_at_keyword in ("import", "namespace"):
            problems.append(
                Problem(where, rule.source_line, f"@{rule.lower_at_keyword} loads another stylesheet", HINT)
            )
        if isinstance(rule, tinycss2.ast.ParseError):
            problems.append(
                Problem(where, rule.source_line, f"the stylesheet cannot be read ({rule.message})", HINT)
            )
    for line, address in references(list(rules)):
        if outside(address):
            problems.append(
                Problem(where, line, f"the stylesheet loads '{address[:80]}' from elsewhere", HINT)
            )
    # Each string, and each declaration's strings joined as a browser joins them.
    for line, value in [*strings(list(rules)), *written_text(list(rules))]:
        for number in phone_numbers.find(value):
            problems.append(
                Problem(
                    where,
                    line,
                    f"the stylesheet writes a phone number ({number.raw}) onto pages",
                    "numbers live only in data/contacts.yml; remove it from the stylesheet",
                )
            )
    for line, what in generated_problems(list(rules)):
        problems.append(Problem(where, line, f"{what} onto pages", "write the words in the page instead"))
    for line, name in running(list(rules)):
        problems.append(Problem(where, line, f"'{name}' runs code in some browsers", "remove it"))
    return sorted(set(problems))
