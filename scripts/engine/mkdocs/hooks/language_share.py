"""Engine hook: build only a share of the languages in this process, so that
``python -m scripts build`` can build the languages side by side, one process per core.

Why: mkdocs-static-i18n builds the languages one after the other in one process, so a build
uses one core however many the machine has. With ``JSG_LANGUAGES=tr,en`` set (scripts/build.py
does it, one share per process), this process builds just those languages, in that order, the way
mkdocs-static-i18n would have built them; build.py then puts the shares' folders together.
Without the variable (``make serve``, a plain ``mkdocs build``) nothing changes.
"""

from __future__ import annotations

import logging
import os

from mkdocs import plugins, utils
from mkdocs.commands.build import build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs_static_i18n.utils import I18nLoggingFilter

from scripts.engine import SHARE_ENV

_state: dict[str, list[str] | bool] = {}


def share() -> list[str]:
    """The language codes this process builds, in order; empty when it builds them all."""
    return [code for code in os.environ.get(SHARE_ENV, "").split(",") if code]


@plugins.event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    """Before the first build: start with this share's first language, and tell
    mkdocs-static-i18n that the other languages are not its to build (its ``building`` flag)."""
    codes = share()
    if not codes or "rest" in _state:
        return
    i18n = config.plugins["i18n"]
    i18n.current_language = codes[0]
    i18n.building = True
    _state["rest"] = codes[1:]


@plugins.event_priority(-110)
def on_post_build(config: MkDocsConfig) -> None:
    """After the first language (and after every other hook's ``on_post_build``), build the rest
    of the share into the same folder, as mkdocs-static-i18n's own loop does."""
    rest = _state.get("rest")
    if not rest or _state.get("looping"):
        return
    _state["looping"] = True
    i18n = config.plugins["i18n"]
    quiet = I18nLoggingFilter()
    quiet.filtered_prefixes.update({"Documentation built in", "Building documentation to directory"})
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(quiet)
    clean_directory = utils.clean_directory
    utils.clean_directory = lambda _folder: None  # keep the languages already written
    try:
        for code in rest:
            i18n.current_language = code
            build(config)
    finally:
        utils.clean_directory = clean_directory
        logger.removeFilter(quiet)
        _state["looping"] = False
