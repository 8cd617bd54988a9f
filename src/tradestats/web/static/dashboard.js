/* tradestats explorer: the state (in the URL) -> one /api/v1/query per panel -> linked vega-lite
   views and a table. Every figure, its rounding, unit and name comes from the API (the engine and
   its presentation layer: present=en|zh, names=both); this file only asks, places and draws.
   Each panel has its own loading and error state and is cleared before it is redrawn, so it never
   shows the figures of another selection. */
"use strict";

const API = "/api/v1";
const FILTERS = ["period", "flow", "partner", "product", "enterprise_type", "trade_mode"];
const VIEW = { seasonal: "none", table_by: "partner", product_by: "hs_section", lang: "en" };
const DEFAULTS = { period: "", flow: "total", partner: "", product: "", enterprise_type: "", trade_mode: "", ...VIEW };
const COLORS = { bar: "#2f6690", light: "#9cc0dc", line: "#d1495b", pos: "#2f6690", neg: "#c8553d" };
const MEASURES = "value_cny,yoy_pct,share_pct";
const state = { ...DEFAULTS };
const ts = (window.tradestats = { state, last: {}, views: {}, generation: 0, errors: [], panels: {} });
let TEXT = { en: {}, zh: {} };
let inflight = null;
let written = "";
let reference = { periods: null, listing: null, countries: null };

const $ = (id) => document.getElementById(id);
const t = (key, vars = {}) => {
  const text = (TEXT[state.lang] || {})[key] ?? TEXT.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ""));
};

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
  else p.set("present", state.lang);
  return `${API}/query?${p.toString()}`;
}

/* ---------- an answer as published ---------- */

// The presented text of one cell (the API's presentation layer), by row index and column.
function shown(doc, i, column) {
  const p = doc.presented;
  const at = Object.keys(p.headers).indexOf(column);
  return at < 0 ? "" : p.rows[i][at];
}

const scaleOf = (doc, column) => Number(doc.presented.scales[column] || 1);
const unitOf = (doc, column) => doc.presented.units[column] || "";

// The name of a breakdown code in the chosen language (names=both), else the code itself.
function nameOf(row, dim) {
  const code = row[dim];
  if (code === null || code === undefined) return "—";
  const name = (state.lang === "zh" && row[`${dim}_name_zh`]) || row[`${dim}_name`];
  if (!name) return String(code);
  return dim === "hs_section" || dim === "hs2" ? `${code} ${name}` : name;
}

/* ---------- reference data for the filters ---------- */

async function loadReference() {
  const [text, periods, listing, countries] = await Promise.all([
    getJSON("/static/dashboard-text.json"),
    getJSON(`${API}/periods`),
    getJSON(`${API}/classifications`),
    getJSON(`${API}/classifications/countries`),
  ]);
  TEXT = text;
  reference = { periods, listing, countries };
  ts.months = periods.periods.map((r) => r.period).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
}

function addOption(parent, value, text) {
  const o = document.createElement("option");
  o.value = value; o.textContent = text;
  parent.appendChild(o);
  return o;
}

// Options in the chosen language: periods, enterprise types, trade modes, the suggestion lists.
function fillOptions() {
  const zh = state.lang === "zh";
  const title = (c) => (zh ? c.title_zh || c.title_en : c.title_en);
  for (const [id, kind] of [["f-enterprise_type", "enterprise_type"], ["f-trade_mode", "trade_mode_group"]]) {
    const select = $(id);
    select.replaceChildren();
    addOption(select, "", t("all"));
    for (const c of reference.listing.classifications) if (c.kind === kind) addOption(select, c.name, title(c));
  }
  const partners = $("partners"), products = $("products");
  partners.replaceChildren(); products.replaceChildren();
  for (const c of reference.listing.classifications) {
    if (c.kind === "partner_group") addOption(partners, c.name, title(c));
    if (c.kind === "product_group") addOption(products, c.name, title(c));
  }
  for (const c of reference.countries.rows) addOption(partners, c.iso3, zh ? c.name_zh || c.name_en : c.name_en);
  fillPeriods(reference.periods);
}

