// The text form shared with the index (redaction/searchform.py): NFKC, lower case,
// kanji variants folded, white space removed; runs of letters and digits; one token per
// character, written as its base-36 code point (the index has a break token after each run). Also finds a query in page text for excerpts and highlights.
(function () {
  "use strict";
  var RUN = /[\p{L}\p{N}]+/gu;
  var variants = null;

  function loadVariants(root) {
    if (!variants) {
      variants = fetch(root + "static/variants.json").then(function (r) { return r.json(); });
    }
    return variants;
  }

  function fold(text, table) {
    return Array.from(text.normalize("NFKC").toLowerCase(), function (c) { return table[c] || c; }).join("");
  }

  function normalize(text, table) {
    return fold(text, table).replace(/\s+/gu, "");
  }

  function runs(text, table) {
    return normalize(text, table).match(RUN) || [];
  }

  // Four base-36 digits hold any code point (36^4 > 0x10FFFF).
  var CODE = 4;

  function code(ch) {
    return ch.codePointAt(0).toString(36).padStart(CODE, "0");
  }

  function runTokens(run) {
    return Array.from(run, code);
  }

  function parseQuery(query, table) {
    var phrase = runs(query, table);
    var words = fold(query, table).split(/\s+/u).map(function (w) { return runs(w, table); })
      .filter(function (r) { return r.length > 0; });
    return { phrase: phrase, words: words };
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // A pattern over folded page text matching a sequence of runs as the index does.
  function pattern(seq) {
    var parts = seq.map(function (run) {
      return Array.from(run).map(escapeRegExp).join("\\s*");
    });
    return new RegExp(parts.join("[^\\p{L}\\p{N}]*"), "gu");
  }

  // Folded text of a string with, for each folded character, the index of its source character.
  function foldWithMap(text, table) {
    var out = "";
    var map = [];
    var i = 0;
    for (var ch of text) {
      var f = fold(ch, table);
      for (var k = 0; k < f.length; k++) { map.push(i); }
      out += f;
      i += ch.length;
    }
    map.push(i);
    return { text: out, map: map };
  }

  // Spans [start, end) of the source text where any of the run sequences match.
  function spans(text, seqs, table) {
    var folded = foldWithMap(text, table);
    var found = [];
    seqs.forEach(function (seq) {
      if (!seq.length) { return; }
      var re = pattern(seq);
      var m;
      while ((m = re.exec(folded.text)) !== null) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        found.push([folded.map[m.index], folded.map[m.index + m[0].length]]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    found.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) { last[1] = Math.max(last[1], s[1]); } else { merged.push(s.slice()); }
    });
    return merged;
  }

  window.SearchText = { loadVariants: loadVariants, parseQuery: parseQuery, runTokens: runTokens, spans: spans };
})();
