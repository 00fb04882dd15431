"""Read the one configuration, ``mkdocs.yml``, so no script keeps its own list of languages."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils.yaml import yaml_load

from scripts import safe_yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG_FILE = ROOT / "mkdocs.yml"


# Languages written right to left. Material's theme strings carry the same fact for pages;
# our own outputs (manifests, fallback notices) read it here.
RIGHT_TO_LEFT = frozenset({"ar"})


@dataclass(frozen=True)
class Language:
    """One language of the site, as declared under ``plugins > i18n > languages``."""

    code: str
    name: str
    default: bool

    @property
    def direction(self) -> str:
        return "rtl" if self.code in RIGHT_TO_LEFT else "ltr"

    @property
    def prefix(self) -> str:
        """URL path prefix: the default language lives at the site root."""
        return "" if self.default else f"{self.code}/"


@cache
def load(config_file: Path = CONFIG_FILE) -> dict:
    """The parsed configuration (``!ENV`` tags resolved the way MkDocs resolves them)."""
    text = config_file.read_text(encoding="utf-8")
    safe_yaml.scan(text, safe_yaml.STANDARD_TAGS | safe_yaml.MKDOCS_TAGS)  # MkDocs' loader runs any tag
    return yaml_load(text)


def languages(config_file: Path = CONFIG_FILE) -> list[Language]:
    """Languages in the order the configuration lists them; the default one first in the list."""
    config = load(config_file)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return [
                Language(code=item["locale"], name=item["name"], default=bool(item.get("default")))
                for item in plugin["i18n"]["languages"]
            ]
    raise LookupError(f"{config_file}: no i18n plugin with languages")


def language(code: str, config_file: Path = CONFIG_FILE) -> Language:
    """The language with this code."""
    return next(item for item in languages(config_file) if item.code == code)


def site_path(site_url: str | None = None) -> str:
    """The site's own path, '/' or a sub-path such as '/jarablus/', from ``site_url``
    (mkdocs.yml's, with SITE_URL applied, unless a built config's value is given)."""
    url = load()["site_url"] if site_url is None else site_url
    return urlsplit(url or "/").path or "/"


def default_language(config_file: Path = CONFIG_FILE) -> Language:
    """The language served at the site root (Arabic)."""
    return next(language for language in languages(config_file) if language.default)
