"""How long an editor waits after changing one word in one page of one language: in the preview
(`make serve`, until it serves the page with the new word) and in the full build (`make build`,
PDFs and all). Printed by ``python -m scripts benchmark --build-times``.

Why: issue 23 asks for such a rebuild under 5 s on 2 cores, and for where the time goes. Both are
measured in a scratch copy of the project (scripts/dev/project_copy.py) with a copy of this
project's caches, so ``docs/`` is never touched and the copy starts as warm as an editor's own.
The word goes at the start of the first line of prose in the English report page.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from scripts import build, project
from scripts.dev import preview
from scripts.dev.project_copy import copy_project
from scripts.front_matter import FENCE

PAGE = "docs/en/report.md"
ADDRESS = "en/report/"
WORDS = ("Now", "Also", "Then")  # ordinary words: the content check must pass with each of them
PROSE = re.compile(r"^[A-Z][a-z]+ ", re.MULTILINE)
STEPS = re.compile(r"^After MkDocs: .*$", re.MULTILINE)
ENGINE = re.compile(r"Documentation built in ([0-9.]+) seconds")


def add_word(page: Path, word: str) -> str:
    """Put ``word`` before the first line of prose after the page's front matter (what an editor's
    one-word change does to the page: its text, nothing else); return the words the page then
    shows there, to look for."""
    text = page.read_text(encoding="utf-8")
    front = FENCE.match(text)
    start = front.end() if front else 0
    found = PROSE.search(text, start)
    if found is None:
        raise SystemExit(f"{PAGE}: no line of prose to change")
    page.write_text(text[: found.start()] + f"{word} " + text[found.start() :], encoding="utf-8")
    return f"{word} {found.group(0)}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetched(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        return ""


def waited(condition: Callable[[], bool], seconds: float) -> float:
    """Seconds until ``condition()`` held (checked every 50 ms); stops the run after ``seconds``."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > seconds:
            raise SystemExit(f"gave up after {seconds:.0f} s")
        time.sleep(0.05)
    return time.perf_counter() - started


def copy_env(**pinned: str) -> dict[str, str]:
    """The environment for commands in a copy: dated by this project's last commit, as its site
    is (outside git a copy is dated 1970, and no PDF in the cache would be its own); every cache
    the copy's own (no JSG_*_CACHE pointing at ours); and ``pinned`` on top."""
    env = {name: value for name, value in os.environ.items() if not re.fullmatch(r"JSG_\w+_CACHE", name)}
    env["SOURCE_DATE_EPOCH"] = os.environ.get("SOURCE_DATE_EPOCH") or build.last_commit_time()
    return {**env, **pinned}


def serve_times(copy: Path) -> tuple[list[float], list[str]]:
    """(seconds from saving each one-word change to the preview serving it; the engine's own
    'built in' figures from the preview's log while it rebuilt for them)."""
    port = free_port()
    env = copy_env(SITE_URL=f"http://127.0.0.1:{port}/")
    try:
        with preview.running(copy, port, lambda base: bool(fetched(base + ADDRESS)), env) as (base, log):

            def lines() -> list[str]:
                return ENGINE.findall(log.read_text(encoding="utf-8", errors="replace"))

            first = len(lines())
            seconds = []
            for word in WORDS:
                before = len(lines())
                started = time.perf_counter()
                shown = add_word(copy / PAGE, word)
                waited(lambda shown=shown: shown in fetched(base + ADDRESS), 60)
                seconds.append(time.perf_counter() - started)
                # Let the rebuild finish its log lines before the next change.
                waited(lambda before=before: len(lines()) > before, 60)
                time.sleep(1)
            return seconds, [f"{float(found):.1f}" for found in lines()[first:]]
    except preview.PreviewStopped as stopped:
        raise SystemExit(str(stopped)) from None


def build_times(copy: Path) -> list[tuple[float, str]]:
    """(seconds, the build's own 'After MkDocs' line) for a warm build, then one per change."""
    env = copy_env()
    results = []
    for word in (None, *WORDS):
        if word:
            add_word(copy / PAGE, word)
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "scripts", "build"],
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise SystemExit(f"the build of the copy failed:\n{done.stderr[-2000:]}")
        steps = STEPS.search(done.stdout + done.stderr)
        results.append((time.perf_counter() - started, steps.group(0) if steps else ""))
    return results


def main() -> int:
    """Print both waits (the preview's and the full build's), three changes each."""
    scratch = Path(tempfile.mkdtemp(prefix="jsg-rebuild-"))
    try:
        for name, measure in (("serve", serve_times), ("build", build_times)):
            copy = copy_project(scratch / name)
            cache = project.current().cache_dir
            if cache.is_dir():
                shutil.copytree(cache, copy / ".cache")
            if name == "serve":
                seconds, built = measure(copy)
                shown = ", ".join(f"{value:.1f}" for value in seconds)
                print(f"One-word change, preview (make serve): shown after {shown} s (target < 5 s)")
                print(f"  the engine's 'built in' lines meanwhile (s): {', '.join(built)}")
            else:
                rows = measure(copy)
                print(f"Warm full build of the copy (make build): {rows[0][0]:.1f} s")
                shown = ", ".join(f"{seconds:.1f}" for seconds, _ in rows[1:])
                print(f"One-word change, full build (make build): {shown} s (target < 5 s)")
                print("  (the first puts the notice on its three translations: their booklets change too)")
                for seconds, steps in rows[1:]:
                    print(f"  {seconds:.1f} s: {steps}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0
