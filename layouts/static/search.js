// 会議録検索: the query in the index's form (searchtext.js), checked exactly against the positions of
// its character pairs (search/g/, kaigiroku/search/grams.py): a meeting matches when it holds the
// query as written, or every space-separated word of it. The index is read in chunks of meetings,
// newest first, only those that hold every pair of the query, until a page of results is full.
// Results open the speech (#sN) with the words highlighted. The form is IME-safe: Enter that
// commits a conversion does not search.
(function () {
  "use strict";
  var T = window.SearchText;
  var PAGE_SIZE = 20;
  var EXCERPT = 60;
  var BREAK = " ";  // the break after each run, as the index writes it in a key

  var box = document.getElementById("search-app");
  var root = box.getAttribute("data-root");
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var countAll = document.getElementById("search-count");
  var roleSelect = document.getElementById("role");
  var speakerSelect = document.getElementById("speaker");

  var ready = null;
  var files = {};
  var current = null;
  var seen = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { seen.unobserve(e.target); e.target.fillExcerpts(); }
    });
  }) : null;

  // One file of the index, fetched once per page: gzip-compressed JSON (read as it is when the
  // server has already undone the compression).
  function load(path) {
    if (!files[path]) {
      files[path] = fetch(root + path).then(function (r) {
        if (!r.ok) { throw new Error(path); }
        return r.arrayBuffer();
      }).then(function (buf) {
        var bytes = new Uint8Array(buf);
        if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) { return new TextDecoder().decode(bytes); }
        return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
      }).then(JSON.parse);
    }
    return files[path];
  }

  function init() {
    if (!ready) {
      ready = Promise.all([
        fetch(root + "search/pages.json").then(function (r) { return r.json(); }),
        T.loadVariants(root)
      ]).then(function (all) { return { map: all[0], variants: all[1] }; });
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

  // Whether a meeting (its description, d<n>) is of the council and the fiscal years asked for; the
  // role and the speaker are looked at per hit (inScope). Every filter is read from the index's own
  // descriptions of the meetings found: a filtered search fetches nothing more than the same search
  // unfiltered, and chunks of no year asked for are not read at all.
  function kept(page, s, years) {
    return (!s.council || page.council === s.council) && (!years || years.has(page.fy));
  }

  // FNV-1a over the key's code points, as grams.bucket.
  function bucket(key, n) {
    var h = 0x811c9dc5;
    for (var c of key) { h = Math.imul(h ^ c.codePointAt(0), 0x01000193) >>> 0; }
    return h % n;
  }

  function chars(run) { return Array.from(run); }

  // Offsets of the pairs that tell a run's characters: every other pair, and the last one.
  function cover(length) {
    var at = [];
    for (var i = 0; i + 1 < length; i += 2) { at.push(i); }
    if (length > 2 && length % 2 === 1) { at.push(length - 2); }
    return at;
  }

  // What a sequence of runs needs of the index. One character alone: its own key (the speeches
  // that hold it). Otherwise the pairs that cover each run, and between two runs either the last
  // and the first character side by side or each next to the break; `filter`: the keys a chunk
  // must hold to be read (each triple inside a run; a shorter run itself).
  function needs(seq) {
    var single = seq.length === 1 && chars(seq[0]).length === 1;
    var keys = new Set();
    var filter = new Set();
    var runs = seq.map(chars);
    runs.forEach(function (c, k) {
      if (c.length < 3) { filter.add(c.join("")); }
      for (var i = 0; i + 2 < c.length; i++) { filter.add(c[i] + c[i + 1] + c[i + 2]); }
      cover(c.length).forEach(function (i) { keys.add(c[i] + c[i + 1]); });
      if (k + 1 < runs.length) {
        var last = c[c.length - 1];
        var next = runs[k + 1][0];
        [last + BREAK, BREAK + next, last + next].forEach(function (key) { keys.add(key); });
      }
    });
    if (single) { keys.add(seq[0]); }
    return { seq: runs, single: single, keys: keys, filter: filter };
  }

  function holds(chunkIndex, n, holders) {
    return Array.from(n.filter).every(function (key) { var h = holders.get(key); return h && h.has(chunkIndex); });
  }

  // key → Set of the chunks holding it, from g/k<n>.
  function holdersOf(keys, env) {
    var wanted = Array.from(keys);
    return Promise.all(wanted.map(function (k) { return load("search/g/k" + bucket(k, env.map.keys)); })).then(function (got) {
      var out = new Map();
      wanted.forEach(function (key, i) {
        var list = got[i][key];
        var at = 0;
        if (list) { out.set(key, new Set(list.map(function (d) { at += d; return at; }))); }
      });
      return out;
    });
  }

  // key → Map(doc → positions, or [segment, count …] for a character) of one chunk.
  function postings(chunk, keys) {
    return Promise.all(keys.map(function (key) {
      return load("search/g/" + chunk.name + "/" + bucket(key, chunk.b)).then(function (file) {
        var flat = file[key] || [];
        var byDoc = new Map();
        var i = 0;
        while (i < flat.length) {
          var doc = flat[i];
          var n = flat[i + 1];
          var values;
          if (chars(key).length === 1) {
            values = flat.slice(i + 2, i + 2 + 2 * n);
            i += 2 + 2 * n;
          } else {
            values = [];
            var at = 0;
            for (var k = 0; k < n; k++) { at += flat[i + 2 + k]; values.push(at); }
            i += 2 + n;
          }
          byDoc.set(doc, values);
        }
        return [key, byDoc];
      });
    })).then(function (pairs) { return new Map(pairs); });
  }

  // Start positions of `n.seq` in meeting `doc`: the pairs of each run at consecutive positions;
  // the next run right after it, or after a break.
  function starts(n, doc, hits) {
    function has(key, pos) {
      var byDoc = hits.get(key);
      var where = byDoc && byDoc.get(doc);
      return where !== undefined && where.set.has(pos);
    }
    function follows(k, at) {
      var run = n.seq[k];
      if (!cover(run.length).every(function (i) { return has(run[i] + run[i + 1], at + i); })) { return false; }
      if (k + 1 === n.seq.length) { return true; }
      var last = at + run.length - 1;
      var next = n.seq[k + 1][0];
      return (has(run[run.length - 1] + BREAK, last) && has(BREAK + next, last + 1) && follows(k + 1, last + 2)) ||
        (has(run[run.length - 1] + next, last) && follows(k + 1, last + 1));
    }
    var first = n.seq[0];
    var key = first.length > 1 ? first[0] + first[1] : null;
    var from = [];
    if (key) {
      from = positionsOf(hits, key, doc);
    } else {
      from = positionsOf(hits, first[0] + BREAK, doc).concat(positionsOf(hits, first[0] + n.seq[1][0], doc));
    }
    return from.filter(function (p) { return follows(0, p); });
  }

  function positionsOf(hits, key, doc) {
    var byDoc = hits.get(key);
    var where = byDoc && byDoc.get(doc);
    return where ? where.list : [];
  }

  function indexed(hits) {
    hits.forEach(function (byDoc, key) {
      if (chars(key).length === 1) { return; }
      byDoc.forEach(function (list, doc) { byDoc.set(doc, { list: list, set: new Set(list) }); });
    });
    return hits;
  }

  // The public name of the speaker of a meeting's speech (d<n>'s speakers: [speech, name, …]), or "".
  function speakerOf(page, speech) {
    var named = page.speakers || [];
    for (var i = 0; i < named.length; i += 2) {
      if (named[i] === speech) { return named[i + 1]; }
    }
    return "";
  }

  // Whether a hit in segment `seg` of a meeting is in the speeches the role and speaker filters keep.
  function inScope(page, seg, s) {
    if (seg < 0) { return false; }
    if (!s.role && !s.speaker) { return true; }
    var speech = page.segments[seg][1];
    return speech > 0 && (!s.role || page.segments[seg][2] === s.role) &&
      (!s.speaker || speakerOf(page, speech) === s.speaker);
  }

  // The segment a position falls in.
  function segmentAt(segments, pos) {
    var found = -1;
    for (var i = 0; i < segments.length && segments[i][0] <= pos; i++) { found = i; }
    return found;
  }

  // The meetings of a chunk where each sequence of the query stands: doc → [[position or segment, count]]
  // (a single character gives segments, with `segments: true`).
  function matches(n, hits) {
    var out = new Map();
    if (!n.hold) { return out; }
    if (n.single) {
      (hits.get(n.seq[0][0]) || new Map()).forEach(function (segs, d) {
        var found = [];
        for (var i = 0; i < segs.length; i += 2) { found.push([segs[i], segs[i + 1]]); }
        out.set(d, found);
      });
      return out;
    }
    var first = n.seq[0];
    var keys = first.length > 1 ? [first[0] + first[1]] : [first[0] + BREAK, first[0] + n.seq[1][0]];
    var docs = new Set();
    keys.forEach(function (key) { (hits.get(key) || new Map()).forEach(function (_, d) { docs.add(d); }); });
    docs.forEach(function (d) {
      var at = starts(n, d, hits);
      if (at.length) { out.set(d, at.map(function (p) { return [p, 1]; })); }
    });
    return out;
  }

  // The results of one chunk: for each meeting, where (segment, weight) the query or its words stand.
  // Only the descriptions (d<n>) of the meetings found are loaded.
  function searchChunk(chunk, q, s, env, years) {
    var all = [q.phrase].concat(q.words);
    var keys = new Set();
    all.forEach(function (n) { if (n.hold) { n.keys.forEach(function (k) { keys.add(k); }); } });
    return postings(chunk, Array.from(keys)).then(function (got) {
      var hits = indexed(got);
      var exactAt = matches(q.phrase, hits);
      var wordsAt = q.words.map(function (n) { return matches(n, hits); });
      var found = new Set(exactAt.keys());
      if (wordsAt.length) {
        wordsAt[0].forEach(function (_, d) { if (wordsAt.every(function (w) { return w.has(d); })) { found.add(d); } });
      }
      var docs = Array.from(found).sort(function (a, b) { return a - b; });
      var part = env.map.part;
      return Promise.all(Array.from(new Set(docs.map(function (d) { return Math.floor(d / part); }))).map(function (j) {
        return load("search/g/" + chunk.name + "/d" + j);
      })).then(function () {
        return Promise.all(docs.map(function (d) {
          return load("search/g/" + chunk.name + "/d" + Math.floor(d / part)).then(function (f) { return f[d % part]; });
        }));
      }).then(function (pages) {
        var results = [];
        docs.forEach(function (d, i) {
          var page = pages[i];
          if (!kept(page, s, years)) { return; }
          function placed(n, at) {  // [[segment, count]] in scope
            var x = at.get(d) || [];
            if (!n.single) { x = x.map(function (h) { return [segmentAt(page.segments, h[0]), h[1]]; }); }
            return x.filter(function (h) { return inScope(page, h[0], s); });
          }
          var exact = placed(q.phrase, exactAt);
          var perWord = q.words.map(function (n, k) { return placed(n, wordsAt[k]); });
          var allWords = perWord.every(function (w) { return w.length > 0; });
          if (!exact.length && !allWords) { return; }
          var speeches = new Map();
          var score = 0;
          function count(x, weight) {
            var seg = page.segments[x[0]];
            var entry = speeches.get(seg[1]) || { speech: seg[1], role: seg[1] ? seg[2] : "", segment: x[0], score: 0 };
            entry.score += weight * x[1];
            score += weight * x[1];
            speeches.set(seg[1], entry);
          }
          exact.forEach(function (x) { count(x, 10); });
          perWord.forEach(function (w) { w.forEach(function (x) { count(x, 1); }); });
          results.push({
            page: page, chunk: chunk, doc: d, exact: exact.length > 0, score: score,
            speeches: Array.from(speeches.values()).sort(function (a, b) { return b.score - a.score || a.speech - b.speech; })
          });
        });
        return results;
      });
    });
  }

  // Meetings of one day in the order of their addresses.
  function order(sort) {
    return function (a, b) {
      if (a.exact !== b.exact) { return a.exact ? -1 : 1; }
      if (sort === "hits") { return b.score - a.score || b.page.date.localeCompare(a.page.date) || a.page.url.localeCompare(b.page.url); }
      if (sort === "old") { return a.page.date.localeCompare(b.page.date) || a.page.url.localeCompare(b.page.url); }
      return b.page.date.localeCompare(a.page.date) || a.page.url.localeCompare(b.page.url);
    };
  }

  // A search: the chunks that may hold the query, in the order they are read, and what was found.
  function start(s, env) {
    var parsed = T.parseQuery(s.q, env.variants);
    var q = { phrase: needs(parsed.phrase), words: parsed.words.map(needs) };
    var chunks = env.map.chunks.map(function (c, i) { return Object.assign({ index: i }, c); });
    var years = (s.from || s.to) ? new Set(yearsIn(s.from, s.to).map(Number)) : null;
    var everyKey = new Set();
    [q.phrase].concat(q.words).forEach(function (n) { n.filter.forEach(function (k) { everyKey.add(k); }); });
    return holdersOf(everyKey, env).then(function (holders) {
      q.holders = holders;
      var candidates = chunks.filter(function (c) {
        if (years && !c.fy.some(function (y) { return years.has(y); })) { return false; }
        var phrase = holds(c.index, q.phrase, q.holders);
        var words = q.words.every(function (n) { return holds(c.index, n, q.holders); });
        return phrase || words;
      });
      // Per chunk, only the sequences it can hold are looked for: mark them when the chunk is read.
      if (s.sort !== "old") { candidates.reverse(); }
      return { s: s, q: q, chunks: candidates, next: 0, results: [], shown: 0, years: years, order: order(s.sort) };
    });
  }

  // Read chunks until `want` results are found (or none is left); a page's results keep their order.
  function advance(state, want, env) {
    if (state.next >= state.chunks.length || state.results.length >= want) { return Promise.resolve(state); }
    var chunk = state.chunks[state.next++];
    [state.q.phrase].concat(state.q.words).forEach(function (n) { n.hold = holds(chunk.index, n, state.q.holders); });
    return searchChunk(chunk, state.q, state.s, env, state.years).then(function (found) {
      var rest = state.results.slice(state.shown).concat(found).sort(state.order);
      state.results = state.results.slice(0, state.shown).concat(rest);
      return advance(state, want, env);
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
    var excerpts = [];
    result.speeches.slice(0, 3).forEach(function (sp) {
      var item = el("li");
      item.appendChild(el("a", { href: link(page, sp.speech, query), "class": "hit-link" },
        sp.speech ? "発言" + sp.speech + (sp.role ? "（" + sp.role + "）" : "") : "会議録本文"));
      var p = el("p", { "class": "excerpt" });
      item.appendChild(p);
      excerpts.push([p, sp.segment]);
      hits.appendChild(item);
    });
    li.appendChild(hits);
    // The text of the speeches shown is fetched only when the result is seen (t<doc>-<file>).
    li.fillExcerpts = function () {
      var firsts = page.texts;
      Promise.all(excerpts.map(function (x) {
        var j = 0;
        while (j + 1 < firsts.length && firsts[j + 1] <= x[1]) { j++; }
        return load("search/g/" + result.chunk.name + "/t" + result.doc + "-" + j).then(function (texts) {
          x[0].appendChild(excerpt(texts[x[1] - firsts[j]] || "", q, env.variants));
        });
      })).then(function () { li.setAttribute("data-excerpts", ""); });
    };
    if (seen) { seen.observe(li); } else { li.fillExcerpts(); }
    return li;
  }

  function describe(state) {
    var s = state.s;
    var n = state.results.length;
    var exact = state.results.filter(function (r) { return r.exact; }).length;
    var whole = state.next >= state.chunks.length;
    status.setAttribute("data-total", whole ? String(n) : "");
    if (!n && whole) {
      return "「" + s.q + "」に一致する会議録は見つかりませんでした。語を短くするか、語の間に空白を入れてお試しください。";
    }
    if (whole) { return "「" + s.q + "」の検索結果：" + n + "件（完全一致 " + exact + "件）"; }
    var edge = state.chunks[state.next - 1];
    var when = s.sort === "old" ? edge.to : edge.from;
    var label = Number(when.slice(0, 4)) + "年" + Number(when.slice(5, 7)) + "月" + Number(when.slice(8, 10)) + "日";
    return "「" + s.q + "」の検索結果：" + label + (s.sort === "old" ? "以前" : "以降") + "の会議録で" + n +
      "件（完全一致 " + exact + "件）。" + (s.sort === "old" ? "それより新しい" : "それより前の") + "会議録はまだ検索していません。";
  }

  // The next page of results (none with `count`: the count only), the status and the buttons.
  function show(state, env, count) {
    var next = count ? [] : state.results.slice(state.shown, state.shown + PAGE_SIZE);
    next.forEach(function (r) { list.appendChild(render(r, state.s.q, env)); });
    state.shown += next.length;
    var whole = state.next >= state.chunks.length;
    more.hidden = whole && state.shown >= state.results.length;
    countAll.hidden = whole;
    status.textContent = describe(state);
  }

  function busy(on) {
    if (on) { status.removeAttribute("data-done"); } else { status.setAttribute("data-done", ""); }
    more.disabled = on;
    countAll.disabled = on;
  }

  function failed() {
    status.textContent = "検索の準備ができませんでした。時間をおいてもう一度お試しください。";
    busy(false);
  }

  function run(s) {
    busy(true);
    list.textContent = "";
    more.hidden = true;
    countAll.hidden = true;
    current = null;
    if (!s.q.trim()) { status.textContent = "語句を入力してください。"; busy(false); return Promise.resolve(); }
    status.textContent = "検索しています…";
    return init().then(function (env) {
      return start(s, env).then(function (state) {
        current = state;
        return advance(state, s.sort === "hits" ? Infinity : PAGE_SIZE, env).then(function () {
          if (current !== state) { return; }
          show(state, env);
          status.setAttribute("data-query", s.q);
          busy(false);
        });
      });
    }).catch(failed);
  }

  // Read on until `limit` results are found: `PAGE_SIZE` more for 「さらに表示」 (from those found, then
  // from older chunks; newer with sort=old), or every chunk left for the count (`counted`: the
  // results shown stay as they are).
  function readOn(limit, counted) {
    var state = current;
    if (!state) { return; }
    busy(true);
    init().then(function (env) {
      return advance(state, limit(state), env).then(function () { show(state, env, counted); busy(false); });
    }).catch(failed);
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
  more.addEventListener("click", function () { readOn(function (state) { return state.shown + PAGE_SIZE; }, false); });
  countAll.addEventListener("click", function () { readOn(function () { return Infinity; }, true); });

  var first = params();
  init().then(function (env) {
    env.map.roles.forEach(function (role) { roleSelect.appendChild(el("option", { value: role }, role)); });
    env.map.speakers.forEach(function (name) { speakerSelect.appendChild(el("option", { value: name }, name)); });
    // The role and speaker asked for in the address have their options only now. Nothing else is
    // filled in again: the visitor may have typed a query while the index was loading.
    if (first.role && !roleSelect.value) { roleSelect.value = first.role; }
    if (first.speaker && !speakerSelect.value) { speakerSelect.value = first.speaker; }
  }).catch(function () { /* reported when a search runs */ });
  fillForm(first);
  run(first);
})();
