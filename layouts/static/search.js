// 会議録検索: the query in the index's form (searchtext.js), Pagefind for the
// positions of each character, and an exact check here: a meeting matches when it holds the
// query as written, or every space-separated word of it. Results open the speech (#sN)
// with the words highlighted. The form is IME-safe: Enter that commits a conversion
// does not search.
(function () {
  "use strict";
  var T = window.SearchText;
  var PAGE_SIZE = 20;
  var EXCERPT = 60;

  var box = document.getElementById("search-app");
  var root = box.getAttribute("data-root");
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var roleSelect = document.getElementById("role");
  var speakerSelect = document.getElementById("speaker");

  var ready = null;
  var pagesCache = {};
  var current = { results: [], shown: 0, query: null };

  function init() {
    if (!ready) {
      ready = Promise.all([
        import(root + "pagefind/pagefind.js").then(function (pf) { return pf.init().then(function () { return pf; }); }),
        fetch(root + "search/pages.json").then(function (r) { return r.json(); }),
        T.loadVariants(root)
      ]).then(function (all) {
        // A large archive has a bundle per fiscal year: the newest at pagefind/, the others merged
        // into it (absolute URLs: Pagefind's worker resolves paths against its own script).
        return Promise.all(all[1].bundles.slice(1).map(function (path) {
          return all[0].mergeIndex(new URL(root + path, document.baseURI).href);
        })).then(function () { return { pagefind: all[0], map: all[1], variants: all[2] }; });
      });
    }
    return ready;
  }

  function params() {
    var p = new URLSearchParams(window.location.search);
    return { q: p.get("q") || "", council: p.get("council") || "", from: p.get("from") || "",
      to: p.get("to") || "", role: p.get("role") || "", speaker: p.get("speaker") || "", sort: p.get("sort") || "" };
  }

  function formState() {
    var data = new FormData(form);
    var s = {};
    ["q", "council", "from", "to", "role", "speaker", "sort"].forEach(function (k) { s[k] = (data.get(k) || "").toString(); });
    return s;
  }

  function fillForm(s) {
    Object.keys(s).forEach(function (k) { if (form.elements[k]) { form.elements[k].value = s[k]; } });
  }

  function yearsIn(from, to) {
    var years = Array.from(document.getElementById("from").options).map(function (o) { return o.value; })
      .filter(Boolean).map(Number);
    var lo = from ? Number(from) : -Infinity;
    var hi = to ? Number(to) : Infinity;
    if (lo > hi) { var t = lo; lo = hi; hi = t; }
    return years.filter(function (y) { return y >= lo && y <= hi; }).map(String);
  }

  function pagefindFilters(s) {
    var f = {};
    if (s.council) { f["会議"] = s.council; }
    if (s.from || s.to) { f["年度"] = { any: yearsIn(s.from, s.to) }; }
    if (s.role) { f["役職"] = s.role; }
    if (s.speaker) { f["発言者"] = s.speaker; }
    return f;
  }

  // token → Map(record id → Set(positions)). Every word of the index is one character's code,
  // all of one length, so Pagefind's prefix lookup finds the very word or nothing.
  function positions(pf, tokens, filters) {
    var out = new Map();
    return Promise.all(tokens.map(function (tok) {
      return pf.search(tok, { filters: filters }).then(function (res) {
        var byId = new Map();
        res.results.forEach(function (r) { byId.set(r.id, new Set(r.words)); });
        out.set(tok, byId);
      });
    })).then(function () { return out; });
  }

  // Whether run k of the query, and the runs after it, stand in record `id` from position `at`:
  // each within a run of the page (the index has a break token after each run). Punctuation
  // between the query's runs is not looked for: the next run may follow across a break or at once.
  function follows(seq, k, at, id, hits) {
    var tokens = T.runTokens(seq[k]);
    var here = tokens.every(function (tok, i) {
      var where = hits.get(tok).get(id);
      return where !== undefined && where.has(at + i);
    });
    if (!here || k + 1 === seq.length) { return here; }
    var end = at + tokens.length;
    return follows(seq, k + 1, end + 1, id, hits) || follows(seq, k + 1, end, id, hits);
  }

  // Start positions in record `id` where the query's runs follow one another.
  function chains(seq, id, hits) {
    var first = hits.get(T.runTokens(seq[0])[0]).get(id);
    if (!first) { return []; }
    return Array.from(first).filter(function (start) { return follows(seq, 0, start, id, hits); });
  }

  // The segment (speech or page text) a token position falls in: [first token, speech, role index].
  function segmentOf(segments, pos) {
    var found = null;
    for (var i = 0; i < segments.length; i += 3) {
      if (segments[i] > pos) { break; }
      found = [segments[i], segments[i + 1], segments[i + 2]];
    }
    return found;
  }

  // The index (in pages.json's speakers) of the public name of a page's speech `speech`, or -1.
  function speakerOf(page, speech) {
    var pairs = page.speakers || [];
    for (var i = 0; i < pairs.length; i += 2) {
      if (pairs[i] === speech) { return pairs[i + 1]; }
    }
    return -1;
  }

  function find(s, env) {
    var q = T.parseQuery(s.q, env.variants);
    if (!q.phrase.length) { return Promise.resolve([]); }
    var tokens = new Set();
    [q.phrase].concat(q.words).forEach(function (seq) {
      seq.forEach(function (run) { T.runTokens(run).forEach(function (t) { tokens.add(t); }); });
    });
    var roleIndex = s.role ? env.map.roles.indexOf(s.role) : -1;
    var speakerIndex = s.speaker ? env.map.speakers.indexOf(s.speaker) : -1;
    return positions(env.pagefind, Array.from(tokens), pagefindFilters(s)).then(function (hits) {
      var candidates = new Set();
      hits.forEach(function (byId) { byId.forEach(function (_, id) { candidates.add(id); }); });
      var results = [];
      candidates.forEach(function (id) {
        var page = env.map.pages[id];
        if (!page) { return; }
        function inScope(pos) {
          if (!s.role && !s.speaker) { return true; }
          var seg = segmentOf(page.segments, pos);
          return seg !== null && seg[1] > 0 && (!s.role || seg[2] === roleIndex) &&
            (!s.speaker || speakerIndex >= 0 && speakerOf(page, seg[1]) === speakerIndex);
        }
        var exact = chains(q.phrase, id, hits).filter(inScope);
        var perWord = q.words.map(function (w) { return chains(w, id, hits).filter(inScope); });
        var allWords = perWord.every(function (starts) { return starts.length > 0; });
        if (!exact.length && !allWords) { return; }
        var speeches = new Map();
        function count(pos, weight) {
          var seg = segmentOf(page.segments, pos);
          var key = seg ? seg[1] : 0;
          var entry = speeches.get(key) || { speech: key, role: seg && seg[2] >= 0 ? env.map.roles[seg[2]] : "", score: 0 };
          entry.score += weight;
          speeches.set(key, entry);
        }
        exact.forEach(function (p) { count(p, 10); });
        perWord.forEach(function (starts) { starts.forEach(function (p) { count(p, 1); }); });
        results.push({
          id: id, page: page, exact: exact.length > 0, score: exact.length * 10 + perWord.reduce(function (n, w) { return n + w.length; }, 0),
          speeches: Array.from(speeches.values()).sort(function (a, b) { return b.score - a.score || a.speech - b.speech; })
        });
      });
      // Meetings of one day in the order of their addresses: the same order whatever bundles hold them.
      results.sort(function (a, b) {
        if (a.exact !== b.exact) { return a.exact ? -1 : 1; }
        if (s.sort === "hits") { return b.score - a.score || b.page.date.localeCompare(a.page.date) || a.page.url.localeCompare(b.page.url); }
        if (s.sort === "old") { return a.page.date.localeCompare(b.page.date) || a.page.url.localeCompare(b.page.url); }
        return b.page.date.localeCompare(a.page.date) || a.page.url.localeCompare(b.page.url);
      });
      return results;
    });
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function link(page, speech, query) {
    return root + page.url + "?q=" + encodeURIComponent(query) + (speech ? "#s" + speech : "");
  }

  // The page's readable text per speech (0: the rest), for excerpts.
  function pageTexts(page) {
    if (!pagesCache[page.url]) {
      pagesCache[page.url] = fetch(root + page.url).then(function (r) { return r.text(); }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        doc.querySelectorAll("[hidden], [data-pagefind-ignore], .visually-hidden, script").forEach(function (n) { n.remove(); });
        var texts = {};
        Array.from(doc.querySelectorAll("[data-speech]")).reverse().forEach(function (n) {
          texts[n.getAttribute("data-speech")] = n.textContent;
          n.remove();
        });
        texts[0] = (doc.querySelector("[data-pagefind-body]") || doc.body).textContent;
        return texts;
      });
    }
    return pagesCache[page.url];
  }

  function excerpt(text, q, variants) {
    text = text.replace(/\s+/g, " ").trim();
    var found = T.spans(text, [q.phrase].concat(q.words), variants);
    var frag = document.createDocumentFragment();
    if (!found.length) { frag.appendChild(document.createTextNode(text.slice(0, EXCERPT * 2) + "…")); return frag; }
    var start = Math.max(0, found[0][0] - EXCERPT);
    var end = Math.min(text.length, found[0][1] + EXCERPT * 2);
    var pos = start;
    if (start > 0) { frag.appendChild(document.createTextNode("…")); }
    found.forEach(function (s) {
      if (s[0] < pos || s[1] > end) { return; }
      frag.appendChild(document.createTextNode(text.slice(pos, s[0])));
      frag.appendChild(el("mark", {}, text.slice(s[0], s[1])));
      pos = s[1];
    });
    frag.appendChild(document.createTextNode(text.slice(pos, end) + (end < text.length ? "…" : "")));
    return frag;
  }

  function render(result, query, env) {
    var page = result.page;
    var li = el("li", { "class": "search-result", "data-url": page.url, "data-exact": result.exact ? "1" : "0" });
    var h = el("h2");
    h.appendChild(el("a", { href: link(page, 0, query) }, page.title));
    li.appendChild(h);
    li.appendChild(el("p", { "class": "meta" }, page.council + "・" + page.dateLabel + "・" +
      (result.exact ? "語句に完全一致" : "すべての語を含む")));
    var hits = el("ul", { "class": "hits" });
    var q = T.parseQuery(query, env.variants);
    result.speeches.slice(0, 3).forEach(function (sp) {
      var item = el("li");
      var a = el("a", { href: link(page, sp.speech, query), "class": "hit-link" },
        sp.speech ? "発言" + sp.speech + (sp.role ? "（" + sp.role + "）" : "") : "会議録本文");
      item.appendChild(a);
      var p = el("p", { "class": "excerpt" });
      item.appendChild(p);
      pageTexts(page).then(function (texts) { p.appendChild(excerpt(texts[sp.speech] || texts[0], q, env.variants)); });
      hits.appendChild(item);
    });
    li.appendChild(hits);
    return li;
  }

  function showMore(env) {
    var next = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    next.forEach(function (r) { list.appendChild(render(r, current.query, env)); });
    current.shown += next.length;
    more.hidden = current.shown >= current.results.length;
  }

  function run(s) {
    status.removeAttribute("data-done");
    list.textContent = "";
    more.hidden = true;
    if (!s.q.trim()) { status.textContent = "語句を入力してください。"; status.setAttribute("data-done", ""); return Promise.resolve(); }
    status.textContent = "検索しています…";
    return init().then(function (env) {
      return find(s, env).then(function (results) {
        current = { results: results, shown: 0, query: s.q };
        var exact = results.filter(function (r) { return r.exact; }).length;
        status.textContent = results.length
          ? "「" + s.q + "」の検索結果：" + results.length + "件（完全一致 " + exact + "件）"
          : "「" + s.q + "」に一致する会議録は見つかりませんでした。語を短くするか、語の間に空白を入れてお試しください。";
        showMore(env);
        status.setAttribute("data-query", s.q);
        status.setAttribute("data-done", "");
      });
    }).catch(function () {
      status.textContent = "検索の準備ができませんでした。時間をおいてもう一度お試しください。";
      status.setAttribute("data-done", "");
    });
  }

  function submit(event) {
    event.preventDefault();
    var s = formState();
    var url = new URL(window.location.href);
    url.search = new URLSearchParams(Object.entries(s).filter(function (kv) { return kv[1]; })).toString();
    window.history.replaceState(null, "", url);
    run(s);
  }

  // Enter that commits an IME conversion (isComposing, or keyCode 229 in Safari) is not a search.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.isComposing || event.keyCode === 229)) {
      event.preventDefault();
      event.stopPropagation();
    }
  });
  form.addEventListener("submit", submit);
  ["council", "from", "to", "role", "speaker", "sort"].forEach(function (name) {
    form.elements[name].addEventListener("change", function (event) { if (input.value.trim()) { submit(event); } });
  });
  more.addEventListener("click", function () { init().then(showMore); });

  var start = params();
  init().then(function (env) {
    env.map.roles.forEach(function (role) { roleSelect.appendChild(el("option", { value: role }, role)); });
    (env.map.speakers || []).forEach(function (name) { speakerSelect.appendChild(el("option", { value: name }, name)); });
    // The role and speaker asked for in the address have their options only now. Nothing else is
    // filled in again: the visitor may have typed a query while the index was loading.
    if (start.role && !roleSelect.value) { roleSelect.value = start.role; }
    if (start.speaker && !speakerSelect.value) { speakerSelect.value = start.speaker; }
  }).catch(function () { /* reported when a search runs */ });
  fillForm(start);
  run(start);
})();
