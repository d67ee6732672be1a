// Pagefind UI in Japanese, with a query taken from ?q= (the search box on other pages).
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: box.getAttribute("data-bundle"),
    showSubResults: true,
    showImages: false,
    sort: { date: "desc" },
    translations: { placeholder: "語句を入力（例：海外療養費）" }
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
});