function fillPeriods(doc) {
  const months = doc.periods.map((r) => r.period);
  const have = new Set(months);
  const select = $("f-period");
  select.replaceChildren();
  const years = [...doc.years].reverse();
  for (const y of years) {
    const group = document.createElement("optgroup");
    group.label = y;
    if (doc.complete_years.includes(y)) addOption(group, y, t("year", { y }));
    else addOption(group, `${y}-YTD`, t("ytd", { y }));
    for (let q = 4; q >= 1; q--) {
      const ms = [1, 2, 3].map((i) => `${y}-${String(3 * q - 3 + i).padStart(2, "0")}`);
      if (ms.every((m) => have.has(m))) addOption(group, `${y}-Q${q}`, t("quarter", { y, q }));
    }
    for (const m of months.filter((x) => x.startsWith(y)).reverse()) addOption(group, m, m);
    select.appendChild(group);
  }
  const latest = doc.complete_years.length ? doc.complete_years[doc.complete_years.length - 1] : years.length ? `${years[0]}-YTD` : "";
  if (!state.period) state.period = latest;
}

function translate() {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  for (const el of document.querySelectorAll("[data-t]")) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll("[data-t-placeholder]")) el.placeholder = t(el.dataset.tPlaceholder);
  for (const el of document.querySelectorAll("[data-t-aria-label]")) el.setAttribute("aria-label", t(el.dataset.tAriaLabel));
}

/* ---------- state <-> form <-> URL ---------- */

const KEYS = Object.keys(DEFAULTS);

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const k of KEYS) state[k] = p.has(k) ? p.get(k) : k === "period" ? state.period : DEFAULTS[k];
}

function hashOf() {
  const p = new URLSearchParams();
  for (const k of KEYS) if (state[k] && (k === "period" || state[k] !== DEFAULTS[k])) p.set(k, state[k]);
  return `#${p.toString()}`;
}

// A change the user made is a new history entry (Back returns to the previous view).
function writeHash(push) {
  const hash = hashOf();
  if (hash === location.hash) return;
  written = hash;
  if (push) history.pushState(null, "", hash);
  else history.replaceState(null, "", hash);
}

const FORM = { period: "f-period", flow: "f-flow", partner: "f-partner", product: "f-product", enterprise_type: "f-enterprise_type",
  trade_mode: "f-trade_mode", lang: "f-lang", seasonal: "trend-series", table_by: "table-by", product_by: "product-by" };

function syncForm() {
  for (const [k, id] of Object.entries(FORM)) {
    const el = $(id);
    if (el.tagName === "SELECT" && state[k] && ![...el.querySelectorAll("option")].some((o) => o.value === state[k])) addOption(el, state[k], state[k]);
    el.value = state[k];
  }
}

function change(values) {
  const relabel = values.lang !== undefined && values.lang !== state.lang;
  Object.assign(state, values);
  if (relabel) { translate(); fillOptions(); }
  syncForm();
  refresh(true);
}

/* ---------- panels ---------- */

function setPanel(name, status, message = "") {
  ts.panels[name] = status;
  const panel = $(`panel-${name}`);
  if (panel) panel.dataset.state = status;
  const box = name === "table" ? $("table-status") : $(`chart-${name}`);
  if (!box) return;
  if (status === "loading" || status === "error") {
    if (ts.views[name]) { ts.views[name].finalize(); ts.views[name] = null; }
    if (name !== "table") box.dataset.rows = "0";
    ts.last[name] = [];
    const p = Object.assign(document.createElement("p"), { className: status === "error" ? "empty failed" : "empty", textContent: message || t("loading") });
    if (name === "table") { box.hidden = false; box.replaceChildren(p); }
    else box.replaceChildren(p);
  } else if (name === "table") box.hidden = true;
}

async function draw(name, el, spec, rows) {
  ts.last[name] = rows;
  el.dataset.rows = String(rows.length);
  if (ts.views[name]) ts.views[name].finalize();
  if (!rows.length) {
    ts.views[name] = null;
    el.replaceChildren(Object.assign(document.createElement("p"), { className: "empty", textContent: t("empty") }));
    return null;
  }
  el.replaceChildren();
  const base = { width: "container", autosize: { type: "fit", contains: "padding" }, config: { font: "system-ui, 'Noto Sans CJK SC', sans-serif", axis: { labelFontSize: 11, titleFontSize: 11 }, view: { stroke: null } } };
  const result = await vegaEmbed(el, { ...base, ...spec, data: { values: rows } }, { mode: "vega-lite", actions: false, renderer: "svg", tooltip: true });
  ts.views[name] = result.view;
  return result.view;
}

function onClick(view, handler) {
  if (!view) return;
  view.addEventListener("click", (_event, item) => { if (item && item.datum) handler(item.datum); });
}

// Rows for a chart: raw numbers scaled for drawing, and the published texts for reading.
function chartRows(doc, dim) {
  const scale = scaleOf(doc, "value_cny");
  return doc.rows.map((r, i) => ({ ...r, key: r[dim], label: nameOf(r, dim), v: Number(r.value_cny) / scale,
    value_text: shown(doc, i, "value_cny"), yoy_text: shown(doc, i, "yoy_pct"), share_text: shown(doc, i, "share_pct") }));
}

