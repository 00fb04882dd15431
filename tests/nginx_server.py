"""Serve a built site with Debian's real nginx, configured exactly as the README tells users to.

Why: our Python server (scripts/serve/static_server.py) follows our rules because we wrote it to; nginx
reads serving/nginx.conf, so what the tests see through it is what a reader of an nginx host gets
(MIME types, precompressed twins, Vary, caching of 404s, a worker that cannot read a 0700 folder).

The main configuration is generated here with only what a test run needs: pid file, logs and
temporary folders in a private folder, ``daemon off`` (the fixture owns the master process), the
unprivileged worker (``user nobody nogroup`` when run as root; as another user nginx cannot
switch and runs its worker as that user), nginx's own ``mime.types``, and one ``server`` block:

    server {
        listen 127.0.0.1:<free port>;
        root <site>;
        include <repository>/serving/nginx.conf;
    }
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.serve.serving import NGINX_BROTLI_FILE, NGINX_FILE

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
INSTALL_HINT = "Install nginx with `apt install nginx-light libnginx-mod-http-brotli-static` (.ci/run does)."


def available() -> bool:
    return Path(NGINX).exists() and MIME_TYPES.exists()


def ephemeral_start() -> int:
    """The lowest port the kernel hands out by itself (outgoing connections, servers on port 0)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_port() -> int:
    """A free port of 127.0.0.1 below the kernel's own range.

    Why: a server started by a test binds its port seconds after the port was chosen (wrangler
    boots Node.js first). A port from the kernel's range could meanwhile become the local end of
    any outgoing connection (Chromium's, a test's), and the server then failed with "Address
    already in use" (one full run in four). Below that range only a server that asks for a port
    by number can take it."""
    top = min(ephemeral_start(), 65536) - 1
    for _ in range(200):
        port = random.randint(max(1024, top - 12000), top)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise OSError("no free port found below the kernel's range")


def main_config(work: Path, site: Path, port: int, brotli: bool, include: Path = NGINX_FILE) -> str:
    """nginx.conf for one test server; ``brotli`` loads Debian's Brotli module and its include."""
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    load = f"load_module {BROTLI_MODULE};\n" if brotli else ""
    extra = f"\n        include {include.with_name(NGINX_BROTLI_FILE.name)};" if brotli else ""
    temp = "".join(
        f"    {name}_temp_path {work / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{load}{user}daemon off;
worker_processes 1;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    sendfile on;
    log_format paths "$request_uri";
    access_log {work / "access.log"} paths;
{temp}    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {include};{extra}
    }}
}}
"""


class Requests:
    """Every address asked for, in order (from nginx's access log), like static_server's list."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.skip = 0

    def lines(self) -> list[str]:
        if not self.log.exists():
            return []
        return [unquote(urlsplit(line).path) for line in self.log.read_text().splitlines()]

    def __iter__(self) -> Iterator[str]:
        return iter(self.lines()[self.skip :])

    def __len__(self) -> int:
        return len(self.lines()) - self.skip

    def clear(self) -> None:
        self.skip = len(self.lines())


class Server:
    """What the tests use: ``requests`` (see Requests) and the error log for failure messages."""

    def __init__(self, work: Path, url: str = "") -> None:
        self.requests = Requests(work / "access.log")
        self.error_log = work / "error.log"
        self.url = url
        self.marks = 0

    def wait_for(self, condition: Callable[[list[str]], bool], timeout: float = 10) -> list[str]:
        """The addresses asked for since the last clear(), once ``condition`` holds for them
        (nginx logs a request when it has answered it, so the log can trail the browser)."""
        deadline = time.monotonic() + timeout
        while not condition(seen := list(self.requests)):
            if time.monotonic() > deadline:
                raise AssertionError(f"nginx's log never showed what was awaited; it shows {seen}")
            time.sleep(0.02)
        return seen

    def answered_so_far(self) -> list[str]:
        """Every address nginx finished answering before now, without the marker request that
        proves it: one worker logs each request as it finishes, so once a request sent now is in
        the log, every one finished before it is too."""
        self.marks += 1
        marker = f"/__jsg-test-mark-{self.marks}"
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
        with contextlib.suppress(urllib.error.HTTPError):
            direct.open(self.url.rstrip("/") + marker, timeout=10).close()
        seen = self.wait_for(lambda addresses: marker in addresses)
        return [address for address in seen if not address.startswith("/__jsg-test-mark-")]


def check(work: Path, site: Path, brotli: bool = False) -> subprocess.CompletedProcess[str]:
    """``nginx -t`` on the test configuration (port unused)."""
    work.mkdir(parents=True, exist_ok=True)
    config = work / "nginx.conf"
    config.write_text(main_config(work, site, free_port(), brotli), encoding="utf-8")
    return subprocess.run(
        [NGINX, "-t", "-p", str(work), "-e", str(work / "error.log"), "-c", str(config)],
        capture_output=True,
        text=True,
    )


def traversable(site: Path) -> None:
    """Let the worker reach ``site``: pytest's temporary base folder is 0700, a web root's parents
    are not. Only search (x) is added to the parents; ``site`` itself is left as the build made it."""
    for parent in site.resolve().parents:
        mode = parent.stat().st_mode
        if mode & 0o001 == 0:
            parent.chmod(mode | 0o011)


def start(work: Path, site: Path, port: int, brotli: bool, include: Path) -> subprocess.Popen | None:
    """nginx started and answering on ``port``; None if the port was taken meanwhile."""
    config = work / "nginx.conf"
    config.write_text(main_config(work, site, port, brotli, include), encoding="utf-8")
    command = [NGINX, "-p", str(work), "-e", str(work / "error.log"), "-c", str(config)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 10
    while True:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            log = (work / "error.log").read_text()
            if process.stdout:
                process.stdout.close()
            if "Address already in use" in output + log:
                return None
            raise RuntimeError(f"nginx did not start: {output}{log}")
        # Ours answers once its pid file names it: a server another worker started on this port
        # meanwhile would answer too, and nginx writes the pid file only once it listens.
        pid = work / "nginx.pid"
        with contextlib.suppress(OSError, ValueError):
            if int(pid.read_text()) == process.pid:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return process
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise RuntimeError("nginx did not answer within 10 s")
        time.sleep(0.05)


@contextlib.contextmanager
def running(site: Path, brotli: bool = False, include: Path = NGINX_FILE) -> Iterator[tuple[str, Server]]:
    """Serve ``site`` with nginx on a free port: (base URL ending in '/', Server); stopped on exit.
    ``include``: the generated serving/nginx.conf (a project copy's, for a site built from it)."""
    traversable(site)
    work = Path(tempfile.mkdtemp(prefix="jsg-nginx-"))
    work.chmod(0o755)
    for _ in range(5):  # another test worker may take the free port first: then take another
        port = free_port()
        process = start(work, site, port, brotli, include)
        if process is not None:
            break
    else:
        raise RuntimeError(f"nginx found no free port: {(work / 'error.log').read_text()}")
    try:
        url = f"http://127.0.0.1:{port}/"
        yield url, Server(work, url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
        shutil.rmtree(work, ignore_errors=True)
