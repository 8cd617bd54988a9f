/* tradestats explorer: filters -> /api/v1/query -> linked vega-lite views and a table.
   Every figure comes from the API (the engine); this file only asks, formats and draws. */
"use strict";

const API = "/api/v1";
const FILTERS = ["period", "flow", "partner", "product", "enterprise_type", "trade_mode"];
const UNITS = [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"], [1e3, "thousand"], [1, ""]];
const COLORS = { bar: "#2f6690", light: "#9cc0dc", line: "#d1495b", pos: "#2f6690", neg: "#c8553d" };
const VIEW = ["seasonal"]; // choices of a view, kept in the URL but not filters of every query
const state = { period: "", flow: "total", partner: "", product: "", enterprise_type: "", trade_mode: "", seasonal: "none" };
const labels = { partner: {}, enterprise_type: {}, product_group: {}, partner_group: {}, trade_mode_group: {} };
const ts = (window.tradestats = { state, last: {}, views: {}, generation: 0, errors: [] });
let inflight = null;

const $ = (id) => document.getElementById(id);

/* ---------- fetching ---------- */

class ApiFailure extends Error {
  constructor(body, status) {
    const e = (body && body.error) || {};
    super(e.message || `request failed (${status})`);
    this.hint = e.hint || "";
    this.status = status;
  }
}

async function getJSON(path, signal) {
  const res = await fetch(path, { signal, headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiFailure(body, res.status);
  return body;
}

function queryURL(extra, format) {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (state[k]) p.set(k, state[k]);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null && v !== "") p.set(k, v);
  if (format) p.set("format", format);
  return `${API}/query?${p.toString()}`;
}

/* ---------- formatting ---------- */

function unitFor(values) {
  const max = Math.max(0, ...values.map((v) => Math.abs(Number(v) || 0)));
  const [div, word] = UNITS.find(([d]) => max >= d) || UNITS[UNITS.length - 1];
  return { div, text: word ? `${word} yuan` : "yuan" };
}

const fmt2 = new Intl.NumberFormat("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const fmt1 = new Intl.NumberFormat("en", { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" });
const fmtShare = new Intl.NumberFormat("en", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const money = (v, unit) => (v === null || v === undefined ? "–" : fmt2.format(Number(v) / unit.div));
const pct = (v) => (v === null || v === undefined ? "–" : fmt1.format(v));
const share = (v) => (v === null || v === undefined ? "–" : fmtShare.format(v));

function label(dim, key) {
  if (key === null || key === undefined) return "(unknown)";
  if (dim === "hs_section") return `Section ${key}`;
  if (dim === "hs2") return `Chapter ${key}`;
  const names = labels[dim];
  return (names && names[key]) || String(key);
}

/* ---------- reference data for the filters ---------- */

async function loadOptions() {
  const [periods, listing, countries] = await Promise.all([
    getJSON(`${API}/periods`),
    getJSON(`${API}/classifications`),
    getJSON(`${API}/classifications/countries`),
  ]);
  ts.months = periods.periods.map((r) => r.period).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
  fillPeriods(periods);
  for (const c of countries.rows) labels.partner[c.iso3] = c.name_en;
  const partnerOpts = [], productOpts = [];
  for (const c of listing.classifications) {
    if (c.kind === "partner_group") { labels.partner_group[c.name] = c.title_en; partnerOpts.push([c.name, c.title_en]); }
    if (c.kind === "product_group") { labels.product_group[c.name] = c.title_en; productOpts.push([c.name, c.title_en]); }
    if (c.kind === "enterprise_type") { labels.enterprise_type[c.name] = c.title_en; addOption($("f-enterprise_type"), c.name, c.title_en); }
    if (c.kind === "trade_mode_group") { labels.trade_mode_group[c.name] = c.title_en; addOption($("f-trade_mode"), c.name, c.title_en); }
  }
  for (const c of countries.rows) partnerOpts.push([c.iso3, c.name_en]);
  fillDatalist($("partners"), partnerOpts);
  fillDatalist($("products"), productOpts);
}

function addOption(select, value, text) {
  const o = document.createElement("option");
  o.value = value; o.textContent = text;
  select.appendChild(o);
  return o;
}

function fillDatalist(list, pairs) {
  for (const [value, text] of pairs) addOption(list, value, text);
}

function fillPeriods(doc) {
  const months = doc.periods.map((r) => r.period);
  const have = new Set(months);
  const select = $("f-period");
  const years = [...doc.years].reverse();
  for (const y of years) {
    const group = document.createElement("optgroup");
    group.label = y;
    if (doc.complete_years.includes(y)) addOption(group, y, `${y} (year)`);
    else addOption(group, `${y}-YTD`, `${y} year to date`);
    for (let q = 4; q >= 1; q--) {
      const ms = [1, 2, 3].map((i) => `${y}-${String(3 * q - 3 + i).padStart(2, "0")}`);
      if (ms.every((m) => have.has(m))) addOption(group, `${y}-Q${q}`, `${y} Q${q}`);
    }
    for (const m of months.filter((x) => x.startsWith(y)).reverse()) addOption(group, m, m);
    select.appendChild(group);
  }
  const latest = doc.complete_years.length ? doc.complete_years[doc.complete_years.length - 1] : years.length ? `${years[0]}-YTD` : "";
  if (!state.period) state.period = latest;
}

/* ---------- state <-> form <-> URL hash ---------- */

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const k of [...FILTERS, ...VIEW]) if (p.has(k)) state[k] = p.get(k);
}

