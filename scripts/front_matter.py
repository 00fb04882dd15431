"""Check the front matter at the top of every page.

Why: the title becomes the page and tab title, the description the search-engine summary, and the
last-reviewed date tells readers how fresh safety advice is. A typo here must be caught with a
message an editor can act on, not published.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from scripts import safe_yaml
from scripts.problems import Problem, display_path, line_of

REQUIRED = {"title": str, "description": str, "last_reviewed": dt.date}
OPTIONAL = {"translation": dict, "hide": list, "leaflet": str}
TRANSLATION_KEYS = {"from": str, "reviewed": bool, "source_hash": str}
FENCE = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)


# libyaml's loader where PyYAML was built with it (its wheels are): the same safe subset of YAML,
# read about ten times faster, which a site of thousands of pages notices (python -m scripts scaling).
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DateAsTextLoader(SafeLoader):
    """YAML loader that keeps an impossible date (2026-02-30) as text instead of crashing,
    so the check can name the field and line (PyYAML raises a bare ValueError)."""


def construct_timestamp(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


DateAsTextLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)


def read(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """(front matter, problems) of one Markdown file."""
    text = path.read_text(encoding="utf-8")
    where = display_path(path)
    match = FENCE.match(text)
    if match is None:
        hint = "start the file with a line '---', the fields (title, description, last_reviewed), and '---'"
        return None, [Problem(where, 1, "the page has no front matter", hint)]
    try:
        data = safe_yaml.load(match.group(1), loader=DateAsTextLoader)
    except yaml.YAMLError as error:
        hint = "use 'key: value' on each line; put text with a colon in \"double quotes\""
        return None, [
            safe_yaml.problem(error, where, "the front matter is not valid YAML", hint, first_line=2)
        ]
    if not isinstance(data, dict):
        return None, [
            Problem(where, 2, "the front matter is not a list of fields", "write 'key: value' lines")
        ]
    return data, check(data, text, where)


def check(data: dict[str, Any], text: str, where: str) -> list[Problem]:
    """Problems in parsed front matter; ``text`` gives line numbers."""
    problems = []
    for key, kind in REQUIRED.items():
        if key not in data or data[key] in (None, ""):
            problems.append(
                Problem(where, 1, f"'{key}' is missing", f"add a line '{key}: …' to the front matter")
            )
        elif not isinstance(data[key], kind):
            problems.append(type_problem(where, text, key, data[key], kind))
    for key in sorted(set(data) - set(REQUIRED) - set(OPTIONAL), key=str):
        problems.append(
            Problem(
                where,
                line_of(text, f"{key}:"),
                f"unknown field '{key}'",
                f"use only: {', '.join([*REQUIRED, *OPTIONAL])} (check the spelling)",
            )
        )
    for key, kind in OPTIONAL.items():
        if key in data and not isinstance(data[key], kind):
            problems.append(type_problem(where, text, key, data[key], kind))
    translation = data.get("translation")
    if isinstance(translation, dict):
        for key in sorted(set(translation) - set(TRANSLATION_KEYS), key=str):
            problems.append(
                Problem(
                    where,
                    line_of(text, f"{key}:"),
                    f"unknown translation field '{key}'",
                    "use from, reviewed",
                )
            )
        for key, kind in TRANSLATION_KEYS.items():
            if key in translation and not isinstance(translation[key], kind):
                problems.append(type_problem(where, text, key, translation[key], kind))
    return problems


def type_problem(where: str, text: str, key: str, value: Any, kind: type) -> Problem:
    """A field with a value of the wrong kind."""
    if kind is dt.date:
        return Problem(
            where,
            line_of(text, f"{key}:"),
            f"'{key}' is not a real date ({value!r})",
            "write a real date as YYYY-MM-DD, for example 2026-11-26",
        )
    hints = {
        bool: "write true or false",
        str: "write plain text after the colon",
        dict: "indent the fields under it",
        list: "write a list",
    }
    return Problem(
        where, line_of(text, f"{key}:"), f"'{key}' has the wrong kind of value ({value!r})", hints[kind]
    )
