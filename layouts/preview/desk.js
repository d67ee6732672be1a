/* The review desk of `python build.py serve`: act on findings, selected text, withholdings and the
   approval from the preview's pages. Internal preview only: a public build never loads this file.
   Every action is a POST to this server with the secret it put in the page (<meta name="kaigiroku-desk">);
   the server edits the meeting file and the page reloads to show the result. */
(function () {
  "use strict";
  var secret = document.querySelector('meta[name="kaigiroku-desk"]');
  var dialog = document.getElementById("desk-dialog");
  if (!secret || !dialog || !dialog.showModal) return;
  var NAME = "kaigiroku-desk-name", FLASH = "kaigiroku-desk-flash";
  var $ = function (id) { return document.getElementById(id); };
  var form = $("desk-form"), error = $("desk-error"), float = $("desk-float");
  var current = null;    // the action the dialog prepares
  var selection = null;  // the last text selected in the minutes or the header table
  var CONSTRUCTS = "a, em, strong, code, b, del, s, img, .review-redaction";
  var NAMES = ["人名", "名簿の人名"];  // findings that are people's names (edition.KINDS)
  var HOW = { inline: "印（{{redact:…}}）", block: "ブロック", term: "redact_terms", repeat: "同じ文字の繰り返し" };

  function name() { return sessionStorage.getItem(NAME) || ""; }

  function meetingOf(el) {
    var panel = (el && el.closest("[data-desk-meeting]")) || document.querySelector("[data-desk-meeting]");
    return panel ? { meeting: panel.getAttribute("data-desk-meeting"), sha: panel.getAttribute("data-desk-sha") } : null;
  }

  // What the page shows of a node, each withholding counted as one character that no text holds.
  function visible(node) {
    var copy = node.cloneNode(true);
    copy.querySelectorAll(".review-redaction").forEach(function (el) { el.replaceWith("\uFFFC"); });
    return copy.textContent;
  }

  function elementOf(node) { return node.nodeType === 1 ? node : node.parentElement; }

  // The selected text and where it is (the lines or front matter value it was written in, and which
  // of the equal texts there), or why it cannot be withheld as it is.
  function describe(range) {
    var a = elementOf(range.startContainer).closest("[data-src]"), b = elementOf(range.endContainer).closest("[data-src]");
    if (!a || !b) return { error: "ここは会議録ファイルに書かれた文字ではありません。本文か「会議の概要」の表の中を選んでください。" };
    if (a !== b) {
      var speechA = a.closest(".speech"), speechB = b.closest(".speech");
      if (speechA && speechB && speechA !== speechB) {
        return { error: "選んだ文字が二つの発言にまたがっています。一つの発言の中で選んでください（発言ごとに分けて非公開にできます）。" };
      }
      return { error: "選んだ文字が段落・項目・表の行をまたいでいます。非公開の指定は一つの段落（項目）の中でしかできません。" };
    }
    var cellA = elementOf(range.startContainer).closest("td, th"), cellB = elementOf(range.endContainer).closest("td, th");
    if (cellA !== cellB && a.contains(cellA || cellB)) {
      return { error: "選んだ文字が表のセルをまたいでいます。一つのセルの中で選んでください。" };
    }
    var raw = visible(range.cloneContents());
    if (raw.indexOf("\uFFFC") >= 0) {
      return { error: "選んだ文字にすでに非公開の箇所が含まれています。非公開の印を選んで、変更や解除をしてください。" };
    }
    var startConstruct = elementOf(range.startContainer).closest(CONSTRUCTS), endConstruct = elementOf(range.endContainer).closest(CONSTRUCTS);
    if ((startConstruct !== endConstruct) && (a.contains(startConstruct) || a.contains(endConstruct))) {
      return { error: "選んだ文字が強調・リンク・発言者の表示などの書式をまたいでいます。書式の内側だけを選んでください。" };
    }
    var text = raw.trim();
    if (!text) return null;
    if (text.indexOf("\n") >= 0) {
      return { error: "選んだ文字が行をまたいでいます。非公開の指定は一行の中でしかできません。行ごとに分けて選んでください。" };
    }
    var before = document.createRange();
    before.selectNodeContents(a);
    before.setEnd(range.startContainer, range.startOffset);
    var offset = visible(before.cloneContents()).length + (raw.length - raw.replace(/^\s+/, "").length);
    var all = visible(a), found = [], at = all.indexOf(text);
    while (at >= 0) { found.push(at); at = all.indexOf(text, at + 1); }
    var nth = found.indexOf(offset);
    if (nth < 0) return { error: "選んだ文字の位置を決められません。前後の文字も含めて選び直してください。" };
    var where = meetingOf(a);
    return { text: text, where: where, selection: { region: a.getAttribute("data-src"), text: text, nth: nth, count: found.length } };
  }

  function quote(text) { return "「" + (text.length > 60 ? text.slice(0, 60) + "…" : text) + "」"; }

  function noteSelection() {
    var sel = document.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return;
    var range = sel.getRangeAt(0);
    if (dialog.contains(range.commonAncestorContainer) || !document.querySelector("main").contains(range.commonAncestorContainer)) return;
    selection = describe(range);
    if (!selection) return;
    var message = selection.error || ("選択中：" + quote(selection.text) + "。「選んだ文字を非公開にする…」で非公開にできます。");
    document.querySelectorAll(".desk-selection").forEach(function (p) { p.textContent = message; });
    document.querySelectorAll('[data-desk="selection"]').forEach(function (b) { b.disabled = false; });
    var box = range.getBoundingClientRect();
    float.hidden = false;
    float.style.top = (window.scrollY + box.bottom + 6) + "px";
    float.style.left = (window.scrollX + Math.max(8, box.left)) + "px";
  }

  var timer = 0;
  document.addEventListener("selectionchange", function () {
    float.hidden = true;  // shown again beside the new selection
    clearTimeout(timer);
    timer = setTimeout(noteSelection, 120);
  });

  function show(parts) {
    ["desk-decision", "desk-withhold", "desk-allow", "desk-who", "desk-info", "desk-note-part", "desk-scope", "desk-remove", "desk-ok"]
      .forEach(function (id) { $(id).hidden = parts.indexOf(id) < 0; });
  }

  function open(action, title, target, parts) {
    current = action;
    error.textContent = "";
    $("desk-flash").hidden = true;
    $("desk-title").textContent = title;
    $("desk-target").textContent = target;
    if (!name() || action.action === "approve") parts = parts.concat(["desk-who"]);
    show(parts);
    $("desk-name").value = name();
    $("desk-ok").textContent = action.ok || "書き込む";
    $("desk-cancel").textContent = action.refused ? "閉じる" : "やめる";
    window.kaigirokuDeskBusy = true;
    dialog.showModal();
  }

  function decide() {  // a finding, or an automatic withholding: withhold it or keep it public
    var allow = form.elements.decision.value === "allow";
    $("desk-withhold").hidden = allow;
    $("desk-allow").hidden = !allow;
  }
  form.addEventListener("change", function (e) { if (e.target.name === "decision") decide(); });

  function choose(value) {
    var select = $("desk-category");
    if (Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
  }

  function openSelection() {
    float.hidden = true;
    if (!selection) return;
    if (selection.error) {
      open({ refused: true }, "この選択は非公開にできません", "", []);
      error.textContent = selection.error;
      return;
    }
    form.reset();
    choose("personal");
    open({ action: "withhold", selection: selection.selection, where: selection.where }, "選んだ文字を非公開にする",
      quote(selection.text), ["desk-withhold", "desk-note-part", "desk-scope", "desk-ok"]);
  }

  function openFinding(item) {
    var f = { line: +item.dataset.line, col: +item.dataset.col, text: item.dataset.text };
    form.reset();
    choose("personal");
    if (NAMES.indexOf(item.dataset.kind) >= 0) choose("person");  // a name: 人名, where the policy has it
    open({ action: "finding", finding: f, where: meetingOf(item) }, "検出器の指摘を判断する",
      quote(f.text) + "（" + item.dataset.kind + "、" + f.line + "行" + f.col + "列）",
      ["desk-decision", "desk-withhold", "desk-note-part", "desk-scope", "desk-ok"]);
    decide();
  }

  function openWithholding(row) {
    var d = row.dataset, how = d.how;
    var target = { line: +d.line, col: +d.col, how: how, text: d.text, category: d.category };
    var label = HOW[how] || (how.indexOf("auto:") === 0 ? "検出器による自動（" + how.slice(5) + "）" : how);
    var shown = quote(d.text) + "（" + label + "、" + d.line + "行" + d.col + "列）";
    form.reset();
    choose(d.category);
    var action = { action: "change", target: target, where: meetingOf(row), ok: "変更する" };
    if (how === "repeat") {
      open({ refused: true }, "非公開の指定を変更する", shown, ["desk-info"]);
      $("desk-info").textContent = "この箇所は、同じ文字を {{redact:…}} で囲んだ指定の繰り返しとして非公開です。"
        + "元の指定（「非公開の箇所」の表で「印」とある行）を変更・解除すると、ここも変わります。";
      return;
    }
    if (how.indexOf("auto:") === 0) {
      action.finding = { line: target.line, col: target.col, text: target.text };
      open(action, "自動で非公開にした箇所を判断する", shown, ["desk-decision", "desk-withhold", "desk-note-part", "desk-ok"]);
      $("desk-info").hidden = false;
      $("desk-info").textContent = "非公開のままにするなら、区分を選ぶとこの箇所を印で囲みます。";
      decide();
      return;
    }
    $("desk-note").value = d.note || "";
    var parts = ["desk-withhold", "desk-remove", "desk-ok"];
    if (how === "inline") parts.push("desk-note-part");
    open(action, "非公開の指定を変更する", shown, parts);
    $("desk-remove").textContent = how === "term" ? "redact_terms から外す（公開する）" : "非公開の指定を外す（公開する）";
  }

  function openApprove(button) {
    open({ action: "approve", where: meetingOf(button), ok: "承認する" }, "この版を承認する",
      document.querySelector("h1") ? "「" + document.querySelector("h1").textContent.trim() + "」" : "", ["desk-info", "desk-ok"]);
    $("desk-info").textContent = "いま表示している版（非公開の箇所と NOTE を含む）を、あなたの名前で承認します。"
      + "承認は content/_approvals.jsonl に記録され、python build.py approve と同じ扱いです。";
  }

  function openUndo() {
    open({ action: "undo", ok: "元に戻す" }, "直前の操作を元に戻す", "", ["desk-info", "desk-ok"]);
    $("desk-info").textContent = "この serve を起動してから最後に行った操作（書き込みまたは承認）を取り消します。"
      + "そのあとでファイルが変更されていれば、取り消しません。";
  }

  function request(remove) {
    var a = current, body = { action: a.action, by: name() };
    if (a.where) { body.meeting = a.where.meeting; body.sha = a.where.sha; }
    var allow = !$("desk-decision").hidden && form.elements.decision.value === "allow";
    if (a.action === "finding" || (a.action === "change" && a.finding)) {
      body.action = allow ? "allow" : (a.action === "finding" ? "withhold" : "change");
      body.finding = a.finding;
    }
    if (a.action === "withhold" && a.selection) body.selection = a.selection;
    if (a.target) body.target = a.target;
    if (remove) body.action = "remove";
    body.category = $("desk-category").value;
    body.note = $("desk-note").value;
    body.scope = form.elements.scope.value;
    body.reason = $("desk-reason").value;
    return body;
  }

  function typed(body) {  // what the reviewer typed, said again when the page reloads without it
    var parts = [];
    if (body.note) parts.push("NOTE「" + body.note + "」");
    if (body.reason) parts.push("理由「" + body.reason + "」");
    return parts.length ? "（入力した内容：" + parts.join("、") + "）" : "";
  }

  function reload(message) {  // the tab stays busy: the server's own reload message must not start a second one
    sessionStorage.setItem(FLASH, message);
    location.reload();
  }

  function send(remove) {
    if (!current || current.refused) { dialog.close(); return; }
    var who = $("desk-name").value.trim();
    if (!$("desk-who").hidden) {
      if (!who) { error.textContent = "お名前を入れてください（操作の記録に残ります）。"; $("desk-name").focus(); return; }
      sessionStorage.setItem(NAME, who);
    }
    var body = request(remove);
    if (body.action === "allow" && !body.reason.trim()) {
      error.textContent = "公開のままにする理由を書いてください。";
      $("desk-reason").focus();
      return;
    }
    $("desk-ok").disabled = $("desk-remove").disabled = true;
    error.textContent = "書き込んでいます…";
    fetch("/__desk/action", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Kaigiroku-Desk": secret.content },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json();
    }).then(function (result) {
      if (result.ok) return reload(result.message);
      if (result.reload) return reload(result.message + typed(body));
      error.textContent = result.message;
    }).catch(function () {
      error.textContent = "serve に接続できません。serve が動いているか確かめてください。何も書き込んでいません。";
    }).then(function () {
      $("desk-ok").disabled = $("desk-remove").disabled = false;
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); send(false); });
  $("desk-remove").addEventListener("click", function () { send(true); });
  $("desk-cancel").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () {
    window.kaigirokuDeskBusy = false;
    if (window.kaigirokuDeskReload) location.reload();  // a change arrived while the dialog was open
  });

  function activate(e) {
    var el = e.target.closest("[data-desk], .review-redaction, mark.review-finding[id]");
    if (!el) return;
    var kind = el.getAttribute("data-desk");
    if (el.matches(".review-redaction")) {
      var row = document.querySelector('tr[data-redaction="' + el.id.replace("redaction-", "") + '"]');
      if (row) { e.preventDefault(); openWithholding(row); }
    } else if (el.matches("mark.review-finding")) {
      var item = document.querySelector('[data-desk-finding="' + el.id.replace("finding-", "") + '"]');
      if (item) { e.preventDefault(); openFinding(item); }
    } else if (kind === "finding") openFinding(el.closest("[data-desk-finding]"));
    else if (kind === "withholding") openWithholding(el.closest("[data-desk-withholding]"));
    else if (kind === "selection") openSelection();
    else if (kind === "approve") openApprove(el);
    else if (kind === "undo") openUndo();
  }
  document.addEventListener("click", function (e) {
    if (e.target === float) return openSelection();
    activate(e);
  });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.matches && e.target.matches(".review-redaction, mark.review-finding[id]")) activate(e);
  });
  float.addEventListener("mousedown", function (e) { e.preventDefault(); });  // keep the selection

  var flash = sessionStorage.getItem(FLASH);
  if (flash) {
    sessionStorage.removeItem(FLASH);
    var box = $("desk-flash");
    setTimeout(function () { box.hidden = false; box.textContent = flash; box.focus({ preventScroll: true }); }, 100);
  }
})();