function writeHash() {
  const p = new URLSearchParams();
  for (const k of FILTERS) if (state[k]) p.set(k, state[k]);
  if (state.seasonal !== "none") p.set("seasonal", state.seasonal);
  history.replaceState(null, "", `#${p.toString()}`);
}

function syncForm() {
  for (const k of FILTERS) {
    const el = $(`f-${k}`);
    if (el.tagName === "SELECT" && state[k] && ![...el.options].some((o) => o.value === state[k])) addOption(el, state[k], state[k]);
    el.value = state[k];
  }
  $("trend-series").value = state.seasonal;
}

function setFilter(key, value) {
  state[key] = value;
  syncForm();
  refresh();
}

/* ---------- charts ---------- */

async function draw(name, el, spec, rows) {
  ts.last[name] = rows;
  el.dataset.rows = String(rows.length);
  if (ts.views[name]) ts.views[name].finalize();
  if (!rows.length) {
    ts.views[name] = null;
    el.innerHTML = '<p class="empty">No records for this selection.</p>';
    return;
  }
  el.innerHTML = "";
  const base = { width: "container", autosize: { type: "fit", contains: "padding" }, config: { font: "system-ui, sans-serif", axis: { labelFontSize: 11, titleFontSize: 11 }, view: { stroke: null } } };
  const result = await vegaEmbed(el, { ...base, ...spec, data: { values: rows } }, { mode: "vega-lite", actions: false, renderer: "svg", tooltip: true });
  ts.views[name] = result.view;
  return result.view;
}

function onClick(view, handler) {
  if (!view) return;
  view.addEventListener("click", (_event, item) => { if (item && item.datum) handler(item.datum); });
}

function barSpec(dim, unit, height) {
  return {
    height,
    mark: { type: "bar", cursor: "pointer" },
    encoding: {
      y: { field: "label", type: "nominal", sort: "-x", title: null, axis: { labelLimit: 150 } },
      x: { field: "v", type: "quantitative", title: unit.text },
      color: { condition: { test: "datum.yoy_pct < 0", value: COLORS.neg }, value: COLORS.pos },
      tooltip: [
        { field: "label", title: dim },
        { field: "v", title: unit.text, format: ",.2f" },
        { field: "yoy_pct", title: "YoY %", format: "+.1f" },
        { field: "share_pct", title: "share %", format: ".1f" },
      ],
    },
  };
}

function prepare(rows, dim, unit) {
  return rows.map((r) => ({ ...r, key: r[dim], label: label(dim, r[dim]), v: Number(r.value_cny) / unit.div }));
}

function fillMonths(doc) {
  // A month of the period without matching records has value 0 (its data exist: the API checked).
  const have = new Map(doc.rows.map((r) => [r.month, r]));
  return monthsOf(doc.query.period).map((m) => have.get(m) || { month: m, value_cny: 0, yoy_pct: null });
}

