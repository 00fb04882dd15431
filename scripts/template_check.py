"""Check the theme templates in overrides/ before MkDocs renders them: readable, and including only
the theme's own templates by plain names.

Why: a template runs for every page. ``{% include "../../../etc/hostname" %}`` or an include built
from a variable reads a file nobody reviewed into the site, and a broken tag stops the build with a
Jinja traceback. Parsed with Jinja2 itself (the engine MkDocs uses), so what passes here is what
MkDocs reads; errors MkDocs meets while rendering (a missing variable) are told by
``scripts/run_mkdocs.py`` with the template's line.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import jinja2
import jinja2.nodes
import material

from scripts.problems import Problem, display_path

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
HINT = 'include only the theme\'s templates by their plain name, such as "partials/footer.html"'


def template_names(overrides: Path) -> set[str]:
    """Every template name a tag may ask for: ours and Material's."""
    names = set()
    for folder in (overrides, MATERIAL_TEMPLATES):
        if folder.is_dir():
            names |= {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
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
