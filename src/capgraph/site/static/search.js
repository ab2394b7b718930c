// capgraph site search: labels and quotes, from the index written beside the pages.
// No server and no network: the index is a script (window.capgraphSearchIndex), because a
// page opened from file:// may not fetch a JSON file.
(function () {
  "use strict";
  var MAX_RESULTS = 12;

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  function snippet(text, word) {
    var at = text.toLowerCase().indexOf(word);
    if (at < 0) { return ""; }
    var start = Math.max(0, at - 40);
    return (start > 0 ? "…" : "") + text.slice(start, at + word.length + 60) + "…";
  }

  function search(entries, query) {
    var wanted = words(query);
    if (wanted.length === 0) { return []; }
    var found = [];
    entries.forEach(function (entry) {
      var label = entry.label.toLowerCase();
      var haystack = label + " " + entry.text.toLowerCase();
      if (wanted.every(function (w) { return haystack.indexOf(w) >= 0; })) {
        var inLabel = wanted.every(function (w) { return label.indexOf(w) >= 0; });
        found.push({ entry: entry, rank: inLabel ? 0 : 1 });
      }
    });
    found.sort(function (a, b) { return a.rank - b.rank; });
    return found.slice(0, MAX_RESULTS).map(function (f) { return f.entry; });
  }

  function show(list, root, results, query) {
    list.textContent = "";
    var first = words(query)[0] || "";
    results.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.url;
      link.textContent = entry.label;
      item.appendChild(link);
      var text = snippet(entry.text, first);
      if (text) {
        var span = document.createElement("span");
        span.className = "snippet";
        span.textContent = text;
        item.appendChild(span);
      }
      list.appendChild(item);
    });
  }

  function start() {
    var form = document.querySelector("form.search");
    var box = document.getElementById("search-box");
    var list = document.getElementById("search-results");
    var entries = window.capgraphSearchIndex || [];
    if (!form || !box || !list) { return; }
    var root = form.getAttribute("data-root") || "";
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    box.addEventListener("input", function () {
      show(list, root, search(entries, box.value), box.value);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
