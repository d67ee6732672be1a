// Meeting pages: a "copy link" button beside each speech link (the link itself works
// without JavaScript), and the words of ?q= highlighted when a search result opens the page.
(function () {
  "use strict";
  var minutes = document.querySelector(".minutes");

  function addCopyButtons() {
    document.querySelectorAll(".speech-link").forEach(function (link) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      button.textContent = "リンクをコピー";
      button.setAttribute("aria-label", link.textContent + "へのリンクをコピー");
      button.addEventListener("click", function () {
        var url = new URL(link.getAttribute("href"), window.location.href);
        url.search = "";
        var done = function () { button.textContent = "コピーしました"; setTimeout(function () { button.textContent = "リンクをコピー"; }, 2000); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url.href).then(done, function () { window.prompt("このリンクをコピーしてください", url.href); });
        } else {
          window.prompt("このリンクをコピーしてください", url.href);
        }
      });
      link.insertAdjacentElement("afterend", button);
    });
  }

  function highlight(query) {
    var T = window.SearchText;
    if (!T || !minutes || !query) { return; }
    T.loadVariants(minutes.getAttribute("data-root")).then(function (variants) {
      var q = T.parseQuery(query, variants);
      var seqs = [q.phrase].concat(q.words);
      var walker = document.createTreeWalker(minutes, NodeFilter.SHOW_TEXT);
      var nodes = [];
      while (walker.nextNode()) { nodes.push(walker.currentNode); }
      nodes.forEach(function (node) {
        if (node.parentElement.closest(".visually-hidden, [aria-hidden], .speech-link")) { return; }
        var found = T.spans(node.data, seqs, variants);
        for (var i = found.length - 1; i >= 0; i--) {
          var tail = node.splitText(found[i][0]);
          tail.splitText(found[i][1] - found[i][0]);
          var mark = document.createElement("mark");
          mark.className = "search-hit";
          tail.parentNode.replaceChild(mark, tail);
          mark.appendChild(tail);
        }
      });
    });
  }

  addCopyButtons();
  highlight(new URLSearchParams(window.location.search).get("q"));
})();
