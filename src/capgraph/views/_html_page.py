"""The page template, style and script of the interactive view (our own code, no library)."""

from __future__ import annotations

# str.format fields: title, view, vis_css, style, vis_js, data, script. The CSS and scripts
# are passed as values, so their braces need no escaping.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="capgraph">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{vis_css}</style>
<style>{style}</style>
<script>{vis_js}</script>
</head>
<body data-view="{view}">
<header>
<h1>{title}</h1>
<p class="hint">Hover over a box for its details and sources. Untick a body or a state to
hide it. Drag to pan, scroll to zoom.</p>
</header>
<main>
<aside id="controls">
<fieldset id="filter-body"><legend>Body</legend></fieldset>
<fieldset id="filter-state"><legend>State</legend></fieldset>
<button type="button" id="show-all">Show all</button>
<p id="shown" aria-live="polite"></p>
<pre id="details">Hover over a box to see its details here.</pre>
</aside>
<div id="graph" role="img" aria-label="{title}"></div>
</main>
<script type="application/json" id="capgraph-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""

STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #222; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; }
h1 { font-size: 18px; margin: 4px 0; }
.hint { margin: 2px 0; color: #555; font-size: 13px; }
main { display: flex; height: calc(100vh - 90px); min-height: 480px; }
#controls { width: 260px; padding: 8px 12px; overflow-y: auto; border-right: 1px solid #ddd;
  font-size: 13px; }
#controls fieldset { border: 1px solid #ccc; margin: 0 0 8px 0; }
#controls label { display: block; margin: 2px 0; }
#graph { flex: 1; min-width: 0; height: 100%; position: relative; overflow: hidden; }
#details { white-space: pre-wrap; font-size: 12px; background: #f6f6f6; padding: 6px; }
div.vis-tooltip { white-space: pre-line; max-width: 420px; font-family: inherit;
  font-size: 12px; }
"""

SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("capgraph-data").textContent);
  var hidden = { body: {}, state: {} };
  var wanted = {};
  location.hash.replace(/^#/, "").split("&").forEach(function (part) {
    var pair = part.split("=");
    if (pair.length === 2 && (pair[0] === "body" || pair[0] === "state")) {
      wanted[pair[0]] = decodeURIComponent(pair[1]).split(",");
    }
  });
  var choices = { body: data.bodies.map(function (b) { return b[0]; }), state: data.states };
  ["body", "state"].forEach(function (key) {
    if (wanted[key]) {
      choices[key].forEach(function (v) { hidden[key][v] = wanted[key].indexOf(v) < 0; });
    }
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var view = new vis.DataView(nodes, {
    filter: function (n) { return n.lane || (!hidden.body[n.body] && !hidden.state[n.state]); }
  });
  var options = {
    physics: false,
    layout: { randomSeed: 1 },
    interaction: { hover: true, tooltipDelay: 120, navigationButtons: false },
    nodes: { font: { face: "DejaVu Sans, Arial, sans-serif", size: 14 }, margin: 10,
             widthConstraint: { maximum: 250 } },
    edges: { color: "#555555", smooth: false, font: { size: 11, align: "middle" } }
  };
  var network = new vis.Network(document.getElementById("graph"),
                                { nodes: view, edges: edges }, options);
  function shown() {
    var count = view.get({ filter: function (n) { return !n.lane; } }).length;
    var total = nodes.get({ filter: function (n) { return !n.lane; } }).length;
    document.getElementById("shown").textContent = count + " of " + total + " shown";
    document.body.setAttribute("data-shown", String(count));
  }
  function box(key, value, text) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.checked = !hidden[key][value];
    input.setAttribute("data-" + key, value);
    input.addEventListener("change", function () {
      hidden[key][value] = !input.checked;
      view.refresh();
      shown();
    });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text));
    document.getElementById("filter-" + key).appendChild(label);
  }
  data.bodies.forEach(function (b) { box("body", b[0], b[1]); });
  data.states.forEach(function (s) { box("state", s, s); });
  document.getElementById("show-all").addEventListener("click", function () {
    hidden = { body: {}, state: {} };
    Array.prototype.forEach.call(document.querySelectorAll("#controls input"),
                                 function (i) { i.checked = true; });
    view.refresh();
    shown();
  });
  function details(id) {
    var n = nodes.get(id);
    document.getElementById("details").textContent = n ? n.title : "";
  }
  network.on("hoverNode", function (e) { details(e.node); });
  network.on("click", function (e) { if (e.nodes.length) { details(e.nodes[0]); } });
  network.once("afterDrawing", function () {
    network.fit();
    network.moveTo({ scale: network.getScale() * 0.9 });  // a margin round the boxes
    var drawn = Object.keys(network.getPositions()).filter(function (id) {
      return !nodes.get(id).lane;
    });
    document.body.setAttribute("data-rendered", String(drawn.length));
  });
  shown();
})();
"""
