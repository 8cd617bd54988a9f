/* tradestats bulletin page: pick a period and a language; the API renders the bulletin. */
"use strict";

const $ = (id) => document.getElementById(id);

function addOption(select, value, text) {
  const o = document.createElement("option");
  o.value = value; o.textContent = text;
  select.appendChild(o);
}

// Every period form the store can answer: years (or the year to date), half-years, quarters,
// runs of months from January (cumulative, as customs publish), and single months.
function fillPeriods(doc) {
  const have = new Set(doc.periods.map((r) => r.period));
  const select = $("b-period");
  const month = (y, m) => `${y}-${String(m).padStart(2, "0")}`;
  const all = (y, ms) => ms.every((m) => have.has(month(y, m)));
  const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  for (const y of [...doc.years].reverse()) {
    const group = document.createElement("optgroup");
    group.label = y;
    if (doc.complete_years.includes(y)) addOption(group, y, `${y} (year)`);
    else addOption(group, `${y}-YTD`, `${y} year to date`);
    for (const h of [2, 1]) if (all(y, range(6 * h - 5, 6 * h))) addOption(group, `${y}-H${h}`, `${y} H${h}`);
    for (let q = 4; q >= 1; q--) if (all(y, range(3 * q - 2, 3 * q))) addOption(group, `${y}-Q${q}`, `${y} Q${q}`);
    for (let m = 11; m >= 2; m--) {
      if (all(y, range(1, m))) addOption(group, `${month(y, 1)}..${month(y, m)}`, `${y} January-${MONTHS[m - 1]}`);
    }
    for (let m = 12; m >= 1; m--) if (have.has(month(y, m))) addOption(group, month(y, m), `${MONTHS[m - 1]} ${y}`);
    if (group.children.length) select.appendChild(group);
  }
  const wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.get("period")) select.value = wanted.get("period");
  if (wanted.get("lang")) $("b-lang").value = wanted.get("lang");
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

function url(fmt) {
  const period = encodeURIComponent($("b-period").value);
  return `/api/v1/bulletin/${period}?lang=${$("b-lang").value}&format=${fmt}`;
}

async function show() {
  const box = $("error");
  box.hidden = true;
  document.body.dataset.state = "loading";
  $("b-status").hidden = false;
  $("b-open").href = url("html");
  $("b-md").href = url("md");
  $("b-json").href = url("json");
  $("b-pdf").href = url("pdf");
  history.replaceState(null, "", `#period=${$("b-period").value}&lang=${$("b-lang").value}`);
  // Ask first, so an error shows as a message rather than as JSON inside the frame.
  const res = await fetch(url("html"));
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    const e = body.error || {};
    box.textContent = e.hint ? `${e.message} (${e.hint})` : e.message || `failed (${res.status})`;
    box.hidden = false;
    document.body.dataset.state = "error";
    return;
  }
  $("b-frame").srcdoc = await res.text();
}

async function main() {
  const frame = $("b-frame");
  frame.addEventListener("load", () => {
    if (!frame.srcdoc) return;
    $("b-status").hidden = true;
    document.body.dataset.state = "ready";
  });
  $("bulletin-form").addEventListener("submit", (e) => { e.preventDefault(); show(); });
  $("b-period").addEventListener("change", show);
  $("b-lang").addEventListener("change", show);
  const res = await fetch("/api/v1/periods");
  fillPeriods(await res.json());
  if ($("b-period").value) await show();
}

document.addEventListener("DOMContentLoaded", main);
