"""Post-build step: each page loads one small stylesheet instead of Material's two and ours.

Why: Material's stylesheet (138 KB, 19 KB compressed) styles every feature of the theme, and a
page shows nothing until it has arrived. Our pages use about a third of it. This step keeps the
rules whose selectors can match something on our pages, drops the custom properties that nothing
uses any more, and puts the rest in front of our own site.css, which the fingerprint step then
names by its content. A page then waits for one stylesheet of about 10 KB compressed.

What "can match" means: every class, id and element name in the selector, and every value of
Material's ``data-md-*`` attributes, occurs in a built page or in our script. Anything inside
``:not()``, ``:is()``, ``:where()`` or ``:has()`` is never used to drop a rule, and states
(``:hover``, ``:checked``) are always kept, so the step only errs on the side of keeping.
No maintained Python tool does this (PurgeCSS is JavaScript and would bring Node.js into every
build); tinycss2, which WeasyPrint uses, parses the CSS, and the decisions fit in this module.

Only the built site changes: ``make serve`` keeps Material's stylesheets as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
import tinycss2.ast

OURS = "assets/stylesheets/site.css"
MATERIAL_STYLES = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
# Material's script and its source maps: the pages do not load them (overrides/main.html).
MATERIAL_LEFTOVERS = ("assets/javascripts/bundle.*", "assets/stylesheets/*.map")
OUR_SCRIPTS = ("assets/javascripts/site.js",)
# Elements our script's helpers add at run time without naming them in site.js: Pagefind's excerpts.
ADDED_AT_RUN_TIME = {"mark"}
NOTICE = "/* Material for MkDocs, (c) Martin Donath, MIT License: the rules this site's pages use. */\n"

ATTRIBUTE = re.compile(r"""\s(class|id|data-md-[\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""")
ELEMENT = re.compile(r"<([a-zA-Z][\w-]*)")
VARIABLE = re.compile(r"var\(\s*(--[\w-]+)")
WORD = re.compile(r"[\w-]+")
COMBINATORS = {">", "+", "~"}
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}


@dataclass
class Used:
    """What the pages contain that a selector can name."""

    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    elements: set[str] = field(default_factory=set)
    attributes: dict[str, set[str]] = field(default_factory=dict)
    variables: set[str] = field(default_factory=set)

    def add(self, other: Used) -> None:
        self.classes |= other.classes
        self.ids |= other.ids
        self.elements |= other.elements
        self.variables |= other.variables
        for name, values in other.attributes.items():
            self.attributes.setdefault(name, set()).update(values)


def scan_html(html: str) -> Used:
    """Classes, ids, element names, data-md-* values and CSS variables named in one page."""
    # Each distinct tag name and attribute once: a page's menu repeats the same few thousands of times.
    used = Used(
        elements={name.lower() for name in set(ELEMENT.findall(html))}, variables=set(VARIABLE.findall(html))
    )
    for name, double_quoted, single_quoted, bare in set(ATTRIBUTE.findall(html)):
        value = double_quoted or single_quoted or bare
        if name == "class":
            used.classes.update(value.split())
        elif name == "id":
            used.ids.add(value)
        else:
            used.attributes.setdefault(name, set()).add(value)
    return used


def scan_script(script: str) -> Used:
    """Every word of a script may be a class, id or element it adds: keep them all."""
    words = set(WORD.findall(script))
    return Used(classes=set(words), ids=set(words), elements={word.lower() for word in words})


def selector_can_match(tokens: list, used: Used) -> bool:
    """False only when the selector names something that occurs nowhere on the site."""
    previous = None  # the token before, or None at the start and after a space
    for token in tokens:
        after_dot = previous is not None and previous.type == "literal" and previous.value == "."
        starts_compound = previous is None or (previous.type == "literal" and previous.value in COMBINATORS)
        if token.type == "ident" and after_dot:
            if token.value not in used.classes:
                return False
        elif token.type == "ident" and starts_compound:
            if token.value.lower() not in used.elements:
                return False
        elif token.type == "hash" and token.is_identifier:
            if token.value not in used.ids:
                return False
        elif token.type == "[] block" and not attribute_can_match(token, used):
            return False
        previous = None if token.type == "whitespace" else token
    return True


def attribute_can_match(block: tinycss2.ast.SquareBracketsBlock, used: Used) -> bool:
    """Only [data-md-…=value] is judged; other attribute selectors are kept."""
    parts = [token for token in block.content if token.type != "whitespace"]
    judged = (
        len(parts) == 3
        and parts[0].type == "ident"
        and parts[0].value.startswith("data-md-")
        and parts[1].type == "literal"
        and parts[1].value == "="
        and parts[2].type in ("ident", "string")
    )
    return not judged or parts[2].value in used.attributes.get(parts[0].value, set())


def split_selectors(prelude: list) -> list[list]:
    groups: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return groups


def is_group(rule) -> bool:
    return rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None


def keep_matching(rules: list, used: Used) -> list:
    """The rules, with selectors that cannot match removed, and rules left without any dropped."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if selector_can_match(s, used)]
            if selectors:
                rule.prelude = tinycss2.parse_component_value_list(
                    ",".join(tinycss2.serialize(s).strip() for s in selectors)
                )
                rule.content = tinycss2.parse_blocks_contents(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                kept.append(rule)
        elif is_group(rule):
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            rule.content = keep_matching(inner, used)
            if rule.content:
                kept.append(rule)
        elif rule.type == "at-rule":
            kept.append(rule)
    return kept


def variables_read(rules: list) -> set[str]:
    """Custom properties read with var() anywhere in these rules."""
    found: set[str] = set()
    for rule in rules:
        if rule.type == "qualified-rule":
            for item in rule.content:
                if item.type == "declaration":
                    found.update(VARIABLE.findall(tinycss2.serialize(item.value)))
        elif is_group(rule):
            found |= variables_read(rule.content)
        elif rule.type == "at-rule" and rule.content:
            found.update(VARIABLE.findall(tinycss2.serialize(rule.content)))
    return found


def drop_variables(rules: list, keep: set[str]) -> tuple[list, int]:
    """Remove custom property declarations not in ``keep``; return the rules and how many went."""
    kept, dropped = [], 0
    for rule in rules:
        if rule.type == "qualified-rule":
            content = [
                item
                for item in rule.content
                if not (item.type == "declaration" and item.name.startswith("--") and item.name not in keep)
            ]
            dropped += len(rule.content) - len(content)
            rule.content = content
            if any(item.type == "declaration" for item in content):
                kept.append(rule)
        elif is_group(rule):
            rule.content, inner = drop_variables(rule.content, keep)
            dropped += inner
            if rule.content:
                kept.append(rule)
        else:
            kept.append(rule)
    return kept, dropped


def declaration(item: tinycss2.ast.Declaration) -> str:
    important = "!important" if item.important else ""
    return f"{item.name}:{tinycss2.serialize(item.value).strip()}{important}"


def serialize(rules: list) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            declarations = ";".join(
                declaration(item) if item.type == "declaration" else tinycss2.serialize([item])
                for item in rule.content  # (a nested rule is kept as it is)
            )
            out.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{declarations}}}")
        elif is_group(rule):
            out.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{serialize(rule.content)}}}")
        else:
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def purge(css: str, used: Used, read_elsewhere: set[str]) -> str:
    """The rules of ``css`` that can match the site, without custom properties nothing reads.
    ``read_elsewhere``: variables read outside this CSS (our stylesheet, the pages' inline styles)."""
    rules = keep_matching(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)
    rules = [rule for rule in rules if not (rule.type == "at-rule" and rule.lower_at_keyword == "charset")]
    while True:  # a variable may only be read by another that goes: repeat until nothing changes
        rules, dropped = drop_variables(rules, variables_read(rules) | read_elsewhere)
        if not dropped:
            return serialize(rules)