async function drawTrend(doc) {
  const rows = fillMonths(doc);
  const unit = unitFor(rows.map((r) => r.value_cny));
  const inPeriod = new Set(ts.periodMonths || []);
  const data = rows.map((r) => ({ ...r, v: Number(r.value_cny) / unit.div, sel: inPeriod.size === 0 || inPeriod.has(r.month) }));
  $("trend-note").textContent = `${doc.query.period}, ${unit.text}; line: YoY %`;
  const spec = {
    height: 220,
    encoding: { x: { field: "month", type: "ordinal", title: null, axis: { labelAngle: -45 } } },
    layer: [
      { mark: { type: "bar", color: COLORS.bar },
        encoding: { y: { field: "v", type: "quantitative", title: unit.text },
          opacity: { condition: { test: "datum.sel", value: 1 }, value: 0.35 },
          tooltip: [{ field: "month" }, { field: "v", title: unit.text, format: ",.2f" }, { field: "yoy_pct", title: "YoY %", format: "+.1f" }] } },
      { mark: { type: "line", color: COLORS.line, point: true },
        encoding: { y: { field: "yoy_pct", type: "quantitative", title: "YoY %", axis: { titleColor: COLORS.line } },
          tooltip: [{ field: "month" }, { field: "yoy_pct", title: "YoY %", format: "+.1f" }] } },
    ],
    resolve: { scale: { y: "independent" } },
  };
  await draw("trend", $("chart-trend"), spec, data);
}

const SERIES_WORDS = { sa: "seasonally adjusted", trend: "trend" };

function seriesSpan(period) {
  // The stored months without a gap up to the end of the period's year (or the latest month
  // before it): the span a seasonal series is asked for. The API says if it is too short.
  const have = new Set(ts.months || []);
  const year = period.slice(0, 4);
  const upto = (ts.months || []).filter((m) => m <= `${year}-12`);
  if (!upto.length) return year;
  const last = upto[upto.length - 1];
  let first = last, i = upto.length - 1;
  while (i > 0 && have.has(upto[i - 1]) && monthAfter(upto[i - 1]) === upto[i]) { i -= 1; first = upto[i]; }
  return `${first}..${last}`;
}

