"""Starter pages, per kind (how-to, item, leaflet), from ``data/starters.yml``.

Why: a new page must have the same shape in every language (the parity check compares headings
and blocks), and translators should start from the guide's own words for its standard headings.
The structure is written once; only the words differ per language, and they live in data, where a
translator edits them. A starter never holds safety advice: what needs facts is a draft line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts import project, safe_yaml
from scripts.render import blocks

NUMBERED_STEPS = 3  # draft lines of a "numbered" part: enough to show the shape, not a count to keep


def starters_file() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().data("starters.yml")


class StarterError(ValueError):
    """data/starters.yml cannot give this page: the message names the file, line or key."""


@dataclass(frozen=True)
class Starters:
    """The parsed file: draft lines per language, and each kind's parts."""

    draft_text: dict[str, str]
    draft_description: dict[str, str]
    kinds: dict[str, dict[str, Any]]

    def drafts(self) -> list[str]:
        """Every draft line, of every language: any left in a page marks it a draft."""
        return [*self.draft_text.values(), *self.draft_description.values()]

    def body(self, kind: str, language: str) -> str:
        """The Markdown below the page's ``# title`` for one kind in one language."""
        out: list[str] = []
        for part in self.kinds[kind]["parts"]:
            out.append(self.part(kind, part, language))
        return "\n\n".join(out) + "\n"

    def part(self, kind: str, part: Any, language: str) -> str:
        where = f"data/starters.yml: kinds > {kind}"
        if part == "draft":
            return self.draft_text[language]
        if part == "numbered":
            return "\n".join(
                f"{number}. {self.draft_text[language]}" for number in range(1, NUMBERED_STEPS + 1)
            )
        if isinstance(part, dict) and len(part) == 1:
            ((name, value),) = part.items()
            if name in ("heading", "text"):
                words = (value or {}).get(language) if isinstance(value, dict) else None
                if not isinstance(words, str) or not words.strip():
                    raise StarterError(f"{where}: a {name} has no '{language}' words — add them")
                return f"## {words.strip()}" if name == "heading" else words.strip()
            if name == "block" and value in blocks.NAMES:
                return "{{ " + value + " }}"
        raise StarterError(f"{where}: unknown part {part!r} — use draft, numbered, heading, text or block")


def load(path: Path | None = None) -> Starters:
    """The starters of the current project; a broken file raises StarterError naming it."""
    path = starters_file() if path is None else path
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8"))
        draft = data["draft"]
        return Starters(dict(draft["text"]), dict(draft["description"]), dict(data["kinds"]))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise StarterError(
            f"data/starters.yml cannot be read ({error}) — compare with the comments at its top"
        ) from error
