"""Engine hook: Material's search plugin stays on, but does not build its lunr index.

Why: the plugin must be on for the theme to draw the search button and field (our
overrides/partials/search.html fills them for Pagefind), but its index is never published:
Pagefind indexes the built pages (scripts/finish/search_index.py, which removes the lunr files). Reading
every page for that unused index took about a twentieth of the build (python -m scripts scaling).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

UNUSED_EVENTS = ("page_context", "post_build")


def on_config(config: MkDocsConfig) -> None:
    """Take the search plugin's page and post-build steps out of MkDocs' list of things to run."""
    search = config.plugins.get("material/search")
    if search is None:
        return
    for event in UNUSED_EVENTS:
        config.plugins.events[event] = [
            method
            for method in config.plugins.events[event]
            if getattr(method, "__self__", None) is not search
        ]