function barSpec(unit, height) {
  return {
    height,
    mark: { type: "bar", cursor: "pointer" },
    encoding: {
      y: { field: "label", type: "nominal", sort: "-x", title: null, axis: { labelLimit: 180 } },
      x: { field: "v", type: "quantitative", title: unit },
      color: { condition: { test: "datum.yoy_pct < 0", value: COLORS.neg }, value: COLORS.pos },
      tooltip: [{ field: "label", title: " " }, { field: "value_text", title: unit },
        { field: "yoy_text", title: t("kpi_yoy") }, { field: "share_text", title: "%" }],
    },
  };
}

async function drawBars(name, dim, doc, clickKey) {
  const data = chartRows(doc, dim);
  const view = await draw(name, $(`chart-${name}`), barSpec(unitOf(doc, "value_cny"), Math.max(120, 22 * data.length)), data);
  if (clickKey) onClick(view, (d) => change({ [clickKey]: String(d.key) }));
}

function fillMonths(doc) {
  // A month of the period without matching records is a zero (its data exist: the API checked).
  const rows = chartRows(doc, "month");
  const have = new Map(rows.map((r) => [r.month, r]));
  return monthsOf(doc.query.period).map((m) => have.get(m) || { month: m, value_cny: 0, v: 0, yoy_pct: null, value_text: "0", yoy_text: "—" });
}

async function drawTrend(doc) {
  const unit = unitOf(doc, "value_cny");
  const inPeriod = new Set(ts.periodMonths || []);
  const data = fillMonths(doc).map((r) => ({ ...r, sel: inPeriod.size === 0 || inPeriod.has(r.month) }));
  $("trend-note").textContent = `${doc.query.period}, ${unit}; ${t("line_yoy")}`;
  const tooltip = [{ field: "month" }, { field: "value_text", title: unit }, { field: "yoy_text", title: t("kpi_yoy") }];
  const spec = {
    height: 220,
    encoding: { x: { field: "month", type: "ordinal", title: null, axis: { labelAngle: -45 } }, tooltip },
    layer: [
      { mark: { type: "bar", color: COLORS.bar },
        encoding: { y: { field: "v", type: "quantitative", title: unit }, opacity: { condition: { test: "datum.sel", value: 1 }, value: 0.35 } } },
      { mark: { type: "line", color: COLORS.line, point: true },
        encoding: { y: { field: "yoy_pct", type: "quantitative", title: "%", axis: { titleColor: COLORS.line } } } },
    ],
    resolve: { scale: { y: "independent" } },
  };
  await draw("trend", $("chart-trend"), spec, data);
}

function seriesSpan(period) {
  // The stored months without a gap up to the end of the period's year (or the latest month
  // before it): the span a seasonal series is asked for. The API says if it is too short.
  const year = period.slice(0, 4);
  const upto = (ts.months || []).filter((m) => m <= `${year}-12`);
  if (!upto.length) return year;
  let i = upto.length - 1;
  while (i > 0 && monthAfter(upto[i - 1]) === upto[i]) i -= 1;
  return `${upto[i]}..${upto[upto.length - 1]}`;
}

function monthAfter(m) {
  const y = Number(m.slice(0, 4)), mo = Number(m.slice(5, 7));
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

async function drawSeries(doc, which) {
  // The recorded months as bars, the adjusted series (value_cny_sa / _trend) as a line.
  const column = `value_cny_${which}`, unit = unitOf(doc, "value_cny"), scale = scaleOf(doc, "value_cny");
  const inPeriod = new Set(ts.periodMonths || []);
  const data = doc.rows.map((r, i) => ({ ...r, v: Number(r.value_cny) / scale, a: r[column] / scale, sel: inPeriod.has(r.month),
    value_text: shown(doc, i, "value_cny"), adjusted_text: shown(doc, i, column) }));
  $("trend-note").textContent = `${doc.query.period}, ${unit}; ${t(`line_${which}`)}`;
  const tooltip = [{ field: "month" }, { field: "value_text", title: `${t("recorded")}, ${unit}` },
    { field: "adjusted_text", title: `${t(`series_${which}`)}, ${unit}` }];
  const spec = {
    height: 220,
    encoding: { x: { field: "month", type: "ordinal", title: null, axis: { labelAngle: -45, labelOverlap: true } }, tooltip },
    layer: [
      { mark: { type: "bar", color: COLORS.light },
        encoding: { y: { field: "v", type: "quantitative", title: unit }, opacity: { condition: { test: "datum.sel", value: 1 }, value: 0.5 } } },
      { mark: { type: "line", color: COLORS.line }, encoding: { y: { field: "a", type: "quantitative" } } },
    ],
  };
  await draw("trend", $("chart-trend"), spec, data);
}

async function drawEnterprises(doc) {
  const data = chartRows(doc, "enterprise_type").map((r) => ({ ...r, text: r.share_pct >= 3 ? r.share_text : "" }));
  const tooltip = [{ field: "label", title: " " }, { field: "share_text", title: "%" }, { field: "yoy_text", title: t("kpi_yoy") }];
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
      { mark: { type: "text", radius: 100, fontSize: 11 }, encoding: { text: { field: "text", type: "nominal" }, color: { value: "#1d2a35" } } },
    ],
  };
  const view = await draw("enterprises", $("chart-enterprises"), spec, data);
  onClick(view, (d) => change({ enterprise_type: String(d.key) }));
}

