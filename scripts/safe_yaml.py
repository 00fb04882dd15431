"""The one way our code reads YAML: a safe loader with limits on aliases, nesting, size and tags.

Why: PyYAML's safe loader still expands a "billion laughs" (a few lines of anchors and aliases that
become gigabytes) and follows any depth of nesting, so one edit to a data file or to front matter
could hang the content check or the build. MkDocs reads ``mkdocs.yml`` with PyYAML's *full*
loader, where ``!!python/object/apply:os.system`` runs a command. Before any loader builds a value,
``scan`` walks the document's parser events (libyaml, streaming, no recursion) and stops at the
first alias, at a nesting deeper than ``MAX_DEPTH``, at a tag not allowed for that file, at a key
written twice in one mapping (PyYAML silently keeps the last one, so a second ``number:`` under a
verified contact would replace the number the reviewer saw), or at a document larger than
``MAX_BYTES``, with the line. PyYAML has no such limits to switch on, hence
this small module.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

import yaml

from scripts.problems import Problem

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 2_000_000  # published-urls.yml of a 10 000-page site is about 400 KB
MAX_DEPTH = 20  # our deepest file (mkdocs.yml) nests 6 levels
MAX_ALIASES = 0  # no file of ours uses anchors; write values out in full

CORE = "tag:yaml.org,2002:"
STANDARD_TAGS = frozenset(
    {None, "!", *(CORE + name for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp"))}
)
# Exactly the tags mkdocs.yml uses today: adding one is a reviewed change (see engine_allowlist.py).
MKDOCS_TAGS = frozenset({"!ENV", CORE + "python/object/apply:pymdownx.slugs.slugify"})


class LimitError(yaml.MarkedYAMLError):
    """A document beyond one of the limits; ``problem_mark`` gives the line like any YAML error."""


def scan(text: str, tags: frozenset[str | None] = STANDARD_TAGS) -> None:
    """Raise LimitError (or the parser's own YAMLError) unless ``text`` is within every limit."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise LimitError(problem=f"the file is too large ({size} bytes, at most {MAX_BYTES})")
    depth = 0
    # One entry per open collection: None for a sequence, [keys seen, next node is a key] for a mapping.
    open_collections: list[list | None] = []
    for event in yaml.parse(text, Loader=SafeLoader):
        mark = event.start_mark
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and open_collections:
            mapping = open_collections[-1]
            if mapping is not None:
                if mapping[1] and isinstance(event, yaml.ScalarEvent):
                    if event.value in mapping[0]:
                        raise LimitError(
                            problem=f"the key '{event.value}' is written twice here; keep one",
                            problem_mark=mark,
                        )
                    mapping[0].add(event.value)
                mapping[1] = not mapping[1]
        if isinstance(event, yaml.MappingStartEvent):
            open_collections.append([set(), True])
        elif isinstance(event, yaml.SequenceStartEvent):
            open_collections.append(None)
        elif isinstance(event, yaml.CollectionEndEvent):
            open_collections.pop()
        if isinstance(event, yaml.AliasEvent):
            raise LimitError(
                problem="an alias (*name) repeats another value; write it out", problem_mark=mark
            )
        if getattr(event, "anchor", None) is not None and MAX_ALIASES == 0:
            raise LimitError(problem="an anchor (&name) is not allowed; write values out", problem_mark=mark)
        tag = getattr(event, "tag", None)
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and tag not in tags:
            shown = str(tag).replace(CORE, "!!", 1)
            raise LimitError(problem=f"the tag '{shown}' is not allowed", problem_mark=mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise LimitError(problem=f"nested deeper than {MAX_DEPTH} levels", problem_mark=mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def load(
    source: str | IO[str], loader: type = SafeLoader, tags: frozenset[str | None] = STANDARD_TAGS
) -> Any:
    """The value of one YAML document, read by ``loader`` once ``scan`` finds it within limits."""
    text = source if isinstance(source, str) else source.read()
    scan(text, tags)
    return yaml.load(text, Loader=loader)  # scan() allowed only ``tags``


def problem(
    error: yaml.YAMLError, where: str, message: str, hint: str, first_line: int = 1, rule: str = ""
) -> Problem:
    """A YAML error as an editor reads it: at the error's line, ``message`` with the parser's own
    words in brackets ("the glossary is not valid YAML (… line 3 …)"). ``first_line`` is the
    file line of the document's first line (front matter starts on line 2)."""
    mark = getattr(error, "problem_mark", None)
    line = mark.line + first_line if mark else 1
    said = getattr(error, "problem", None) or str(error).splitlines()[0]
    return Problem(where, line, f"{message} ({said})", hint, rule=rule)


def compose_file(path: Path, where: str, name: str, hint: str) -> tuple[yaml.Node | None, list[Problem]]:
    """A data file's node tree (its lines kept), read within the limits; or the problem that the
    file cannot be read or is not valid YAML, named as ``name`` ("the glossary")."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(where, 1, f"{name} cannot be read ({error})", "save it as UTF-8 text")]
    try:
        scan(text)
        root = yaml.compose(text, Loader=SafeLoader)
        yaml.load(text, Loader=SafeLoader)  # what compose lets through, a loader may still refuse
    except yaml.YAMLError as error:
        return None, [problem(error, where, f"{name} is not valid YAML", hint)]
    return root, []
