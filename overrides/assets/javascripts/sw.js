/* Jarablus Safety Guide service worker. The build (scripts/finish/offline.py) puts it at the site root and
   fills in VERSION (a hash of every page and file it saves), SAVED (each saved address and the
   SHA-256 of its bytes) and DAMAGED (the page saying a damaged saved copy was removed, in each
   language, with its policy), so a build that changes any of them has its own caches and removes
   older ones.

   Why our own worker and not Workbox: Workbox's precache (workbox-build) checks revisions, not the
   bytes a cache gives back, so a page written into the cache by another script on the origin would
   still be shown; and the behaviour we need for pages (the saved copy only while the network is
   slow, then the fresh page swapped in, "offline" said only when the network failed) is a custom
   strategy in Workbox too. What Workbox would add beyond that is a Node build step and about 20 KB
   of runtime; our rules fit in this file and are tested in Chromium (tests/test_service_worker.py).

   - Pages: network first. If the network has not answered after TIMEOUT_MS, the saved copy is
     shown and marked "slow"; when the network answers with a different page, site.js reloads and
     the fresh page is shown (marked "updated"); when it answers with the same bytes, nothing
     moves. Only when the network fails is the saved copy marked "offline".
   - Only what the build listed is stored (the address without its query string); any other
     address goes to the network and is never stored.
   - A saved answer whose bytes do not match the hash the build wrote here is deleted, never shown;
     when it was the page asked for and the network failed, the reader is told so (DAMAGED).
   - A saved page keeps the headers it was served with (its Content-Security-Policy included).
   - Only our caches, named after the site's path (its scope), are ever deleted: other sites on the
     same origin (GitHub Pages projects of one organisation) keep theirs. Caches of our versions
     before that naming (jsg-pages-<version>, jsg-files-<version>) are ours too and are deleted. */
"use strict";

const VERSION = "__JSG_VERSION__";
const SAVED = /*__JSG_SAVED__*/ {};
/* {policy, pages: {"<site path><language prefix>": "<the whole page>"}}: written and escaped by the
   build from data/interface.yml, and checked there by the output policy (no script, text only). */
const DAMAGED = /*__JSG_DAMAGED__*/ { policy: "default-src 'none'", pages: {} };
const SCOPE = new URL(self.registration.scope).pathname;
const PREFIX = `jsg:${SCOPE}:`;
const PAGES = `${PREFIX}pages:${VERSION}`;
const FILES = `${PREFIX}files:${VERSION}`;
/* Addresses whose saved copy failed its hash and was deleted (an empty answer each), so the reader
   is told even when the damage was found by the background saving, or before the worker restarted. */
const REMOVED = `${PREFIX}removed:${VERSION}`;
const TIMEOUT_MS = 3000;
const SAVED_HEADER = "x-jsg-saved";
/* The names our caches had before they carried the site's path. */
const OLD_NAMES = /^jsg-(pages|files)-/;
const FINGERPRINTED = /\.[0-9a-f]{8}(\.min)?\.(css|js|svg|png)$|\.pf_(fragment|index|meta)$/;
/* Fresh pages that arrived after the saved copy was shown: served once to the reload site.js makes. */
const arrivedLate = new Map();
const waiting = new Map();

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => (name.startsWith(PREFIX) && ![PAGES, FILES, REMOVED].includes(name)) || OLD_NAMES.test(name))
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/* The address a saved answer is kept under: same origin, no query string, no fragment. */
const keyOf = (url) => {
  const parsed = new URL(url, self.location.href);
  return parsed.origin === self.location.origin ? parsed.pathname : null;
};

const sha256 = async (buffer) => {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return btoa(String.fromCharCode(...digest));
};

/* The headers a copy keeps: all but those that described the bytes on the wire. */
const keptHeaders = (response) => {
  const headers = new Headers(response.headers);
  for (const name of ["content-encoding", "content-length", "transfer-encoding"]) headers.delete(name);
  return headers;
};

/* Store a network answer for ``key`` when the build listed it and its bytes are the listed ones. */
const store = async (cacheName, key, response) => {
  if (!key || !(key in SAVED) || !response.ok) return false;
  const body = await response.arrayBuffer();
  if ((await sha256(body)) !== SAVED[key]) return false;
  const headers = keptHeaders(response);
  headers.set(SAVED_HEADER, new Date().toISOString());
  await (await caches.open(cacheName)).put(key, new Response(body, { status: 200, headers }));
  await (await caches.open(REMOVED)).delete(key);
  return true;
};

/* {saved: {body, headers}} when there is a saved answer whose bytes match the build's hash;
   {damaged: true} when there was one that did not match (it is deleted); {} when there is none. */
const lookUp = async (cacheName, key) => {
  if (!key || !(key in SAVED)) return {};
  const cache = await caches.open(cacheName);
  const saved = await cache.match(key);
  if (!saved) return {};
  const body = await saved.arrayBuffer();
  if ((await sha256(body)) !== SAVED[key]) {
    await cache.delete(key);
    await (await caches.open(REMOVED)).put(key, new Response(""));
    return { damaged: true };
  }
  return { saved: { body, headers: saved.headers } };
};