// The filter a row of the table narrows the selection to (what clicking a bar does), so that a
// keyboard reaches the same views as a mouse: the row's name is a button.
const ROW_FILTERS = { partner: "partner", partner_group: "partner", hs2: "product", product_group: "product",
  enterprise_type: "enterprise_type", trade_mode_group: "trade_mode" };

function rowName(row, dim) {
  const name = nameOf(row, dim), target = ROW_FILTERS[dim];
  if (!target || row[dim] === null || row[dim] === undefined) return document.createTextNode(name);
  const button = Object.assign(document.createElement("button"), { type: "button", className: "row-filter", textContent: name });
  button.addEventListener("click", () => change({ [target]: String(row[dim]) }));
  return button;
}

function drawTable(doc, dim) {
  const head = doc.presented.headers;
  $("t-key").textContent = head[dim] || dim;
  $("t-value").textContent = head.value_cny;
  $("t-yoy").textContent = head.yoy_pct;
  $("t-share").textContent = head.share_pct;
  const rows = doc.rows.map((r, i) => {
    const tr = document.createElement("tr");
    tr.dataset.key = r[dim] === null ? "" : String(r[dim]);
    const cells = [[nameOf(r, dim), null, ""], ...["value_cny", "yoy_pct", "share_pct"].map((c) => [shown(doc, i, c), r[c], "num"])];
    for (const [i2, [text, raw, cls]] of cells.entries()) {
      const td = document.createElement("td");
      if (i2 === 0) td.appendChild(rowName(r, dim));
      else td.textContent = text;
      if (cls) td.className = cls;
      if (i2 > 0) td.dataset.value = raw === null ? "" : String(raw);
      if (i2 === 2 && raw !== null) td.classList.add(raw < 0 ? "neg" : "pos");
      tr.appendChild(td);
    }
    return tr;
  });
  document.querySelector("#data-table tbody").replaceChildren(...rows);
  ts.last.table = doc.rows;
}

function clearTable() {
  document.querySelector("#data-table tbody").replaceChildren();
}

function drawHeadline(doc) {
  const r = doc.rows[0] || {};
  const text = (c) => (doc.rows.length ? shown(doc, 0, c) : "—");
  $("kpi-value").textContent = text("value_cny");
  $("kpi-unit").textContent = unitOf(doc, "value_cny");
  const missing = r.flag === "c" ? "c" : "—"; // withheld as confidential, or not available
  $("kpi-yoy").textContent = r.yoy_pct === null || r.yoy_pct === undefined ? missing : `${r.yoy_pct > 0 ? "+" : ""}${text("yoy_pct")} %`;
  $("kpi-share").textContent = r.share_pct === null || r.share_pct === undefined ? missing : `${text("share_pct")} %`;
  $("kpi-parent").textContent = t(`parent_${state.flow}`);
  const parts = [doc.query.period, t(`flow_${state.flow}`), state.partner, state.product, state.enterprise_type, state.trade_mode].filter(Boolean);
  $("kpi-selection").textContent = parts.join(" · ");
}

function clearHeadline(message) {
  for (const id of ["kpi-value", "kpi-yoy", "kpi-share"]) $(id).textContent = message === undefined ? "…" : "—";
  $("kpi-unit").textContent = "";
}

/* ---------- refresh ---------- */

function showError(err) {
  const box = $("error");
  if (!err) { box.hidden = true; box.textContent = ""; return; }
  box.hidden = false;
  box.textContent = err.hint ? `${err.message} (${err.hint})` : err.message;
}

