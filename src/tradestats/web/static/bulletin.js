/* tradestats bulletin page: pick a period and a language; the API renders the bulletin. */
"use strict";

const $ = (id) => document.getElementById(id);

function addOption(select, value, text) {
  const o = document.createElement("option");
  o.value = value; o.textContent = text;
  select.appendChild(o);
}

function fillPeriods(doc) {
  const have = new Set(doc.periods.map((r) => r.period));
  const select = $("b-period");
  for (const y of [...doc.years].reverse()) {
    if (doc.complete_years.includes(y)) addOption(select, y, `${y} (year)`);
    for (let q = 4; q >= 1; q--) {
      const ms = [1, 2, 3].map((i) => `${y}-${String(3 * q - 3 + i).padStart(2, "0")}`);
      if (ms.every((m) => have.has(m))) addOption(select, `${y}-Q${q}`, `${y} Q${q}`);
    }
  }
  const wanted = new URLSearchParams(location.hash.slice(1));
  if (wanted.get("period")) select.value = wanted.get("period");
  if (wanted.get("lang")) $("b-lang").value = wanted.get("lang");
}

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
