"""Dates that have not happened yet: a contact "verified" in 2099, a page "reviewed" next year.

Why: ``verified`` turns a number into a tap-to-call button on the home page and ``last_reviewed`` is
printed to tell readers how fresh the advice is. A date in the future is a typo or a trick either
way; the build's date plus one day (time zones) is the latest a true date can be.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from scripts import safe_yaml
from scripts.problems import Problem

DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[Tt ])")
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check(text: str, where: str, today: dt.date, first_line: int = 1) -> list[Problem]:
    """Every date-like value (quoted or not) in one YAML document that lies after tomorrow.
    Nodes are composed, never constructed, and only of a document within safe_yaml's limits
    (an alias would make the walk below visit a shared node again and again)."""
    try:
        safe_yaml.scan(text)
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return []  # reported by the file's own check
    latest = today + dt.timedelta(days=1)
    problems, pending = [], [root] if root is not None else []
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            pending += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            pending += node.value
        elif isinstance(node, yaml.ScalarNode) and (found := DATE.match(str(node.value))):
            try:
                date = dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                continue  # an impossible date: front_matter and contacts report it
            if date > latest:
                problems.append(
                    Problem(
                        where,
                        node.start_mark.line + first_line,
                        f"the date {date.isoformat()} is in the future",
                        f"write the day it really happened (today is {today.isoformat()})",
                    )
                )
    return problems
