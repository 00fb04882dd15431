"""Build the languages side by side: one ``mkdocs build`` process per share of the languages,
then one site folder made of their outputs.

Why: mkdocs-static-i18n builds the four languages one after the other on one core; rendering is
most of a big site's build time (python -m scripts scaling). Each process builds a run of
languages in the configured order (scripts/engine/mkdocs/hooks/language_share.py), into its own folder; the
first share holds the default language, which also runs the content check and writes everything
at the site root. The others add their language folders and their part of the sitemap. The
result is byte for byte the site a single process builds (tests/test_reproducible.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from scripts.engine import SHARE_ENV
from scripts.parallel import workers
from scripts.site_config import languages

SITEMAP = "sitemap.xml"
URLSET_END = "</urlset>"


def shares(codes: list[str], count: int) -> list[list[str]]:
    """``codes`` cut into at most ``count`` runs of neighbours, as even as can be, first ones longest.
    Runs and not every n-th code, so the sitemap's parts join in the configured order."""
    count = max(1, min(count, len(codes)))
    size, extra = divmod(len(codes), count)
    runs, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        runs.append(codes[start:end])
        start = end
    return runs


def build(command: list[str], site_dir: Path, cwd: Path, env: dict[str, str], count: int = 0) -> int:
    """Run ``command`` (``mkdocs build`` without ``--site-dir``) once per share, in ``count``
    shares (one per core when 0); return the build's status.

    The first share's messages go straight to the terminal. The others' are kept and printed
    after it, so two processes' lines never mix; when the first share fails (the content check
    lives there), the others are stopped and their messages dropped: they would only repeat it.
    """
    runs = shares([language.code for language in languages()], count or workers())
    if len(runs) == 1:
        return subprocess.run(
            [*command, "--site-dir", str(site_dir)], cwd=cwd, env=env, check=False
        ).returncode
    folders = [site_dir] + [
        Path(tempfile.mkdtemp(prefix=".site-share-", dir=site_dir.parent)) for _ in runs[1:]
    ]
    try:
        with ExitStack() as stack:
            # Messages go to files, not pipes: a full pipe would stop a share until the first ends.
            logs = [stack.enter_context(tempfile.TemporaryFile("w+", encoding="utf-8")) for _ in runs[1:]]
            others = [
                subprocess.Popen(
                    [*command, "--site-dir", str(folder)],
                    cwd=cwd,
                    env={**env, SHARE_ENV: ",".join(run)},
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
                for run, folder, log in zip(runs[1:], folders[1:], logs, strict=True)
            ]
            first = subprocess.run(
                [*command, "--site-dir", str(site_dir)],
                cwd=cwd,
                env={**env, SHARE_ENV: ",".join(runs[0])},
                check=False,
            ).returncode
            if first != 0:
                for process in others:
                    process.kill()
                    process.wait()
                return first
            status = 0
            for process, log in zip(others, logs, strict=True):
                process.wait()
                log.seek(0)
                sys.stderr.write(log.read())
                status = status or process.returncode
        if status == 0:
            join(site_dir, list(zip(runs[1:], folders[1:], strict=True)))
        return status
    finally:
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)


def join(site_dir: Path, parts: list[tuple[list[str], Path]]) -> None:
    """Move each other share's language folders into ``site_dir`` and add its sitemap entries."""
    prefixes = {language.code: language.prefix for language in languages()}
    sitemap = (site_dir / SITEMAP).read_text(encoding="utf-8")
    head, end = sitemap.rsplit(URLSET_END, 1)
    for codes, folder in parts:
        for code in codes:
            (folder / prefixes[code].strip("/")).rename(site_dir / prefixes[code].strip("/"))
        theirs = (folder / SITEMAP).read_text(encoding="utf-8")
        body = theirs.split(">", 2)[2].rsplit(URLSET_END, 1)[0]  # after <?xml ...> and <urlset ...>
        head = head.rstrip("\n") + body
    (site_dir / SITEMAP).write_text(head + URLSET_END + end, encoding="utf-8")
    (site_dir / (SITEMAP + ".gz")).unlink(missing_ok=True)  # MkDocs' own, now stale
