"""What mkdocs.yml may switch on: the reviewed list of plugins, extensions, hooks, styles and scripts.

Why: one line in mkdocs.yml can add a script to every page (``extra_javascript``), run Python at build
time (``hooks``, a plugin, ``!!python/name:`` in an extension's options), read any file into a page
(``pymdownx.snippets``), or pull in another configuration (``INHERIT``). Such a line must be a
deliberate change: this module is the list, and changing it is a reviewed commit. Anything in
mkdocs.yml beyond it fails the check with its line. (The YAML tags mkdocs.yml may use are listed in
``safe_yaml.MKDOCS_TAGS``.)
"""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.checks import release_check
from scripts.problems import Problem, display_path

TOP_LEVEL = frozenset(
    {
        "site_name", "site_description", "site_url", "docs_dir", "watch", "strict", "use_directory_urls",
        "validation", "theme", "plugins", "hooks", "extra", "extra_css", "extra_javascript",
        "markdown_extensions", "nav",
    }
)  # fmt: skip
THEME = {"name": "material", "custom_dir": "overrides"}
# Settings our steps rely on: the checks read docs/, the steps after the engine expect folder URLs.
FIXED = {"docs_dir": "docs", "use_directory_urls": "true", "strict": "true"}
THEME_KEYS = frozenset({"name", "custom_dir", "language", "font", "icon", "favicon", "palette", "features"})
# name -> the options it may have (options that read files or run code are left out on purpose)
PLUGINS = {
    "search": frozenset(),
    "i18n": frozenset(
        {"docs_structure", "fallback_to_default", "reconfigure_material", "reconfigure_search", "languages"}
    ),
}
MARKDOWN_EXTENSIONS = {
    "attr_list": frozenset(),
    "md_in_html": frozenset(),
    "admonition": frozenset(),
    "toc": frozenset({"permalink", "slugify"}),
    "pymdownx.superfences": frozenset(),
    # Reads files into pages: allowed only fenced to a folder under docs/ (see snippets()).
    "pymdownx.snippets": frozenset({"base_path", "restrict_base_path", "check_paths"}),
}
HOOKS = tuple(
    f"scripts/engine/mkdocs/hooks/{name}.py"
    for name in (
        "project",
        "language_share",
        "content_check",
        "safe_meta",
        "content_blocks",
        "translation_notices",
        "template_helpers",
        "not_found",
        "no_lunr_index",
        "print_page",
        "whole_guide",
    )
)  # fmt: skip
LISTS = {"hooks": HOOKS, "extra_css": ("assets/stylesheets/site.css",), "extra_javascript": ()}
HINT = "remove it, or add it to scripts/checks/engine_allowlist.py in a reviewed change that says why"
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def scalar(node: yaml.Node) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""


def mapping(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node]]:
    return node.value if isinstance(node, yaml.MappingNode) else []


def check(config_file: Path) -> list[Problem]:
    """mkdocs.yml compared with the reviewed lists; the text must be within safe_yaml's limits."""
    where = display_path(config_file)
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        return []  # reported by input_files
    problems: list[Problem] = []

    def add(node: yaml.Node, message: str, hint: str = HINT) -> None:
        problems.append(Problem(where, line(node), message, hint))

    for key, value in mapping(root):
        name = scalar(key)
        if name not in TOP_LEVEL:
            add(key, f"the setting '{name}' is not on the reviewed list of settings")
        elif name == "site_url":
            problems += site_url(value, where)
        elif name in FIXED and scalar(value).lower() != FIXED[name]:
            add(
                value,
                f"'{name}' must be {FIXED[name]}: the checks and the steps after the engine rely on it",
            )
        elif name == "theme":
            for theme_key, theme_value in mapping(value):
                setting = scalar(theme_key)
                if setting not in THEME_KEYS:
                    add(theme_key, f"the theme setting '{setting}' is not on the reviewed list")
                elif setting in THEME and scalar(theme_value) != THEME[setting]:
                    add(theme_value, f"theme '{setting}' must be '{THEME[setting]}'")
        elif name in ("plugins", "markdown_extensions"):
            problems += entries(value, PLUGINS if name == "plugins" else MARKDOWN_EXTENSIONS, name, where)
        elif name in LISTS:
            listed = value.value if isinstance(value, yaml.SequenceNode) else []
            for item in listed:
                if scalar(item) not in LISTS[name]:
                    add(item, f"'{scalar(item) or item.tag}' in {name} is not on the reviewed list")
            if not isinstance(value, yaml.SequenceNode):
                add(value, f"{name} must be a list")
    return problems


