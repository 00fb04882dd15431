/* Jarablus Safety Guide: our only script.
   1. Search: Pagefind is loaded, with the reader's language's index only, the first time the
      reader opens search; nothing is fetched on page load.
   2. Not-found pages: the language switcher points to the same address in the other language.
   3. Offline: registers the service worker (sw.js), asks it to save every page of the reader's
      language, and tells the reader when a page is a saved copy, with the date it was saved.
   4. Send this: the phone's own share sheet where the browser has one, else "copy".
   The site works without this script; it only adds search, a better 404 switcher, offline and
   the share sheet. What a reader may touch at once (search, keys, menus) and what shows or hides
   part of the page (offline notices, the share control: changed later, the page would move) are
   set up when the script runs; the 404 switcher's links after the first paint, and the service
   worker after load. */
(() => {
  "use strict";

  /* Month names as on the pages (Babel, mkdocs.yml extra.date_locales): Syrian Arabic in Arabic. */
  const dateLocale = (language) => (language === "ar" ? "ar-SY" : language);

  const script = document.currentScript;
  /* This file lives at <site root>/assets/javascripts/, so the site root is two levels up. */
  const siteRoot = new URL("../../", script.src);

  /* ---- Search ------------------------------------------------------------------------- */
  const toggle = document.getElementById("__search");
  const input = document.querySelector("[data-jsg-search-input]");
  const meta = document.querySelector("[data-jsg-search-meta]");
  const results = document.querySelector("[data-jsg-search-results]");
  let loading = null;
  let latest = 0;

  /* One shared promise: every keystroke waits for the same load, so searches stay in order. */
  const loadPagefind = () => {
    loading ??= (async () => {
      const engine = await import(new URL("pagefind/pagefind.js", siteRoot).href);
      await engine.options({ baseUrl: siteRoot.pathname, excerptLength: 24 });
      engine.init();
      return engine;
    })();
    return loading;
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

  /* Opens or closes search or the menu (their checkboxes) as a click on its button does. */
  const setOpen = (checkbox, open) => {
    if (checkbox && checkbox.checked !== open) {
      checkbox.checked = open;
      checkbox.dispatchEvent(new Event("change"));
    }
  };
  const closeSearchAndMenu = () => {
    setOpen(toggle, false);
    setOpen(document.getElementById("__drawer"), false);
  };

  if (toggle && input) {
    /* Phones and tablets: while search covers the screen, the page behind it must not scroll
       (Material's stylesheet fixes body[data-md-scrolllock] in place; without it, Chromium painted
       the search screen blank in our tests). Closing search returns the reader to where they were. */
    const narrow = matchMedia("(max-width: 59.984375em)");
    toggle.addEventListener("change", () => {
      const body = document.body;
      if (toggle.checked) {
        loadPagefind();
        setTimeout(() => input.focus(), 50);
        if (narrow.matches) {
          body.style.top = `-${scrollY}px`;
          body.setAttribute("data-md-scrolllock", "");
        }
      } else {
        if (document.activeElement === input) input.blur();
        if (body.hasAttribute("data-md-scrolllock")) {
          const offset = -parseInt(body.style.top, 10) || 0;
          body.removeAttribute("data-md-scrolllock");
          body.style.top = "";
          scrollTo(0, offset);
        }
      }
    });
    input.addEventListener("input", search);
    /* On wide screens the search field sits in the header: focusing it opens the results. */
    input.addEventListener("focus", () => setOpen(toggle, true));
  }

  /* ---- Keyboard and menus (what Material's script did for the parts we use) ---------------- */
  addEventListener("keydown", (event) => {
    const focused = document.activeElement;
    if (event.key === "Escape") {
      closeSearchAndMenu();
    } else if (event.key === "Enter" && focused === input) {
      /* Enter in the search field opens the first result. */
      const first = results && results.querySelector("a[href]");
      if (first) first.click();
    } else if (event.key === "Enter" && focused instanceof HTMLLabelElement) {
      /* The menu's section headings are labels: Enter opens and closes them, as a click does. */
      event.preventDefault();
      focused.click();
    }
  });
  /* Following a link to another part of the same page closes search and the menu over it. */
  addEventListener("hashchange", closeSearchAndMenu);

  /* ---- Offline ---------------------------------------------------------------------------- */
  /* sw.js marks a page it answers from the saved copy: data-jsg-state "offline" (the network
     failed), "slow" (no answer within its timeout: the fresh page is swapped in by a reload when
     it arrives) or "updated" (that fresh page). "You are offline" is said only when it is true.
     Each state has its notice in the page (overrides/main.html), inside one role="status" region. */
  const saved = document.documentElement.dataset.jsgSaved;
  const state = document.documentElement.dataset.jsgState || (saved ? "offline" : "");
  const notices = {
    offline: document.querySelector("[data-jsg-offline]"),
    slow: document.querySelector("[data-jsg-slow]"),
    updated: document.querySelector("[data-jsg-updated]"),
  };
  const savedDate = () => {
    const date = new Date(saved);
    const language = document.documentElement.lang;
    /* Browsers without this language's date names (Kurmanji, often) get a plain 2026-11-26 10:30. */
    return Intl.DateTimeFormat.supportedLocalesOf([language]).length
      ? date.toLocaleString(dateLocale(language), { dateStyle: "long", timeStyle: "short", numberingSystem: "latn" })
      : `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")} ${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
  };
  /* Shows one notice (or none) and hides the others. */
  const showNotice = (name) => {
    if (name === "offline" && !saved) return;
    if (name === "offline" && notices.offline) notices.offline.querySelector("[data-jsg-saved-date]").textContent = savedDate();
    for (const [key, notice] of Object.entries(notices)) if (notice) notice.hidden = key !== name;
  };
  /* A notice shown while the page loads is seen at once (no layout shift later), but a screen reader
     may take it for page content it has not reached yet. Once the page has loaded, its words are put
     in again (the same words, so nothing moves): the live region then announces them, politely. */
  const announce = (name) => {
    const notice = notices[name];
    if (!notice || notice.hidden) return;
    setTimeout(() => {
      if (notice.hidden) return;
      notice.replaceChildren(...[...notice.childNodes].map((node) => node.cloneNode(true)));
      notice.dataset.jsgAnnounced = "";
    }, 300);
  };
  if (notices[state]) {
    showNotice(state);
    if (document.readyState === "complete") announce(state);
    else addEventListener("load", () => announce(state), { once: true });
  }
  if (state === "slow" && "serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (!event.data || event.data.url !== location.href) return;
      if (event.data.type === "fresh") location.reload();
      else if (event.data.type === "same") {
        document.documentElement.dataset.jsgState = "current";
        showNotice("");
      } else if (event.data.type === "failed") showNotice("offline");
    });
    navigator.serviceWorker.startMessages();
    navigator.serviceWorker.ready.then((registration) =>
      (navigator.serviceWorker.controller || registration.active).postMessage({ type: "wait-fresh", url: location.href }),
    );
  }
  /* After the page has loaded: starting the worker, and its saving of the language's pages, then
     takes nothing from the page's own first view. */
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    const language = document.documentElement.lang;
    const register = () =>
      navigator.serviceWorker
        .register(new URL("sw.js", siteRoot).href, { scope: siteRoot.pathname })
        .then(() => navigator.serviceWorker.ready)
        .then((registration) =>
          registration.active.postMessage({
            type: "save-language",
            list: new URL(`offline/${language}.json`, siteRoot).href,
          }),
        )
        .catch(() => undefined);
    if (document.readyState === "complete") register();
    else addEventListener("load", register);
  }

  /* Runs ``work`` once the browser has painted the page: after the next frame's paint. */
  const afterFirstPaint = (work) => requestAnimationFrame(() => setTimeout(work, 0));

  /* ---- Send this (scripts/render/share.py) ----------------------------------------------- */
  /* Without this script the control is plain links (WhatsApp, Telegram, SMS), written at build
     time. Where the browser has the Web Share API, one button opens the phone's own share sheet
     instead; elsewhere "copy" is added where the clipboard can be written. The words are the
     control's own data attributes. Nothing is sent anywhere until the reader taps. */
  const share = document.querySelector(".jsg-share");
  if (share) {
    const sent = {
      title: share.dataset.jsgShareTitle,
      text: share.dataset.jsgShareText,
      url: share.dataset.jsgShareUrl,
    };
    const native = share.querySelector("[data-jsg-share-native]");
    const links = share.querySelector("[data-jsg-share-links]");
    const copyRow = share.querySelector("[data-jsg-share-copy-row]");
    const copied = share.querySelector("[data-jsg-share-copied]");
    if (navigator.share && (!navigator.canShare || navigator.canShare(sent))) {
      native.hidden = false;
      links.hidden = true;
      native.addEventListener("click", () => {
        navigator.share(sent).catch((error) => {
          /* The reader closed the sheet: nothing to do. The sheet failed: the plain links. */
          if (error.name === "AbortError") return;
          native.hidden = true;
          links.hidden = false;
        });
      });
    } else if (navigator.clipboard && window.isSecureContext) {
      copyRow.hidden = false;
      share.querySelector("[data-jsg-share-copy]").addEventListener("click", () => {
        const message = [sent.title, sent.text, sent.url].filter(Boolean).join("\n");
        copied.textContent = "";
        navigator.clipboard.writeText(message).then(
          () => {
            copied.textContent = copied.dataset.done;
          },
          () => undefined,
        );
      });
    }
  }

  /* ---- Not-found pages: switch language, keep the address -------------------------------- */
  const notFound = document.querySelector("[data-jsg-not-found]");
  if (notFound) afterFirstPaint(() => {
    const prefixes = JSON.parse(notFound.dataset.jsgPrefixes);
    const path = location.pathname.slice(siteRoot.pathname.length);
    const current = Object.values(prefixes)
      .filter((prefix) => prefix && path.startsWith(prefix))
      .sort((a, b) => b.length - a.length)[0] || "";
    /* The asked address is kept only as a path on this site: "///evil.example/x" or "/\\evil.example"
       would otherwise read as another host ("//evil.example/x"). Anything else: the language's home. */
    const rest = path.slice(current.length).replace(/^[/\\]+/, "");
    document.querySelectorAll("a.md-select__link[hreflang]").forEach((link) => {
      const prefix = prefixes[link.hreflang];
      if (prefix === undefined) return;
      const target = new URL(prefix + rest, siteRoot);
      const home = new URL(prefix, siteRoot);
      if (target.origin === siteRoot.origin && target.pathname.startsWith(home.pathname)) link.href = target.href;
    });
  });
  /* ---- Printing: the date printed, in the page's footer (scripts/render/print_footer.py) ---------- */
  const printStyle = document.getElementById("jsg-print");
  if (printStyle && printStyle.sheet && printStyle.dataset.dateSide) {
    let added = false;
    addEventListener("beforeprint", () => {
      if (added) return;
      added = true;
      const lang = document.documentElement.lang || "en";
      // Where the browser has no month names for the language (Kurmanji), the ISO date.
      const date = Intl.DateTimeFormat.supportedLocalesOf([lang]).length
        ? new Intl.DateTimeFormat(dateLocale(lang) + "-u-nu-latn", { dateStyle: "long" }).format(new Date())
        : new Date().toISOString().slice(0, 10);
      const text = JSON.stringify(printStyle.dataset.printed + ": " + date);
      const side = printStyle.dataset.dateSide;
      try {
        printStyle.sheet.insertRule(`@page { @bottom-${side} { content: ${text}; } }`, printStyle.sheet.cssRules.length);
      } catch (error) {
        /* A browser without page-margin boxes prints without the date. */
      }
    });
  }
})();