function monthAfter(m) {
  const y = Number(m.slice(0, 4)), mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

async function drawSeries(doc, which) {
  // The recorded months as bars, the adjusted series (value_cny_sa / _trend) as a line.
  const column = `value_cny_${which}`;
  const unit = unitFor(doc.rows.map((r) => r.value_cny));
  const inPeriod = new Set(ts.periodMonths || []);
  const data = doc.rows.map((r) => ({ ...r, v: Number(r.value_cny) / unit.div, a: r[column] / unit.div, sel: inPeriod.has(r.month) }));
  $("trend-note").textContent = `${doc.query.period}, ${unit.text}; line: ${SERIES_WORDS[which]}`;
  const tooltip = [{ field: "month" }, { field: "v", title: `recorded, ${unit.text}`, format: ",.2f" },
    { field: "a", title: `${SERIES_WORDS[which]}, ${unit.text}`, format: ",.2f" }];
  const spec = {
    height: 220,
    encoding: { x: { field: "month", type: "ordinal", title: null, axis: { labelAngle: -45, labelOverlap: true } }, tooltip },
    layer: [
      { mark: { type: "bar", color: COLORS.light },
        encoding: { y: { field: "v", type: "quantitative", title: unit.text },
          opacity: { condition: { test: "datum.sel", value: 1 }, value: 0.5 } } },
      { mark: { type: "line", color: COLORS.line }, encoding: { y: { field: "a", type: "quantitative" } } },
    ],
  };
  await draw("trend", $("chart-trend"), spec, data);
}

async function drawSeriesFailure(err) {
  // Only this panel cannot be drawn (too few months, a gap): the others stand.
  await draw("trend", $("chart-trend"), {}, []);
  $("chart-trend").innerHTML = "";
  const p = Object.assign(document.createElement("p"), { className: "empty", textContent: err.hint ? `${err.message} (${err.hint})` : err.message });
  $("chart-trend").appendChild(p);
  $("trend-note").textContent = "";
}

async function drawBars(name, dim, doc, clickKey) {
  const unit = unitFor(doc.rows.map((r) => r.value_cny));
  const data = prepare(doc.rows, dim, unit);
  const view = await draw(name, $(`chart-${name}`), barSpec(dim, unit, Math.max(120, 22 * data.length)), data);
  if (clickKey) onClick(view, (d) => setFilter(clickKey, String(d.key)));
}

async function drawEnterprises(doc) {
  const data = doc.rows.map((r) => ({ ...r, key: r.enterprise_type, label: label("enterprise_type", r.enterprise_type),
    text: r.share_pct >= 3 ? share(r.share_pct) : "" }));
  const tooltip = [{ field: "label", title: "type" }, { field: "share_pct", title: "share %", format: ".1f" }, { field: "yoy_pct", title: "YoY %", format: "+.1f" }];
  const spec = {
    height: 230,
    encoding: {
      theta: { field: "share_pct", type: "quantitative", stack: true },
      color: { field: "label", type: "nominal", title: null, scale: { range: ["#2f6690", "#d1495b", "#edae49", "#66a182", "#8d99ae"] },
        legend: { orient: "bottom", columns: 2, labelLimit: 200 } },
      order: { field: "label" },
      tooltip,
    },
    layer: [
      { mark: { type: "arc", innerRadius: 46, outerRadius: 84, cursor: "pointer" } },
      { mark: { type: "text", radius: 100, fontSize: 11 },
        encoding: { text: { field: "text", type: "nominal" }, color: { value: "#1d2a35" } } },
    ],
  };
  const view = await draw("enterprises", $("chart-enterprises"), spec, data);
  onClick(view, (d) => setFilter("enterprise_type", String(d.key)));
}

/* ---------- table, headline ---------- */

function drawTable(doc, dim) {
  const unit = unitFor(doc.rows.map((r) => r.value_cny));
  $("t-key").textContent = dim.replace(/_/g, " ");
  $("t-value").innerHTML = "";
  $("t-value").append("value", document.createElement("br"), Object.assign(document.createElement("small"), { textContent: unit.text }));
  const body = document.querySelector("#data-table tbody");
  body.innerHTML = "";
  for (const r of doc.rows) {
    const tr = document.createElement("tr");
    tr.dataset.key = r[dim] === null ? "" : String(r[dim]);
    const cells = [[label(dim, r[dim]), ""], [money(r.value_cny, unit), "num"], [pct(r.yoy_pct), "num"], [share(r.share_pct), "num"]];
    const raw = [r[dim], r.value_cny, r.yoy_pct, r.share_pct];
    cells.forEach(([text, cls], i) => {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      if (i > 0) td.dataset.value = raw[i] === null ? "" : String(raw[i]);
      if (i === 2 && raw[2] !== null) td.classList.add(raw[2] < 0 ? "neg" : "pos");
      tr.appendChild(td);
    });
    body.appendChild(tr);
  }
  ts.last.table = doc.rows;
}

function drawHeadline(doc) {
  const r = doc.rows[0] || {};
  const unit = unitFor([r.value_cny]);
  $("kpi-value").textContent = money(r.value_cny, unit);
  $("kpi-unit").textContent = unit.text;
  $("kpi-yoy").textContent = r.yoy_pct === null || r.yoy_pct === undefined ? "–" : `${pct(r.yoy_pct)} %`;
  $("kpi-share").textContent = r.share_pct === null || r.share_pct === undefined ? "–" : `${share(r.share_pct)} %`;
  $("kpi-parent").textContent = { total: "total trade", export: "exports", import: "imports" }[state.flow];
  const parts = [doc.query.period, state.flow, state.partner, state.product, state.enterprise_type, state.trade_mode].filter(Boolean);
  $("kpi-selection").textContent = parts.join(" · ");
}

/* ---------- refresh ---------- */

function showError(err) {
  const box = $("error");
  if (!err) { box.hidden = true; box.textContent = ""; return; }
  box.hidden = false;
  box.textContent = err.hint ? `${err.message} (${err.hint})` : err.message;
}

const MEASURES = "value_cny,yoy_pct,share_pct";

async function refresh() {
  writeHash();
  if (inflight) inflight.abort();
  const ctl = (inflight = new AbortController());
  document.body.dataset.state = "loading";
  const tableBy = $("table-by").value, productBy = $("product-by").value;
  const year = state.period.slice(0, 4);
  const trendPeriod = state.period === year || /^\d{4}-YTD$/.test(state.period) ? state.period : `${year}-YTD`;
  // every row of the breakdown (not only the 200 the table shows), in the table's order
  $("download-csv").href = queryURL({ measures: MEASURES, by: tableBy, sort: "-value_cny" }, "csv");
  try {
    const get = (extra) => getJSON(queryURL(extra), ctl.signal);
    const which = state.seasonal;
    const trendAsk = which === "none"
      ? getJSON(queryURL({ measures: "value_cny,yoy_pct", by: "month", period: trendPeriod }), ctl.signal)
      : getJSON(queryURL({ measures: "value_cny", by: "month", period: seriesSpan(state.period), seasonal: which }), ctl.signal)
        .catch((err) => { if (err.name === "AbortError") throw err; return { failed: err }; });
    const [head, trend, partners, products, enterprises, table] = await Promise.all([
      get({ measures: MEASURES }),
      trendAsk,
      get({ measures: MEASURES, by: "partner", top: 10 }),
      get({ measures: MEASURES, by: productBy, top: 12 }),
      get({ measures: MEASURES, by: "enterprise_type", parent: "selection" }),
      get({ measures: MEASURES, by: tableBy, top: 200 }),
    ]);
    if (ctl.signal.aborted) return;
    ts.periodMonths = monthsOf(head.query.period);
    showError(null);
    drawHeadline(head);
    drawTable(table, tableBy);
    await Promise.all([
      which === "none" ? drawTrend(trend) : trend.failed ? drawSeriesFailure(trend.failed) : drawSeries(trend, which),
      drawBars("partners", "partner", partners, "partner"),
      drawBars("products", productBy, products, productBy === "hs_section" ? null : "product"),
      drawEnterprises(enterprises),
    ]);
    ts.generation += 1;
    document.body.dataset.generation = String(ts.generation);
    document.body.dataset.state = "ready";
  } catch (err) {
    if (err.name === "AbortError") return;
    ts.errors.push(String(err.message));
    showError(err);
    document.body.dataset.state = "error";
  }
}

function monthsOf(label) {
  const m = /^(\d{4})(?:-(Q[1-4]|H[12]|\d{2})(?:\.\.\d{4}-(\d{2}))?)?$/.exec(label);
  if (!m) return [];
  const y = m[1], part = m[2];
  let first = 1, last = 12;
  if (part && part[0] === "Q") { last = 3 * Number(part[1]); first = last - 2; }
  else if (part && part[0] === "H") { last = 6 * Number(part[1]); first = last - 5; }
  else if (part) { first = Number(part); last = m[3] ? Number(m[3]) : first; }
  const out = [];
  for (let i = first; i <= last; i++) out.push(`${y}-${String(i).padStart(2, "0")}`);
  return out;
}

/* ---------- wiring ---------- */

function debounce(fn, ms) {
  let t = null;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
}

function wire() {
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(); });
  for (const k of FILTERS) {
    const el = $(`f-${k}`);
    const update = () => { state[k] = el.value.trim(); refresh(); };
    el.addEventListener("change", update);
    if (el.tagName === "INPUT") el.addEventListener("input", debounce(() => { if (el.value.trim() !== state[k]) update(); }, 600));
  }
  $("table-by").addEventListener("change", refresh);
  $("product-by").addEventListener("change", refresh);
  $("trend-series").addEventListener("change", () => { state.seasonal = $("trend-series").value; refresh(); });
  $("f-reset").addEventListener("click", () => {
    for (const k of FILTERS) if (k !== "period") state[k] = k === "flow" ? "total" : "";
    state.seasonal = "none";
    syncForm();
    refresh();
  });
}

async function main() {
  readHash();
  wire();
  try {
    await loadOptions();
  } catch (err) {
    showError(err);
    document.body.dataset.state = "error";
    return;
  }
  syncForm();
  await refresh();
}

document.addEventListener("DOMContentLoaded", main);
