"""The adapter for ProperDocs (or MkDocs 1.x) with Material and mkdocs-static-i18n.

Why: this folder is the only code that imports ``mkdocs``, ``properdocs``, ``material`` or
``mkdocs_static_i18n``, or knows the HTML Material writes (``markup.py``). ``hooks/`` are the
engine events mkdocs.yml lists; each turns the engine's page and config into
``scripts.engine.PageInfo`` (``page.py``) and calls our own code with it. ``cli.py`` runs the
engine's command line with its crashes told plainly.
"""
