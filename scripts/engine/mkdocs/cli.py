"""``python -m scripts.engine.mkdocs.cli build …``: the engine's own command line (ProperDocs, or
MkDocs with JSG_ENGINE=mkdocs), with its crashes told plainly.

Why: the engine reports its own errors in a line, but an exception from a template (a missing include,
an unknown variable, a filter that fails) ends in a Python traceback that names Jinja's files, not
the editor's. Here such an error becomes ``overrides/main.html:9: what is wrong — how to fix it``
and a non-zero exit; the traceback is printed only with JSG_TRACEBACK=1, for developers.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

import click
import jinja2

from scripts import engine, project
from scripts.problems import display_path

TEMPLATE_HINT = (
    "undo the change to the template, or compare it with Material's own template of the same name "
    "(overrides/ may only change what README, 'Layout', describes)"
)


def project_frame(error: BaseException) -> tuple[str, int] | None:
    """The innermost place of the error inside this project's templates or pages, if any."""
    place = None
    for frame in traceback.extract_tb(error.__traceback__):
        path = Path(frame.filename)
        if (
            path.is_absolute()
            and path.resolve().is_relative_to(project.current().root)
            and ".venv" not in path.parts
        ):
            place = (display_path(path), frame.lineno or 1)
    return place


def describe(error: BaseException) -> str:
    """One line for an editor: where, what, how to fix."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        where = f"{display_path(error.filename)}:{error.lineno}"
        return f"{where}: the template cannot be read ({error.message}) — {TEMPLATE_HINT}"
    place = project_frame(error)
    where = f"{place[0]}:{place[1]}" if place else "overrides/"
    if isinstance(error, jinja2.TemplateNotFound):
        what = f"the template asks for '{error.name}', which does not exist (or is outside the theme)"
    elif isinstance(error, jinja2.UndefinedError):
        what = f"the template uses something that does not exist ({error.message})"
    elif isinstance(error, jinja2.TemplateError):
        what = f"the template failed ({type(error).__name__}: {error})"
    else:
        what = f"the build stopped on an unexpected error ({type(error).__name__}: {str(error)[:300]})"
        return f"{where}: {what} — run it again with JSG_TRACEBACK=1 and ask a developer"
    return f"{where}: {what} — {TEMPLATE_HINT}"


def engine_cli() -> click.Command:
    """The command line of the engine to run (scripts/engine/__init__.py, ``ENGINE``)."""
    if engine.engine() == "properdocs":
        from properdocs.__main__ import cli  # maps every mkdocs.* import to properdocs.*
    else:
        from mkdocs.__main__ import cli
    return cli


def main() -> int:
    try:
        name = engine.engine()
    except engine.EngineUnknown as error:
        print(error, file=sys.stderr)
        return 2
    try:
        engine_cli().main(prog_name=name)  # click handles the engine's own errors and exits
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except Exception as error:  # every crash becomes one line an editor can act on
        if os.environ.get("JSG_TRACEBACK") == "1":
            traceback.print_exc()
        print(describe(error), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
