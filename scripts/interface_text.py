"""The words of our own page parts, per language, from ``data/interface.yml``.

Why: contact cards, step blocks and notices have one structure for all languages; only the words
differ. Keeping them in one data file means a translator edits words, never HTML or Python.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scripts import project, safe_yaml
from scripts.file_cache import until_changed
from scripts.problems import Problem, display_path, line_of
from scripts.site_config import languages


def interface_file() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().data("interface.yml")


@until_changed(lambda path=None: [path or interface_file()])
def load(path: Path | None = None) -> dict[str, Any]:
    """The parsed interface file."""
    path = interface_file() if path is None else path
    with path.open(encoding="utf-8") as handle:
        return safe_yaml.load(handle)


def text(key: str, language: str) -> str:
    """One interface string in one language; a missing one is a build error, never English."""
    entry = load()["text"].get(key)
    if entry is None or not entry.get(language):
        raise KeyError(f"data/interface.yml: text '{key}' has no '{language}' translation")
    return entry[language]


def steps() -> list[dict[str, Any]]:
    """The five core steps (see it, stop, step back, keep people away, report)."""
    return load()["steps"]


def vehicle_steps() -> list[dict[str, Any]]:
    """What to do about a suspicious vehicle: one list for the guide and the leaflet."""
    return load()["vehicle_steps"]


def check(path: Path | None = None) -> list[Problem]:
    """Problems in the interface words: invalid YAML, or a language missing for a key."""
    path = interface_file() if path is None else path
    where = display_path(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = safe_yaml.load(text)
    except yaml.YAMLError as error:
        return [
            safe_yaml.problem(
                error,
                where,
                "the file is not valid YAML",
                'put text that contains a colon in "double quotes"',
            )
        ]
    shapes = {"text": dict, "steps": list, "vehicle_steps": list}
    if not isinstance(data, dict) or any(
        not isinstance(data.get(key) or kind(), kind) for key, kind in shapes.items()
    ):
        hint = "compare with the file as committed: 'text:' holds keys, 'steps:' and 'vehicle_steps:' lists"
        return [Problem(where, 1, "the file does not have the shape the site reads", hint)]
    if not all(
        isinstance(step, dict) for step in [*(data.get("steps") or []), *(data.get("vehicle_steps") or [])]
    ):
        return [
            Problem(
                where, 1, "a step is not a list of fields", "write each step as '- id: …' with its fields"
            )
        ]
    codes = [language.code for language in languages()]
    problems = []
    entries = [(key, value, f"{key}:") for key, value in (data.get("text") or {}).items()]
    for step in data.get("steps") or []:
        for field in ("title", "text", "alt"):
            entries.append((f"steps.{step.get('id')}.{field}", step.get(field), f"- id: {step.get('id')}"))
    for number, step in enumerate(data.get("vehicle_steps") or [], start=1):
        for field in ("text", "alt"):
            entries.append(
                (f"vehicle_steps.{number}.{field}", step.get(field), f"- icon: {step.get('icon')}")
            )
    for key, value, anchor in entries:
        words = value if isinstance(value, dict) else {}
        missing = [code for code in codes if not str(words.get(code) or "").strip()]
        if missing:
            hint = f"add a line for each missing language under '{key}'"
            message = f"'{key}' has no text in {', '.join(missing)}"
            problems.append(Problem(where, line_of(text, anchor), message, hint))
    return problems
