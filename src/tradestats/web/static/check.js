/* tradestats check page: POST the article to /api/v1/check, highlight each claim by verdict. */
"use strict";

const $ = (id) => document.getElementById(id);
const VERDICTS = ["supported", "contradicted", "unverifiable"];
window.tradestats = { report: null };

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props || {});
  for (const c of children) node.append(c);
  return node;
}

function showError(message) {
  $("error").textContent = message || "";
  $("error").hidden = !message;
}

function highlight(text, claims) {
  // Claims are exact spans [start, end) of the text; they do not overlap.
  const view = $("c-article");
  view.replaceChildren();
  let at = 0;
  claims.forEach((c, i) => {
    if (c.start < at) return;
    view.append(text.slice(at, c.start));
    const mark = el("mark", { className: c.verdict, title: `#${i} ${c.verdict}: ${c.reason}` }, text.slice(c.start, c.end));
    mark.dataset.claim = String(i);
    mark.dataset.verdict = c.verdict;
    view.append(mark);
    at = c.end;
  });
  view.append(text.slice(at));
}

function fmtComputed(v) {
  if (v === null || v === undefined) return "–";
  if (typeof v === "number") return new Intl.NumberFormat("en", { maximumFractionDigits: 4 }).format(v);
  return String(v);
}

function render(text, report) {
  const claims = report.claims.map((c, i) => ({ ...c, i })).sort((a, b) => a.start - b.start);
  highlight(text, claims);
  const counts = $("c-counts");
  counts.replaceChildren();
  counts.append(el("div", { className: "kpi" }, el("span", { className: "k-label", textContent: "claims" }), el("strong", { textContent: String(report.claims.length) })));
  for (const v of VERDICTS) {
    const n = report.claims.filter((c) => c.verdict === v).length;
    counts.append(el("div", { className: `kpi ${v}` }, el("span", { className: "k-label", textContent: v }), el("strong", { id: `count-${v}`, textContent: String(n) })));
  }
  const body = document.querySelector("#c-claims tbody");
  body.replaceChildren();
  report.claims.forEach((c, i) => {
    const verdict = el("td", {}, el("span", { className: `tag ${c.verdict}`, textContent: c.verdict }));
    body.append(el("tr", {}, el("td", { textContent: String(i) }), el("td", { textContent: c.text }),
      el("td", { textContent: c.measure }), el("td", { textContent: c.period || "" }), verdict,
      el("td", { className: "num", textContent: fmtComputed(c.computed) }), el("td", { className: "wrap", textContent: c.reason })));
  });
  const list = $("c-consistency");
  list.replaceChildren();
  for (const f of report.consistency) {
    list.append(el("li", { className: f.status === "ok" ? "ok" : "bad" }, el("strong", { textContent: `${f.check}: ${f.status}` }), ` ${f.message}`));
  }
  if (!report.consistency.length) list.append(el("li", { textContent: "no figures to compare with each other" }));
  $("c-result").hidden = false;
}

async function run(event) {
  event.preventDefault();
  const text = $("c-text").value;
  showError("");
  $("c-status").textContent = "checking…";
  document.body.dataset.state = "loading";
  const payload = { text };
  if ($("c-date").value) payload.article_date = $("c-date").value;
  try {
    const res = await fetch("/api/v1/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
    const body = await res.json();
    if (!res.ok) {
      const e = body.error || {};
      throw new Error(e.hint ? `${e.message} (${e.hint})` : e.message);
    }
    window.tradestats.report = body;
    render(text, body);
    $("c-status").textContent = "";
    document.body.dataset.state = "ready";
  } catch (err) {
    $("c-status").textContent = "";
    showError(err.message);
    document.body.dataset.state = "error";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("check-form").addEventListener("submit", run);
  document.body.dataset.state = "idle";
});
