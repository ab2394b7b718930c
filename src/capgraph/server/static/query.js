// The query page of `capgraph serve`: every request goes to this server's own endpoint.
// Parameter values are sent as `named=NAME` and `param.P=VALUE`; the server binds them
// as RDF terms (the script never writes a value into the query text).
"use strict";

const JSON_RESULTS = "application/sparql-results+json";
const GRAPH_RESULTS = "application/n-triples";

const data = JSON.parse(document.getElementById("page-data").textContent);
const byName = new Map(data.queries.map((query) => [query.name, query]));
const form = document.getElementById("query-form");
const picker = document.getElementById("named");
const text = document.getElementById("query");
const statusLine = document.getElementById("status");
const errorBox = document.getElementById("error");
const results = document.getElementById("results");
const pages = data.site ? new Set(data.site.pages) : null;

function element(tag, attributes = {}, content = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (content) node.textContent = content;
  return node;
}

function pick() {
  const query = byName.get(picker.value);
  const fields = document.getElementById("param-fields");
  fields.replaceChildren();
  document.getElementById("description").textContent = query ? query.description : "";
  document.getElementById("params").hidden = !query || query.params.length === 0;
  if (!query) return;
  text.value = query.text;
  for (const param of query.params) {
    const id = "param-" + param.name;
    const row = element("p", { class: "param" });
    const label = element("label", { for: id });
    label.append(element("code", {}, param.name), ` ${param.type}${param.optional ? ", optional" : ""}`);
    const input = element("input", { id, name: "param." + param.name, type: "text", size: "60" });
    input.dataset.kind = param.kind;
    if (param.example) input.placeholder = param.example;
    if (!param.optional) input.required = true;
    row.append(label, " ", input, element("span", { class: "hint" }, param.description));
    fields.append(row);
  }
}

function requestBody() {
  const body = new URLSearchParams();
  body.set("query", text.value);
  const query = byName.get(picker.value);
  if (query && query.params.length) {
    body.set("named", query.name);
    for (const input of document.querySelectorAll("#param-fields input")) {
      if (input.value.trim()) body.set(input.name, input.value);
    }
  }
  return body;
}

async function ask(accept) {
  const response = await fetch(data.endpoint, {
    method: "POST",
    headers: { Accept: accept },
    body: requestBody(),
  });
  return response;
}

function showError(response, body) {
  statusLine.textContent = `The endpoint answered ${response.status} ${response.statusText}`.trim();
  errorBox.textContent = body;
  errorBox.hidden = false;
}

function pageOf(iri) {
  if (!pages || !iri.startsWith(data.site.base)) return null;
  const [path, fragment] = iri.slice(data.site.base.length).split("#", 2);
  if (!pages.has(path)) return null;
  return data.site.prefix + path + (path ? "/" : "") + (fragment ? "#" + fragment : "");
}

function cell(term) {
  const td = element("td");
  if (!term) return td;
  if (term.type === "uri") {
    const page = pageOf(term.value);
    td.append(page ? element("a", { href: page, class: "iri" }, term.value) : element("code", {}, term.value));
  } else if (term.type === "bnode") {
    td.append(element("code", {}, "_:" + term.value));
  } else {
    td.textContent = term.value;
    if (term.datatype) td.title = term.datatype;
    if (term["xml:lang"]) td.lang = term["xml:lang"];
  }
  return td;
}

function showTable(answer) {
  if ("boolean" in answer) {
    statusLine.textContent = `ASK: ${answer.boolean}`;
    return;
  }
  const variables = answer.head.vars;
  const rows = answer.results.bindings;
  statusLine.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"}`;
  const table = element("table", { id: "result-table" });
  const head = element("tr");
  for (const name of variables) head.append(element("th", { scope: "col" }, name));
  table.append(element("thead"));
  table.tHead.append(head);
  const body = element("tbody");
  for (const row of rows) {
    const tr = element("tr");
    for (const name of variables) tr.append(cell(row[name]));
    body.append(tr);
  }
  table.append(body);
  results.append(table);
}

async function run(event) {
  event.preventDefault();
  statusLine.textContent = "Running…";
  errorBox.hidden = true;
  results.replaceChildren();
  const response = await ask(`${JSON_RESULTS}, ${GRAPH_RESULTS};q=0.9`);
  const body = await response.text();
  if (!response.ok) return showError(response, body);
  if ((response.headers.get("Content-Type") || "").startsWith(GRAPH_RESULTS)) {
    statusLine.textContent = "Triples (N-Triples)";
    results.append(element("pre", { id: "result-triples" }, body));
    return;
  }
  showTable(JSON.parse(body));
}

async function download(accept, extension) {
  errorBox.hidden = true;
  const response = await ask(accept);
  if (!response.ok) return showError(response, await response.text());
  const url = URL.createObjectURL(await response.blob());
  const link = element("a", { href: url, download: (picker.value || "results") + "." + extension });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

picker.addEventListener("change", pick);
form.addEventListener("submit", run);
document.getElementById("download-csv").addEventListener("click", () => download("text/csv", "csv"));
document.getElementById("download-json").addEventListener("click", () => download(JSON_RESULTS, "json"));
