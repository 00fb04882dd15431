"""How hosts must serve the site: cache lifetimes and the per-language not-found rule.

Why: fingerprinted files (a hash in the name) never change, so browsers may keep them for a year
and a repeat visit downloads no asset bytes; everything else (pages, the service worker, the
search entry point) must be revalidated on every view, so an updated emergency number reaches
readers at once. One set of rules, written two ways:

- ``site/_headers`` (Netlify / Cloudflare Pages), made by the build from the built files. Every
  file gets exactly one Cache-Control (those hosts join overlapping rules with commas).
- ``serving/nginx.conf``, generated from the same rules by ``python -m scripts serving`` and
  committed; the tests fail when the committed copy differs from what the command writes.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.finish import redirects, security_headers
from scripts.problems import BuildStopped
from scripts.site_config import ROOT, languages, site_path

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Material's names (main.57a0d79d.min.css), ours (site.aa8eb80d.js), Pagefind's chunks.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}(\.min)?\.(css|js|svg|png)$|\.pf_(fragment|index|meta)$")
NGINX_FINGERPRINTED = r"\.[0-9a-f]{8}(\.min)?\.(css|js|svg|png)$"
NGINX_PAGEFIND_CHUNKS = r"\.pf_(fragment|index|meta)$"
# Text kinds whose Content-Type gets "; charset=utf-8" (nginx adds text/html itself).
CHARSET_TYPES = (
    "text/css application/javascript application/json application/manifest+json image/svg+xml text/xml"
)
NOT_SERVED = {".br", ".gz", ".map"}
NGINX_FILE = ROOT / "serving" / "nginx.conf"
NGINX_BROTLI_FILE = ROOT / "serving" / "nginx-brotli.conf"
NO_MOVES = "\n    # (none yet)"


def cache_control(relative: str) -> str:
    return IMMUTABLE if FINGERPRINTED.search(relative) else REVALIDATE


# Cloudflare Pages reads only the first 100 rules of _headers and skips the rest (wrangler says so).
MAX_HEADER_RULES = 100


def headers_file(site_dir: Path, script_hashes: list[str]) -> str:
    """The _headers file for the built site: the security headers for every address, then the
    year-long Cache-Control for fingerprinted files. ``script_hashes``: of the site's inline
    scripts, for its policy.

    Why so few rules: Cloudflare Pages applies only the first 100 (one rule per file was 352, and
    Pagefind's chunks then lost their year). Everything else is left to the host's default, which on
    Netlify and Cloudflare Pages is ``public, max-age=0, must-revalidate``: checked on every view,
    as ``no-cache`` asks. A folder that holds only fingerprinted files gets one ``/folder/*`` rule;
    other fingerprinted files get one rule each."""
    root = site_path()
    security = security_headers.headers(script_hashes)
    blocks = [f"{root}*\n" + "\n".join(f"  {name}: {value}" for name, value in security)]
    served = [
        path.relative_to(site_dir).as_posix()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file() and path.suffix not in NOT_SERVED and path.name not in ("_headers", "_redirects")
    ]
    mixed = {relative.rpartition("/")[0] for relative in served if not FINGERPRINTED.search(relative)}
    whole = sorted({relative.rpartition("/")[0] for relative in served} - mixed - {""})
    for folder in whole:
        blocks.append(f"{root}{folder}/*\n  Cache-Control: {IMMUTABLE}")
    for relative in served:
        if FINGERPRINTED.search(relative) and relative.rpartition("/")[0] not in whole:
            blocks.append(f"{root}{relative}\n  Cache-Control: {IMMUTABLE}")
    if len(blocks) > MAX_HEADER_RULES:
        raise BuildStopped(
            f"site/_headers would have {len(blocks)} rules; Cloudflare Pages reads only "
            f"{MAX_HEADER_RULES}: keep fingerprinted files in folders of their own (scripts/serve/serving.py)"
        )
    return "\n".join(blocks) + "\n"


def write_headers(site_dir: Path, script_hashes: list[str]) -> None:
    """Post-build step: write site/_headers."""
    (site_dir / "_headers").write_text(headers_file(site_dir, script_hashes), encoding="utf-8")


def nginx_config(script_hashes: list[str]) -> str:
    """The nginx server block fragment, from the same rules. ``script_hashes``: of the built site's
    inline scripts (security_headers.script_hashes), for its Content-Security-Policy.

    Why it is shaped so (each point is checked against Debian's nginx by tests/test_nginx.py):
    - no ``types { }`` at server level: it would replace nginx's whole MIME table (``mime.types``,
      included in the ``http`` block), and with ``nosniff`` pages would show as text. The few
      kinds nginx does not know get their type in a location of their own;
    - the year-long ``immutable`` Cache-Control has no ``always``: nginx then adds it to 200/304
      answers only, and a missing fingerprinted file is answered by the not-found page, which
      revalidates, so a file published a minute later is not hidden from a cache for a year;
    - ``gzip_vary``: a cache in front of nginx must not hand a compressed twin to a client that
      did not ask for it. Brotli needs a module, so it lives in a separate include.
    """
    root = site_path()
    # nginx drops inherited add_header lines in a location that has its own: each location repeats them.
    security = "".join(
        f'\n        add_header {name} "{value}" always;'
        for name, value in security_headers.headers(script_hashes)
    )
    revalidate = f'\n        add_header Cache-Control "{REVALIDATE}" always;{security}'
    immutable = f'\n        add_header Cache-Control "{IMMUTABLE}";{security}'
    moved = "".join(
        f"\n    location = {root}{move.old} {{ return 301 {root}{move.new}; }}" for move in redirects.moves()
    )
    pages = []
    for language in sorted(languages(), key=lambda item: item.prefix):
        prefix = root + language.prefix
        pages.append(
            f"""    location {prefix} {{{revalidate}
        try_files $uri $uri/ =404;
        error_page 404 {prefix}404.html;
    }}"""
        )
    return f"""# Generated by `python -m scripts serving` from scripts/serve/serving.py: do not edit by hand.
# Include inside a `server {{ }}` block whose root is the built site/ folder, in an `http` block
# that includes nginx's mime.types (Debian's /etc/nginx/nginx.conf does). Brotli: nginx-brotli.conf.

    # Precompressed .gz twins written by the build; Vary: Accept-Encoding on every answer that has one.
    gzip_static on;
    gzip_vary on;
    # "/en" -> "/en/" with a relative Location: right behind a proxy or on another port too.
    absolute_redirect off;
    charset utf-8;
    charset_types {CHARSET_TYPES};

    # Fingerprinted files never change under their name: keep them for a year (answers 200/304 only).
    location ~* "{NGINX_FINGERPRINTED}" {{{immutable}
        try_files $uri =404;
        error_page 404 {root}404.html;
    }}

    # Pagefind's index chunks: fingerprinted too; binary, which nginx's MIME table does not list.
    location ~ "{NGINX_PAGEFIND_CHUNKS}" {{
        types {{ }}
        default_type application/octet-stream;{immutable}
        try_files $uri =404;
        error_page 404 {root}404.html;
    }}

    # Pagefind's WebAssembly (gzip-packed, unpacked by Pagefind itself): same name in every build.
    location ~ "\\.pagefind$" {{
        types {{ }}
        default_type application/octet-stream;{revalidate}
        try_files $uri =404;
        error_page 404 {root}404.html;
    }}

    # Web app manifests: not in nginx's MIME table.
    location ~ "\\.webmanifest$" {{
        types {{ }}
        default_type application/manifest+json;{revalidate}
        try_files $uri =404;
        error_page 404 {root}404.html;
    }}

    # Pages that moved (data/redirects.yml): printed QR codes keep working.{moved or NO_MOVES}

    # Everything else (pages, service worker, offline lists, search entry): revalidate every time, so
    # an updated emergency number reaches readers at once. Each language gets its own not-found page.
{(chr(10) + chr(10)).join(pages)}
"""


def nginx_brotli_config() -> str:
    """The optional include for nginx with Debian's libnginx-mod-http-brotli-static loaded."""
    return """# Generated by `python -m scripts serving` from scripts/serve/serving.py: do not edit by hand.
# Optional: include next to nginx.conf, in the same `server { }` block, only where nginx has the
# Brotli module (Debian: apt install libnginx-mod-http-brotli-static). Without it, `nginx -t`
# fails with `unknown directive "brotli_static"`; the .gz twins are served either way.
    brotli_static on;
"""


def write_nginx(site_dir: Path, path: Path = NGINX_FILE) -> None:
    """Write the nginx config for a built site (its inline-script hashes go into the policy)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nginx_config(security_headers.script_hashes(site_dir)), encoding="utf-8")
    path.with_name(NGINX_BROTLI_FILE.name).write_text(nginx_brotli_config(), encoding="utf-8")
