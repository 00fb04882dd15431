"""What kinds of file the finished site holds, and which scripts: nothing beyond the reviewed set.

Why: the output policy reads every page and picture; this reads the rest. A script that reaches
``site/`` by any route (a theme file, a plugin, a folder copied by MkDocs) runs on readers' phones,
and a stylesheet can load from another host. So: every published ``.js`` is one of ours (from
``scripts/checks/reviewed_scripts.py``, by name, fingerprint allowed) or Pagefind's; every ``.css`` passes
``css_check``; every file is of a kind the site publishes.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from scripts.checks import css_check, phone_numbers, reviewed_scripts
from scripts.finish.compression import TEXT_SUFFIXES
from scripts.problems import BuildStopped

PUBLISHED_KINDS = frozenset(
    {".html", ".css", ".js", ".json", ".svg", ".webmanifest", ".xml", ".png", ".pdf", ".zip", ".zim", ".txt"}
    | {".pagefind", ".pf_fragment", ".pf_index", ".pf_meta", ".wasm", ".br", ".gz"}
)
SERVER_FILES = frozenset({"_headers", "_redirects"})
# site/<path> of each published script; a fingerprint (.0123abcd) may stand before .js.
# Our script is published as it was reviewed, under a fingerprinted name: checked by content, not
# only by name (a red team published alert() as site.deadbeef.js). The service worker is filled in
# by the build and Pagefind's scripts come from its pinned release; those are checked by name.
OUR_SCRIPT = re.compile(r"assets/javascripts/site(\.[0-9a-f]{8})?\.js")
SITE_JS_DIGEST = reviewed_scripts.REVIEWED["overrides/assets/javascripts/site.js"]
SCRIPTS = re.compile(r"sw\.js|assets/javascripts/site(\.[0-9a-f]{8})?\.js|pagefind/pagefind(-[a-z]+)?\.js")


TWINS = (".gz", ".br")


def twin_the_build_writes(path: Path) -> bool:
    """Whether a .gz or .br file is one the compression step writes, over whatever was there: the
    twin of a text file of ours, spelt as that step spells it. Why: nginx (gzip_static) sends
    ``x.html.gz`` for ``/x.html`` to every browser that takes gzip, even with no ``x.html``, and
    the output policy reads pages, not their twins; a planted twin would be a page no check read."""
    base = path.with_suffix("")
    return path.suffix in TWINS and base.suffix in TEXT_SUFFIXES and base.is_file() and not base.is_symlink()


def manifest_problems(data: bytes) -> list[str]:
    """What an installed app's manifest may not hold: an address that leaves the site (its start
    page, scope or icons: a red team's manifest opened another site when the app started) or a
    phone number in its words. The build writes these from data/interface.yml."""
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        return [f"the app manifest cannot be read ({error})"]
    found = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            if css_check.outside(value):
                found.append(f"the app manifest leads to '{value[:60]}', outside the site")
            found.extend(
                f"the app manifest shows a phone number ({n.raw})" for n in phone_numbers.find(value)
            )

    try:
        walk(manifest)
    except RecursionError:
        return ["the app manifest is nested too deeply to read"]
    return found


def problems(site_dir: Path) -> list[str]:
    found = []
    for path in sorted(site_dir.rglob("*")):
        # A link first: is_dir() follows it, and a linked folder was skipped unread (a red team's;
        # rglob does not go into it either, nor does the output policy).
        if path.is_dir() and not path.is_symlink():
            continue
        relative = path.relative_to(site_dir).as_posix()
        if path.is_symlink():
            found.append(f"{relative}: a link (symlink) in the built site; nothing may point outside it")
        elif path.suffix.lower() not in PUBLISHED_KINDS and relative not in SERVER_FILES:
            found.append(f"{relative}: the site publishes no files of this kind")
        elif path.suffix.lower() in TWINS and not twin_the_build_writes(path):
            found.append(
                f"{relative}: a compressed copy the build does not write (it writes the .gz and .br "
                "of each text file itself; nginx would send this one in place of the page)"
            )
        elif path.suffix.lower() == ".js" and not SCRIPTS.fullmatch(relative):
            found.append(
                f"{relative}: a script that is not on the reviewed list (scripts/checks/reviewed_scripts.py) "
                "would be published"
            )
        elif (
            OUR_SCRIPT.fullmatch(relative) and hashlib.sha256(path.read_bytes()).hexdigest() != SITE_JS_DIGEST
        ):
            found.append(
                f"{relative}: the site's script is not the reviewed one (its name was right, its "
                "content was not: scripts/checks/reviewed_scripts.py)"
            )
        elif path.suffix.lower() == ".webmanifest":
            found += [f"{relative}: {problem}" for problem in manifest_problems(path.read_bytes())]
        elif path.suffix.lower() == ".css":
            found += [str(item) for item in css_check.check(path.read_text("utf-8", "replace"), relative)]
    return found


def enforce(site_dir: Path) -> None:
    """Stop the build when the finished site holds a file it must not publish."""
    if found := problems(site_dir):
        raise BuildStopped(
            "\n".join(found) + "\nThe site was not published: remove these files, or find which input "
            "puts them there (docs/, overrides/, mkdocs.yml)"
        )
