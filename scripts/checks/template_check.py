"""Check the theme templates in overrides/ before MkDocs renders them: readable, and including only
the theme's own templates by plain names.

Why: a template runs for every page. ``{% include "../../../etc/hostname" %}`` or an include built
from a variable reads a file nobody reviewed into the site, and a broken tag stops the build with a
Jinja traceback. Parsed with Jinja2 itself (the engine MkDocs uses), so what passes here is what
MkDocs reads; errors MkDocs meets while rendering (a missing variable) are told by
``scripts/engine/mkdocs/cli.py`` with the template's line.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

import jinja2
import jinja2.nodes

from scripts.engine.mkdocs import theme
from scripts.problems import Problem, display_path

HINT = 'include only the theme\'s templates by their plain name, such as "partials/footer.html"'


def template_names(overrides: Path) -> set[str]:
    """Every template name a tag may ask for: ours and Material's."""
    names = set(theme.template_names())
    if overrides.is_dir():
        names |= {path.relative_to(overrides).as_posix() for path in overrides.rglob("*") if path.is_file()}
    return names


def check(root: Path) -> list[Problem]:
    """Every problem of every template in overrides/, with its line."""
    overrides = root / "overrides"
    known = template_names(overrides)
    environment = jinja2.Environment(extensions=["jinja2.ext.loopcontrols"])
    problems = []
    for path in sorted(overrides.rglob("*.html")) if overrides.is_dir() else []:
        where = display_path(path)
        try:
            tree = environment.parse(path.read_text(encoding="utf-8"))
        except jinja2.TemplateSyntaxError as error:
            message = f"the template cannot be read ({error.message})"
            problems.append(Problem(where, error.lineno or 1, message, "undo the change, or close the tag"))
            continue
        except (UnicodeDecodeError, OSError):
            continue  # input_files reports it
        problems += duplicate_blocks(tree, where) + handlers(tree, where)
        for node in tree.find_all((jinja2.nodes.Include, jinja2.nodes.Extends, jinja2.nodes.Import,
                                   jinja2.nodes.FromImport)):  # fmt: skip
            name = node.template.value if isinstance(node.template, jinja2.nodes.Const) else None
            if not isinstance(name, str):
                problems.append(Problem(where, node.lineno, "a template is chosen by a variable", HINT))
            elif ".." in PurePosixPath(name).parts or name.startswith("/") or name not in known:
                problems.append(
                    Problem(where, node.lineno, f"the template '{name}' is not the theme's", HINT)
                )
    return problems


def duplicate_blocks(tree: jinja2.nodes.Template, where: str) -> list[Problem]:
    """A block defined twice stops MkDocs with a traceback; say where the second one is."""
    seen: dict[str, int] = {}
    problems = []
    for block in tree.find_all(jinja2.nodes.Block):
        if block.name in seen:
            message = f"the block '{block.name}' is defined twice (also on line {seen[block.name]})"
            problems.append(Problem(where, block.lineno, message, "keep one of them"))
        seen.setdefault(block.name, block.lineno)
    return problems


# In the template's own HTML (not in {{ }} or {% %}): an event handler attribute or a javascript:
# address runs code on every page. The output policy would stop the build; this says it at the line,
# before MkDocs runs, and in `make check`.
HANDLER = re.compile(r"[\s\"'/]on[a-z]+\s*=|j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)


def handlers(tree: jinja2.nodes.Template, where: str) -> list[Problem]:
    problems = []
    for output in tree.find_all(jinja2.nodes.TemplateData):
        for found in HANDLER.finditer(output.data):
            line = output.lineno + output.data.count("\n", 0, found.start())
            problems.append(
                Problem(
                    where,
                    line,
                    f"the template's HTML runs code ('{found.group(0).strip()}')",
                    "remove it: scripts are files on the reviewed list (scripts/checks/reviewed_scripts.py)",
                )
            )
    return problems
