/* Jarablus Safety Guide service worker. The build puts it at the site root and fills in VERSION
   (a hash of every page and file it saves), so a build that changes any of them has its own
   caches and removes older ones.

   - Pages: network first, with a short timeout; the saved copy only when the network fails or is
     too slow, so fresh emergency information always wins when the network is there. A page served
     from the saved copy is marked with the date it was saved; site.js shows that to the reader.
   - Fingerprinted files (a hash in the name): cache first; they never change under their name.
   - When a page asks, every page of its language is saved, so the guides and the contacts page
     open offline after one visit. */
"use strict";

const VERSION = "__JSG_VERSION__";
const PAGES = `jsg-pages-${VERSION}`;
const FILES = `jsg-files-${VERSION}`;
const TIMEOUT_MS = 3000;
const SAVED_HEADER = "x-jsg-saved";
const FINGERPRINTED = /\.[0-9a-f]{8}(\.min)?\.(css|js|svg|png)$|\.pf_(fragment|index|meta)$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => !name.endsWith(VERSION)).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

const withSavedDate = async (response) => {
  const headers = new Headers(response.headers);
  headers.set(SAVED_HEADER, new Date().toISOString());
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
};

const savePage = async (url) => {
  const response = await fetch(url, { cache: "no-cache" });
  if (response.ok) await (await caches.open(PAGES)).put(url, await withSavedDate(response));
};

const saveFile = async (url) => {
  const cache = await caches.open(FILES);
  if (!(await cache.match(url))) {
    const response = await fetch(url);
    if (response.ok) await cache.put(url, response);
  }
};

/* A page asks to save its language: {type: "save-language", list: "<site>/offline/<lang>.json"}. */
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "save-language") return;
  event.waitUntil(
    (async () => {
      const list = await (await fetch(event.data.list, { cache: "no-cache" })).json();
      const saved = await caches.open(PAGES);
      const missing = [];
      for (const page of list.pages) if (!(await saved.match(page))) missing.push(page);
      await Promise.all([...missing.map(savePage), ...list.files.map(saveFile)]);
      if (event.source) event.source.postMessage({ type: "language-saved", pages: list.pages.length });
    })(),
  );
});

const markSaved = async (response) => {
  const saved = response.headers.get(SAVED_HEADER) || "";
  const html = await response.text();
  const marked = html.replace("<html", `<html data-jsg-saved="${saved}"`);
  return new Response(marked, { status: 200, headers: { "content-type": "text/html; charset=utf-8" } });
};

const page = async (request) => {
  const cache = await caches.open(PAGES);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(request.url, await withSavedDate(response.clone()));
    return response;
  });
  network.catch(() => undefined); /* handled below; avoids an "unhandled rejection" when offline */
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), TIMEOUT_MS));
  try {
    const fresh = await Promise.race([network, timeout]);
    if (fresh) return fresh;
  } catch (error) {
    /* offline: fall through to the saved copy */
  }
  const saved = await cache.match(request.url, { ignoreSearch: true });
  if (saved) return markSaved(saved);
  return network;
};

const file = async (request) => {
  const cache = await caches.open(FILES);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
};

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (FINGERPRINTED.test(url.pathname)) {
    event.respondWith(file(request));
  } else {
    event.respondWith(fetch(request).catch(async () => (await caches.match(request)) || Response.error()));
  }
});
