"""Engine hook: give our templates (overrides/) the words and addresses they need, as ``jsg``.

Why: templates cannot read data/interface.yml, and pages made from templates alone (the 404 page)
are served at any address, so their links must be absolute from the site's own path.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import PurePosixPath

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import interface_text
from scripts.engine.mkdocs.page import building, page_info
from scripts.pages import url_path
from scripts.render import page_steps
from scripts.site_config import Language, language, languages, site_path


class TemplateHelper:
    """What a template may ask for, in the language being built."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config

    @property
    def language(self) -> Language:
        return language(building(self.config))

    @property
    def root(self) -> str:
        """The site's own path: '/' or a sub-path such as '/jarablus/'."""
        return site_path(self.config.site_url)

    def text(self, key: str) -> str:
        """One string of data/interface.yml, escaped: templates print it as is (no auto-escape),
        so a '<' in the data file must arrive as text, never as a tag."""
        return escape(interface_text.text(key, self.language.code), quote=True)

    def url(self, page: str) -> str:
        """Absolute path of a page in the current language."""
        return self.root + url_path(PurePosixPath(page), self.language)

    def manifest_url(self) -> str:
        """The web app manifest of the current language (written by scripts/finish/offline.py)."""
        return f"{self.root}manifest.{self.language.code}.webmanifest"

    def share(self, page: Page | None) -> str:
        """The "Send this" control for a page (scripts/render/page_steps.py); nothing for a page
        made from a template alone (the not-found pages have no address of their own)."""
        if page is None or getattr(page, "file", None) is None:
            return ""
        return page_steps.share_control(page_info(page, self.config))

    def prefixes_json(self) -> str:
        return escape(json.dumps({item.code: item.prefix for item in languages()}), quote=True)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["jsg"] = TemplateHelper(config)
    return env
