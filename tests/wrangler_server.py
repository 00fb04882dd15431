"""Serve a built site with Cloudflare's own local Pages server: ``wrangler pages dev <site>``.

Why: ``site/_headers`` and ``site/_redirects`` are written for Netlify and Cloudflare Pages, and
only a host's own parser shows what it does with them. ``wrangler pages dev`` runs Cloudflare's
workerd runtime (its binary ships inside the npm package) with the same asset server and the same
``_headers``/``_redirects`` parser as Cloudflare Pages, limits included. Pinned in
tools/pages-dev/package-lock.json (integrity hashes) and installed with ``npm ci``.

Only 127.0.0.1 is ever contacted. Each of wrangler's calls to another host is turned off here,
checked with ``strace -f -e trace=connect`` on wrangler 4.86.0 (see ``QUIET``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from scripts.site_config import ROOT
from tests.nginx_server import free_port
from tests.run_folder import only_one_worker

TOOL = ROOT / "tools" / "pages-dev"
WRANGLER = TOOL / "node_modules" / ".bin" / "wrangler"
INSTALL_HINT = "the Cloudflare Pages tests need Node.js 20.3 or later and npm: sudo apt install nodejs npm"
# The runtime date of the pinned workerd (`workerd --version`). A later date makes wrangler fall
# back with a warning, and that warning path runs its update check; an earlier one is always valid.
COMPATIBILITY_DATE = "2026-04-26"
QUIET = {
    # request.cf data is fetched from workers.cloudflare.com at start-up unless this is off.
    "CLOUDFLARE_CF_FETCH_ENABLED": "false",
    # Usage metrics (sparrow.cloudflare.com) and crash reports (Sentry).
    "WRANGLER_SEND_METRICS": "false",
    "WRANGLER_SEND_ERROR_REPORTS": "false",
    # The banner asks the npm registry for a newer wrangler; hidden, it does not ask.
    "WRANGLER_HIDE_BANNER": "true",
    # Other update checks (on some warnings and errors) have no switch: they read the registry
    # from npm's settings (the `rc` package, `npm_<key>` variables), so they reach a closed port here.
    "npm_registry": "http://127.0.0.1:9/",
    # The local data explorer is not needed to serve static files.
    "X_LOCAL_EXPLORER": "false",
}


class WranglerError(RuntimeError):
    """wrangler could not be installed or started; the message says why and what to do."""


def installed_version() -> str | None:
    package = TOOL / "node_modules" / "wrangler" / "package.json"
    if not WRANGLER.exists() or not package.exists():
        return None
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def pinned_version() -> str:
    lock = json.loads((TOOL / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/wrangler"]["version"]


def install() -> None:
    """``npm ci`` into tools/pages-dev when the pinned wrangler is not there yet, by one test worker
    at a time. No install scripts: workerd's and esbuild's binaries come in their platform packages
    from the lock file."""
    with only_one_worker("wrangler"):
        install_here()


def install_here() -> None:
    if installed_version() == pinned_version():
        return
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise WranglerError(INSTALL_HINT)
    result = subprocess.run(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--no-update-notifier"],
        cwd=TOOL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or installed_version() != pinned_version():
        raise WranglerError(
            f"`npm ci` in {TOOL.relative_to(ROOT)} failed (exit {result.returncode}): "
            f"{(result.stderr or result.stdout).strip()[-2000:]}\n"
            "Run it by hand there to see why; the npm registry must be reachable."
        )


def environment(work: Path) -> dict[str, str]:
    """A minimal environment: no Cloudflare account, no user settings, all state in ``work``."""
    home = work / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "TMPDIR": str(work),
        "WRANGLER_LOG_PATH": str(work / "logs"),
        "LANG": "C.UTF-8",
        **QUIET,
    }


def answering(url: str) -> bool:
    """True once the server answers HTTP (any status)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def stop(process: subprocess.Popen[bytes]) -> None:
    """End wrangler and everything it started (workerd): the whole process group it leads."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # workerd, if it outlived wrangler
    process.wait()


def start(site: Path, work: Path, timeout: float) -> tuple[subprocess.Popen[bytes], str, Path]:
    """wrangler on two free ports, answering: (its process, base URL, log). Another server may
    take a chosen port before wrangler binds it (tests run side by side); then, and only then,
    it is started again on other ports."""
    for attempt in range(3):
        port, inspector = free_port(), free_port()
        log = work / f"wrangler-{attempt}.log"
        command = [
            str(WRANGLER),
            "pages",
            "dev",
            str(site),
            "--ip",
            "127.0.0.1",
            "--port",
            str(port),
            "--inspector-port",
            str(inspector),
            f"--compatibility-date={COMPATIBILITY_DATE}",
            "--persist-to",
            str(work / "state"),
            "--show-interactive-dev-session=false",
            "--log-level",
            "log",
        ]
        url = f"http://127.0.0.1:{port}/"
        with log.open("wb") as output:
            process = subprocess.Popen(
                command,
                cwd=work,
                env=environment(work),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        try:
            while not answering(url):
                if process.poll() is not None:
                    if "Address already in use" in log.read_text() and attempt < 2:
                        break
                    raise WranglerError(f"wrangler stopped (exit {process.returncode}):\n{log.read_text()}")
                if time.monotonic() > deadline:
                    raise WranglerError(f"wrangler did not answer within {timeout:.0f} s:\n{log.read_text()}")
                time.sleep(0.1)  # polling for readiness, not waiting for it
            else:
                return process, url, log
        except BaseException:
            stop(process)
            raise
        stop(process)
    raise AssertionError("unreachable: the last attempt returns or raises")


@contextlib.contextmanager
def running(site: Path, timeout: float = 90) -> Iterator[tuple[str, Path]]:
    """Serve ``site`` with ``wrangler pages dev`` on a free port of 127.0.0.1: (base URL ending in
    '/', wrangler's output log, which has its warnings about _headers and _redirects)."""
    install()
    work = Path(tempfile.mkdtemp(prefix="jsg-wrangler-"))
    try:
        process, url, log = start(site, work, timeout)
        try:
            yield url, log
        finally:
            stop(process)
    finally:
        shutil.rmtree(work, ignore_errors=True)
