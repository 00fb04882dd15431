"""Read the one configuration, ``mkdocs.yml``, so no script keeps its own list of languages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from scripts import project, safe_yaml
from scripts.file_cache import until_changed

# The folder this code lives in (tests and tools use it); builds ask scripts/project.py.
ROOT = project.CODE_ROOT


def config_path() -> Path:
    """The file of the current project (scripts/project.py), looked up each time."""
    return project.current().config_file


# Languages written right to left. Material's theme strings carry the same fact for pages;
# our own outputs (manifests, fallback notices) read it here.
RIGHT_TO_LEFT = frozenset({"ar"})
# ISO 639-3 code of each language: the ZIM files' Language metadata, by which Kiwix's readers and
# library sort and filter books (scripts/finish/zim_files.py). Our "ku" is Kurmanji: kmr.
ISO_639_3 = {"ar": "ara", "ku": "kmr", "tr": "tur", "en": "eng"}


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
    def iso_639_3(self) -> str:
        """Its ISO 639-3 code; KeyError, naming where to add it, for a language not in ISO_639_3."""
        if self.code not in ISO_639_3:
            raise KeyError(
                f"language '{self.code}' has no ISO 639-3 code: add it to ISO_639_3 in scripts/site_config.py"
            )
        return ISO_639_3[self.code]

    @property
    def prefix(self) -> str:
        """URL path prefix: the default language lives at the site root."""
        return "" if self.default else f"{self.code}/"


@until_changed(lambda config_file=None: [config_file or config_path()])
def load(config_file: Path | None = None) -> dict:
    """The parsed configuration (``!ENV`` tags resolved the way MkDocs resolves them)."""
    config_file = config_path() if config_file is None else config_file
    text = config_file.read_text(encoding="utf-8")
    safe_yaml.scan(text, safe_yaml.STANDARD_TAGS | safe_yaml.MKDOCS_TAGS)  # MkDocs' loader runs any tag
    # Imported here: the engine's command line must load before any mkdocs module (cli.py).
    from scripts.engine.mkdocs.theme import load_config

    config = load_config(text)
    url = config.get("site_url")
    if isinstance(url, str) and url and not url.endswith("/"):
        config["site_url"] = url + "/"  # as the engine makes it: every address is joined to it
    return config


def i18n_languages(config: dict) -> list[dict]:
    """The entries of ``plugins > i18n > languages`` in a parsed configuration: the one place the
    languages are declared (names, site names, menu translations)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return list(plugin["i18n"]["languages"])
    raise LookupError("mkdocs.yml: no i18n plugin with languages")


def languages(config_file: Path | None = None) -> list[Language]:
    """Languages in the order the configuration lists them; the default one first in the list."""
    config_file = config_path() if config_file is None else config_file
    return [
        Language(code=item["locale"], name=item["name"], default=bool(item.get("default")))
        for item in i18n_languages(load(config_file))
    ]


def language(code: str, config_file: Path | None = None) -> Language:
    """The language with this code."""
    config_file = config_path() if config_file is None else config_file
    return next(item for item in languages(config_file) if item.code == code)


def site_path(site_url: str | None = None) -> str:
    """The site's own path, '/' or a sub-path such as '/jarablus/', from ``site_url``
    (mkdocs.yml's, with SITE_URL applied, unless a built config's value is given)."""
    url = load()["site_url"] if site_url is None else site_url
    return urlsplit(url or "/").path or "/"


def default_language(config_file: Path | None = None) -> Language:
    """The language served at the site root (Arabic)."""
    config_file = config_path() if config_file is None else config_file
    return next(language for language in languages(config_file) if language.default)