def notices_any_page_may_show() -> str:
    """The notices a page shows when its translation is out of date or missing. Kept in the
    stylesheet whether or not a page shows one today: an editor's one-word change to an English
    page put the notice on its three translations, which changed the stylesheet, and so every
    page's link to it, every leaflet and booklet (printed again) and every page's check
    (docs-dev/benchmarks.md, "Build time"); readers fetched the whole stylesheet again too."""
    from scripts.render.page_steps import NOTICE_KINDS, notice  # page_steps reaches this module

    return "".join(notice(kind, "") for kind in NOTICE_KINDS)


def write(site_dir: Path, found: Used) -> re.Pattern[str]:
    """Fold the part of Material's stylesheets that the pages can use (``found`` in them by
    scripts/finish/final_pages.py) into site.css. Returns the pattern of the pages' links to Material's
    stylesheets, which final_pages.py then drops from every page."""
    material = [path for pattern in MATERIAL_STYLES for path in sorted(site_dir.glob(pattern))]
    names = "|".join(re.escape(path.name) for path in material)
    links = re.compile(rf"""<link rel="?stylesheet"? href="?[^"\s>]*assets/stylesheets/(?:{names})"?>\s*""")
    used = Used(elements=set(ADDED_AT_RUN_TIME))
    used.add(found)
    used.add(scan_html(notices_any_page_may_show()))
    for script in OUR_SCRIPTS:
        used.add(scan_script((site_dir / script).read_text(encoding="utf-8")))
    ours = (site_dir / OURS).read_text(encoding="utf-8")
    read_elsewhere = used.variables | set(VARIABLE.findall(ours))
    kept = "".join(purge(path.read_text(encoding="utf-8"), used, read_elsewhere) for path in material)
    combined = f'@charset "UTF-8";\n{NOTICE}{kept}\n{ours}'
    (site_dir / OURS).write_text(combined, encoding="utf-8")
    for pattern in MATERIAL_LEFTOVERS:
        for path in site_dir.glob(pattern):
            path.unlink()
    for path in material:
        path.unlink()
    return links