function downloads(tableBy) {
  // every row of the breakdown (not only the 200 the table shows), in the table's order, named
  const ask = { measures: MEASURES, by: tableBy, sort: "-value_cny", names: "both" };
  for (const f of ["csv", "xlsx", "parquet"]) $(`download-${f}`).href = queryURL(ask, f);
}

async function refresh(push = false) {
  writeHash(push);
  if (inflight) inflight.abort();
  const ctl = (inflight = new AbortController());
  const signal = ctl.signal;
  document.body.dataset.state = "loading";
  const tableBy = state.table_by, productBy = state.product_by, which = state.seasonal;
  const year = state.period.slice(0, 4);
  const trendPeriod = state.period === year || /^\d{4}-YTD$/.test(state.period) ? state.period : `${year}-YTD`;
  downloads(tableBy);
  ts.periodMonths = monthsOf(state.period);
  const named = (extra) => getJSON(queryURL({ ...extra, names: "both" }), signal);
  const panels = {
    head: [() => getJSON(queryURL({ measures: MEASURES }), signal), drawHeadline, clearHeadline],
    trend: [
      () => (which === "none"
        ? getJSON(queryURL({ measures: "value_cny,yoy_pct", by: "month", period: trendPeriod }), signal)
        : getJSON(queryURL({ measures: "value_cny", by: "month", period: seriesSpan(state.period), seasonal: which }), signal)),
      (doc) => (which === "none" ? drawTrend(doc) : drawSeries(doc, which)),
    ],
    partners: [() => named({ measures: MEASURES, by: "partner", top: 10 }), (doc) => drawBars("partners", "partner", doc, "partner")],
    products: [() => named({ measures: MEASURES, by: productBy, top: 12 }),
      (doc) => drawBars("products", productBy, doc, productBy === "hs_section" ? null : "product")],
    enterprises: [() => named({ measures: MEASURES, by: "enterprise_type", parent: "selection" }), drawEnterprises],
    table: [() => named({ measures: MEASURES, by: tableBy, top: 200 }), (doc) => drawTable(doc, tableBy), clearTable],
  };
  const failures = {};
  let confidential = false; // a figure withheld under the store's disclosure policy (flag c)
  await Promise.all(Object.entries(panels).map(async ([name, [ask, show, clear]]) => {
    setPanel(name, "loading");
    if (clear) clear();
    try {
      const doc = await ask();
      if (signal.aborted) return;
      setPanel(name, "ready");
      if ((doc.rows || []).some((r) => r.flag === "c")) confidential = true;
      await show(doc);
    } catch (err) {
      if (err.name === "AbortError" || signal.aborted) return;
      failures[name] = err;
      if (clear) clear(err);
      setPanel(name, "error", `${t("failed")} ${err.message}${err.hint ? ` (${err.hint})` : ""}`);
    }
  }));
  if (signal.aborted) return;
  $("conf-note").hidden = !confidential;
  // The headline answers for the selection itself: its failure (a typo in a filter) is the
  // page's error; another panel's (too short a history for an adjustment) stays in that panel.
  const failed = failures.head;
  for (const err of Object.values(failures)) ts.errors.push(String(err.message));
  showError(failed || null);
  ts.generation += 1;
  document.body.dataset.generation = String(ts.generation);
  document.body.dataset.state = failed ? "error" : "ready";
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
  let timer = null;
  return (...a) => { clearTimeout(timer); timer = setTimeout(() => fn(...a), ms); };
}

function wire() {
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); refresh(true); });
  for (const [k, id] of Object.entries(FORM)) {
    const el = $(id);
    const update = () => { if (el.value.trim() !== state[k]) change({ [k]: el.value.trim() }); };
    el.addEventListener("change", update);
    if (el.tagName === "INPUT") el.addEventListener("input", debounce(update, 600));
  }
  $("f-reset").addEventListener("click", () => {
    const kept = { period: state.period, lang: state.lang };
    change({ ...DEFAULTS, ...kept });
  });
  // Back, Forward, or a URL edited by hand: the view follows the URL.
  const follow = () => {
    if (location.hash === written) return;
    const lang = state.lang;
    readHash();
    written = location.hash;
    if (state.lang !== lang) { translate(); fillOptions(); }
    syncForm();
    refresh(false);
  };
  window.addEventListener("popstate", follow);
  window.addEventListener("hashchange", follow);
}

async function main() {
  readHash();
  try {
    await loadReference();
  } catch (err) {
    showError(err);
    document.body.dataset.state = "error";
    return;
  }
  translate();
  fillOptions();
  wire();
  syncForm();
  await refresh(false);
}

document.addEventListener("DOMContentLoaded", main);
