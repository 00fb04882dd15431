/* Jarablus Safety Guide: our only script.
   1. Search: Pagefind is loaded, with the reader's language's index only, the first time the
      reader opens search; nothing is fetched on page load.
   2. Not-found pages: the language switcher points to the same address in the other language.
   The site works without this script; it only adds search and a better 404 switcher. */
(() => {
  "use strict";

  const script = document.currentScript;
  /* This file lives at <site root>/assets/javascripts/, so the site root is two levels up. */
  const siteRoot = new URL("../../", script.src);

  /* ---- Search ------------------------------------------------------------------------- */
  const toggle = document.getElementById("__search");
  const input = document.querySelector("[data-jsg-search-input]");
  const meta = document.querySelector("[data-jsg-search-meta]");
  const results = document.querySelector("[data-jsg-search-results]");
  let pagefind = null;
  let latest = 0;

  const loadPagefind = async () => {
    if (!pagefind) {
      pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
      await pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
      pagefind.init();
    }
    return pagefind;
  };

  const say = (count) => {
    if (count === 0) return meta.dataset.none;
    if (count === 1) return meta.dataset.one;
    return meta.dataset.other.replace("#", String(count));
  };

  const render = (items) => {
    results.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        li.className = "md-search-result__item";
        const link = document.createElement("a");
        link.className = "md-search-result__link";
        link.href = item.url;
        const article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        const title = document.createElement("h1");
        title.textContent = item.meta.title || item.url;
        const excerpt = document.createElement("p");
        /* Pagefind builds excerpts from our own pages, escaping page text and adding <mark>. */
        excerpt.innerHTML = item.excerpt;
        article.append(title, excerpt);
        link.append(article);
        li.append(link);
        return li;
      }),
    );
  };

  const search = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      meta.textContent = meta.dataset.placeholder;
      results.replaceChildren();
      delete results.dataset.query;
      return;
    }
    const engine = await loadPagefind();
    const found = await engine.debouncedSearch(query, {}, 150);
    if (found === null || ticket !== latest) return;
    const items = await Promise.all(found.results.slice(0, 10).map((result) => result.data()));
    if (ticket !== latest) return;
    meta.textContent = say(found.results.length);
    render(items);
    results.dataset.query = query;
  };

  if (toggle && input) {
    toggle.addEventListener("change", () => {
      if (toggle.checked) {
        loadPagefind();
        setTimeout(() => input.focus(), 50);
      }
    });
    input.addEventListener("input", search);
    input.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
    });
  }

  /* ---- Not-found pages: switch language, keep the address -------------------------------- */
  const notFound = document.querySelector("[data-jsg-not-found]");
  if (notFound) {
    const prefixes = JSON.parse(notFound.dataset.jsgPrefixes);
    const path = location.pathname.slice(siteRoot.pathname.length);
    const current = Object.values(prefixes)
      .filter((prefix) => prefix && path.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0] || "";
    const rest = path.slice(current.length);
    document.querySelectorAll("a.md-select__link[hreflang]").forEach((link) => {
      const prefix = prefixes[link.hreflang];
      if (prefix !== undefined) link.href = new URL(prefix + rest, siteRoot).href;
    });
  }
})();
