// psikg serve: the query page. Runs the editor's query against /sparql (SPARQL JSON), shows the
// results as a sortable table whose IRIs link to their pages on this server, offers CSV and JSON
// downloads, and loads the canned queries (/queries.json) into the editor. No libraries.
"use strict";

const BASE = document.getElementById("config").dataset.base;
const VOCAB = "https://w3id.org/psikg/ontology#";
const editor = document.getElementById("query");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");
let lastResult = null;

function hrefFor(iri) {
  if (iri.startsWith(VOCAB)) return "/ontology#" + encodeURIComponent(iri.slice(VOCAB.length));
  if (iri.startsWith(BASE) && iri.length > BASE.length) return "/" + iri.slice(BASE.length);
  return "/describe?iri=" + encodeURIComponent(iri);
}

function setStatus(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}

async function sparql(query, accept) {
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
    body: new URLSearchParams({ query }),
  });
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${(await response.text()).trim()}`);
  return response;
}

function cellNode(term) {
  const td = document.createElement("td");
  if (!term) return td;
  td.dataset.sort = term.value;
  if (term.type === "uri") {
    const a = document.createElement("a");
    a.href = hrefFor(term.value);
    a.textContent = term.value;
    a.title = term.value;
    td.appendChild(a);
  } else {
    td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
    if (term["xml:lang"]) {
      td.lang = term["xml:lang"];
      const small = document.createElement("small");
      small.className = "lang";
      small.textContent = " @" + term["xml:lang"];
      td.appendChild(small);
    }
  }
  return td;
}

function renderTable(data) {
  results.replaceChildren();
  if ("boolean" in data) {
    const p = document.createElement("p");
    p.id = "ask-result";
    p.textContent = "ASK: " + data.boolean;
    results.appendChild(p);
    return;
  }
  const vars = data.head.vars;
  const table = document.createElement("table");
  table.className = "results";
  table.id = "results-table";
  const head = table.createTHead().insertRow();
  vars.forEach((v, i) => {
    const th = document.createElement("th");
    th.textContent = v;
    th.addEventListener("click", () => sortBy(table, i, th));
    head.appendChild(th);
  });
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const tr = body.insertRow();
    vars.forEach((v) => tr.appendChild(cellNode(binding[v])));
  }
  results.appendChild(table);
  return labelLinks(table);
}

// Replace the IRIs shown in the table by their labels (Indonesian, else English, else any),
// keeping the IRI as the link's tooltip; one extra query for up to 500 IRIs.
async function labelLinks(table) {
  const links = Array.from(table.querySelectorAll("a[title]"));
  const iris = [...new Set(links.map((a) => a.title))].filter((iri) => !/[\s<>"{}|^`\\]/.test(iri)).slice(0, 500);
  if (!iris.length) return;
  const query = `SELECT ?node ?label WHERE { VALUES ?node { ${iris.map((i) => `<${i}>`).join(" ")} }
    ?node <http://www.w3.org/2000/01/rdf-schema#label>|<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }`;
  try {
    const data = await (await sparql(query, "application/sparql-results+json")).json();
    const rank = (b) => ({ id: 0, en: 1 })[b.label["xml:lang"]] ?? 2;
    const best = {};
    for (const b of data.results.bindings) {
      const old = best[b.node.value];
      if (!old || rank(b) < rank(old)) best[b.node.value] = b;
    }
    for (const a of links) if (best[a.title]) a.textContent = best[a.title].label.value;
  } catch (error) {
    // labels are a nicety: the IRIs stay
  }
}

function sortBy(table, index, th) {
  const ascending = !th.classList.contains("asc");
  table.querySelectorAll("th").forEach((h) => h.classList.remove("asc", "desc"));
  th.classList.add(ascending ? "asc" : "desc");
  const rows = Array.from(table.tBodies[0].rows);
  const key = (row) => row.cells[index].dataset.sort ?? "";
  const numeric = rows.every((r) => key(r) === "" || !isNaN(Number(key(r))));
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    const order = numeric ? Number(x || -Infinity) - Number(y || -Infinity) : x.localeCompare(y, "id");
    return ascending ? order : -order;
  });
  rows.forEach((r) => table.tBodies[0].appendChild(r));
}

async function run() {
  setStatus("Running…");
  const started = performance.now();
  try {
    const response = await sparql(editor.value, "application/sparql-results+json, text/turtle;q=0.9");
    const type = response.headers.get("Content-Type") || "";
    if (type.startsWith("application/sparql-results+json")) {
      lastResult = await response.json();
      await renderTable(lastResult);
      const n = "boolean" in lastResult ? 1 : lastResult.results.bindings.length;
      setStatus(`${n} result${n === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms`);
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      results.replaceChildren(pre);
      setStatus(`graph result (${type.split(";")[0]})`);
    }
  } catch (error) {
    results.replaceChildren();
    setStatus(error.message, true);
  }
}

async function download(accept, extension) {
  try {
    const response = await sparql(editor.value, accept);
    const blob = await response.blob();
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "psikg-results." + extension;
    document.body.appendChild(a);
    a.click();
    a.remove();
  } catch (error) {
    setStatus(error.message, true);
  }
}

async function loadGallery() {
  const gallery = document.getElementById("gallery");
  const items = await (await fetch("/queries.json")).json();
  for (const q of items) {
    const card = document.createElement("div");
    card.className = "card";
    card.id = "canned-" + q.name;
    const h = document.createElement("h3");
    h.textContent = q.title;
    const name = document.createElement("code");
    name.textContent = q.name;
    const p = document.createElement("p");
    p.textContent = q.description;
    card.append(h, name, p);
    const inputs = {};
    for (const param of q.params) {
      const label = document.createElement("label");
      label.textContent = param.name + (param.required ? " (required)" : "");
      const input = document.createElement("input");
      input.name = param.name;
      input.placeholder = param.description;
      input.title = param.description;
      label.appendChild(input);
      card.appendChild(label);
      inputs[param.name] = input;
    }
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Load into editor";
    button.addEventListener("click", async () => {
      const params = new URLSearchParams();
      for (const [key, input] of Object.entries(inputs)) if (input.value) params.set(key, input.value);
      const response = await fetch(`/queries/${q.name}.rq?${params}`);
      const text = await response.text();
      if (!response.ok) return setStatus(text.trim(), true);
      editor.value = text;
      editor.focus();
      setStatus(`loaded '${q.name}'; press Run query`);
    });
    card.appendChild(button);
    gallery.appendChild(card);
  }
}

document.getElementById("query-form").addEventListener("submit", (event) => {
  event.preventDefault();
  run();
});
document.getElementById("download-csv").addEventListener("click", () => download("text/csv", "csv"));
document.getElementById("download-json").addEventListener("click", () => download("application/sparql-results+json", "json"));
loadGallery().catch((error) => setStatus("could not load the canned queries: " + error.message, true));

const fromUrl = new URLSearchParams(location.search).get("query");
if (fromUrl) {
  editor.value = fromUrl;
  run();
}