SITE_URL = ("SITE_URL", "http://127.0.0.1:8000/")
SITE_URL_HINT = (
    'keep the line as committed, site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"], and set the '
    "published address in the deploy workflow's SITE_URL (README, 'Deploying')"
)


def site_url(node: yaml.Node, where: str) -> list[Problem]:
    """The address on every contacts card and QR code comes from SITE_URL, set by the deploy workflow
    (reviewed with it), never from a line in mkdocs.yml; and SITE_URL, when set, is a web address:
    the public https:// one (release_check's rules), or this machine's for a local build."""
    items = tuple(scalar(item) for item in node.value) if isinstance(node, yaml.SequenceNode) else ()
    if node.tag != "!ENV" or items != SITE_URL:
        return [Problem(where, line(node), "site_url must come from SITE_URL, as committed", SITE_URL_HINT)]
    value = os.environ.get(SITE_URL[0])
    if value is None or local_address(value):
        return []
    why = release_check.address_problem(value)
    if why is None:
        return []
    return [
        Problem(
            where,
            line(node),
            f"SITE_URL (set outside this file) '{value[:200]}' {why}",
            "set SITE_URL to the site's public https:// address, such as https://example.org/jarablus/, "
            "or leave it unset for a local build",
        )
    ]


def local_address(url: str) -> bool:
    """http(s) on this machine (127.x, localhost, ::1) with a plain path: a preview or test build."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.username or parts.password or parts.query:
        return False
    if parts.fragment or not re.fullmatch(r"[A-Za-z0-9._~/-]*/", parts.path or "/"):
        return False
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def entries(node: yaml.Node, allowed: dict[str, frozenset[str]], kind: str, where: str) -> list[Problem]:
    """One plugins or markdown_extensions list: names and options held to ``allowed``."""
    problems = []
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for item in items:
        pairs = mapping(item) or [(item, None)]
        for key, options in pairs:
            name = scalar(key)
            if name not in allowed:
                problems.append(
                    Problem(where, line(key), f"the {kind} entry '{name}' is not on the reviewed list", HINT)
                )
                continue
            for option, _ in mapping(options):
                if scalar(option) not in allowed[name]:
                    problems.append(
                        Problem(
                            where,
                            line(option),
                            f"the option '{scalar(option)}' of '{name}' is not on the reviewed list",
                            HINT,
                        )
                    )
            if name == "pymdownx.snippets":
                problems += snippets(key, options, where)
            if name == "i18n":
                problems += i18n_languages(options, where)
    return problems


# What each language under i18n > languages may set. Left out on purpose: options that point a
# language at other files or folders, or add its own theme, plugins or extra settings.
LANGUAGE_KEYS = frozenset({"locale", "name", "default", "build", "site_name", "nav_translations"})


def i18n_languages(options: yaml.Node | None, where: str) -> list[Problem]:
    """Every language is built (``build: false`` would drop its pages while the build passes),
    with only the reviewed keys."""
    problems = []
    for option, value in mapping(options):
        if scalar(option) != "languages":
            continue
        items = value.value if isinstance(value, yaml.SequenceNode) else []
        for item in items:
            for key, setting in mapping(item):
                name = scalar(key)
                if name not in LANGUAGE_KEYS:
                    message = f"the language setting '{name}' is not on the reviewed list"
                    problems.append(Problem(where, line(key), message, HINT))
                elif name == "build" and scalar(setting).lower() != "true":
                    problems.append(
                        Problem(
                            where,
                            line(setting),
                            "'build' must be true: every language's pages are published (their "
                            "addresses are printed on paper)",
                            "write 'build: true', or remove the line",
                        )
                    )
    return problems


def snippets(key: yaml.Node, options: yaml.Node | None, where: str) -> list[Problem]:
    """Snippets read files into pages: only from a folder under docs/, with that fence switched on."""
    settings = {scalar(option): value for option, value in mapping(options)}
    base = settings.get("base_path")
    folders = (
        [scalar(item) for item in base.value]
        if isinstance(base, yaml.SequenceNode)
        else [scalar(base) if base else ""]
    )
    inside = all(
        folder
        and Path(folder).parts[:1] == ("docs",)
        and ".." not in Path(folder).parts
        and not Path(folder).is_absolute()
        for folder in folders
    )
    fenced = (
        scalar(settings["restrict_base_path"]).lower() == "true"
        if "restrict_base_path" in settings
        else False
    )
    if inside and fenced:
        return []
    return [
        Problem(
            where,
            line(key),
            "pymdownx.snippets can read any file into a page (../.git/config, say)",
            "remove it, or set base_path to a folder under docs/ and restrict_base_path: true",
        )
    ]