/* True when the saved copy of ``key`` was found damaged and deleted, and none has replaced it. */
const wasRemoved = async (key) => !!key && !!(await (await caches.open(REMOVED)).match(key));

/* A saved answer, if there is one and its bytes match the build's hash; a damaged one is deleted. */
const verified = async (cacheName, key) => (await lookUp(cacheName, key)).saved || null;

/* The page telling the reader the saved copy of ``key`` was damaged and removed, in the language of
   its address (the longest language prefix it starts with: the site root is Arabic). A page of
   text with its own strict policy and no script; nothing about it is stored. */
const damagedNotice = (key) => {
  const prefix = Object.keys(DAMAGED.pages)
    .filter((start) => key.startsWith(start))
    .sort((a, b) => b.length - a.length)[0];
  if (prefix === undefined) return Response.error();
  return new Response(DAMAGED.pages[prefix], {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": DAMAGED.policy,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    },
  });
};

/* A page to show with its state written on <html> for site.js: offline, slow or updated. */
const marked = (body, headers, state) => {
  const saved = headers.get(SAVED_HEADER) || "";
  const html = new TextDecoder().decode(body);
  const attributes = ` data-jsg-state="${state}"${state === "updated" ? "" : ` data-jsg-saved="${saved}"`}`;
  const kept = new Headers(headers);
  kept.delete(SAVED_HEADER);
  kept.set("content-type", "text/html; charset=utf-8");
  return new Response(html.replace("<html", `<html${attributes}`), { status: 200, headers: kept });
};

const savePage = async (url) => {
  const key = keyOf(url);
  if (!key || (await verified(PAGES, key))) return;
  await store(PAGES, key, await fetch(url, { cache: "no-cache" }));
};

const saveFile = async (url) => {
  const key = keyOf(url);
  if (!key || (await verified(FILES, key))) return;
  await store(FILES, key, await fetch(url));
};

self.addEventListener("message", (event) => {
  const data = event.data || {};
  /* A page asks to save its language: {type: "save-language", list: "<site>/offline/<lang>.json"}. */
  if (data.type === "save-language") {
    event.waitUntil(
      (async () => {
        const list = await (await fetch(data.list, { cache: "no-cache" })).json();
        await Promise.all([...list.pages.map(savePage), ...list.files.map(saveFile)].map((p) => p.catch(() => undefined)));
        if (event.source) event.source.postMessage({ type: "language-saved", pages: list.pages.length });
      })(),
    );
  }
  /* A page shown from the saved copy because the network was slow waits for the fresh one. */
  if (data.type === "wait-fresh") {
    event.waitUntil(
      (async () => {
        const outcome = await (waiting.get(keyOf(data.url)) || Promise.resolve("failed"));
        if (event.source) event.source.postMessage({ type: outcome, url: data.url });
      })(),
    );
  }
});

const page = async (event) => {
  const request = event.request;
  const key = keyOf(request.url);
  const late = arrivedLate.get(key);
  if (late) {
    arrivedLate.delete(key);
    return marked(late.body, late.headers, "updated");
  }
  const network = fetch(request);
  const saving = network.then((response) => store(PAGES, key, response.clone())).catch(() => false);
  event.waitUntil(saving);
  const timeout = new Promise((resolve) => setTimeout(() => resolve("slow"), TIMEOUT_MS));
  const first = await Promise.race([network, timeout]).catch(() => "offline");
  if (first instanceof Response) return first;
  const { saved, damaged } = await lookUp(PAGES, key);
  /* Nothing intact saved: wait for the network, or its error. When the saved copy was damaged (and
     is now deleted), a failed network ends in the page saying so, not in the browser's error. */
  if (!saved) return damaged || (await wasRemoved(key)) ? network.catch(() => damagedNotice(key)) : network;
  if (first === "slow") {
    const fresh = network
      .then(async (response) => {
        if (!response.ok) return "failed";
        const body = await response.arrayBuffer();
        /* The saved copy was already the current page: nothing to swap in, no reload. */
        if ((await sha256(body)) === SAVED[key]) return "same";
        arrivedLate.set(key, { body, headers: keptHeaders(response) });
        return "fresh";
      })
      .catch(() => "failed");
    waiting.set(key, fresh);
    event.waitUntil(fresh);
  }
  return marked(saved.body, saved.headers, first);
};

const file = async (request) => {
  const key = keyOf(request.url);
  const saved = await verified(FILES, key);
  if (saved) return new Response(saved.body, { status: 200, headers: saved.headers });
  const response = await fetch(request);
  await store(FILES, key, response.clone()).catch(() => false);
  return response;
};

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (FINGERPRINTED.test(url.pathname)) {
    event.respondWith(file(request));
  } else {
    event.respondWith(
      fetch(request).catch(async () => {
        const saved = await verified(FILES, keyOf(request.url));
        return saved ? new Response(saved.body, { status: 200, headers: saved.headers }) : Response.error();
      }),
    );
  }
});
