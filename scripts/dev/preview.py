"""`python -m scripts serve` (what `make serve` runs) in a project folder, started and stopped by
a program: the wait after a one-word change (scripts/dev/rebuild_times.py) and the test that the
preview shows an edit to data at once (tests/test_project.py).

Why one piece: both need the same care. The preview must be seen to answer before anything is
measured, a preview that dies must say why (its log) rather than be waited for, and stopping it
must end the engine it started too (its whole process group), with SIGKILL if SIGTERM is not enough.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path


class PreviewStopped(RuntimeError):
    """The preview ended, or did not answer in time; the message ends with its log."""


@contextlib.contextmanager
def running(
    folder: Path, port: int, answers: Callable[[str], bool], env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, Path]]:
    """The preview of ``folder`` on 127.0.0.1:``port``: yields (its base URL, its log file) once
    ``answers(base URL)`` holds (within 180 s), and stops it and the engine on leaving."""
    log = folder / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts", "serve", "--address", f"127.0.0.1:{port}"],
            cwd=folder,
            env=None if env is None else dict(env),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the engine stops with it
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while not answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                said = log.read_text(encoding="utf-8", errors="replace")[-3000:]
                state = "stopped" if process.poll() is not None else "did not answer within 180 s"
                raise PreviewStopped(f"the preview {state}:\n{said}")
            time.sleep(0.2)
        yield url, log
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
