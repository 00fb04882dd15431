"""Engine hook: the project our code reads is the one whose configuration the engine loaded.

Why: ``properdocs build -f other/mkdocs.yml`` (or ``serve``) must read other/'s data and pages in
our steps too, not this checkout's (scripts/project.py). Runs first, before any other hook.
"""

from __future__ import annotations

from mkdocs import plugins
from mkdocs.config.defaults import MkDocsConfig

from scripts import project


@plugins.event_priority(200)
def on_config(config: MkDocsConfig) -> None:
    if config.config_file_path:
        project.use(config.config_file_path)
