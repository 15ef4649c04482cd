// Vigil's dashboard: a hash router over the map view and the other pages.
import { get } from "./api.js";
import { clear, fmt, h, link } from "./dom.js";
import { EventMap } from "./map.js";
import { drawTimeline } from "./timeline.js";
import { PRECISION, showDocument, showEvent, showQuotes, showSearch, showSpread } from "./views.js";

const FILTERS = ["actor", "type", "country", "since", "until", "status", "precision", "bbox"];
const PAGE = 50;
const $ = (selector) => document.querySelector(selector);

let eventMap = null;
let filters = {};
let listOffset = 0;
let choices = null; // the filters' options, asked for once the first page is drawn

function route() {
  const [path, search = ""] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(search);
  const [, page = "", id = ""] = path.split("/");
  const view = { "": "map", event: "event", doc: "doc", spread: "spread", quotes: "quotes", search: "search" }[page] || "map";
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${view}`;
  for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === view);
  document.documentElement.dataset.view = view;
  const section = $(`#view-${view}`);
  $("#search-input").value = view === "search" ? params.get("q") || "" : "";
  const id_ = decodeURIComponent(id);
  if (view === "map") return showMap(params);
  window.scrollTo(0, 0);
  if (view === "event") return showEvent(section, id_);
  if (view === "doc") return showDocument(section, id_);
  if (view === "spread") return showSpread(section, params);
  if (view === "quotes") return showQuotes(section, params);
  if (view === "search") return showSearch(section, params);
}

async function showMap(params) {
  const wanted = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || ""]));
  fillForm(wanted);
  eventMap.invalidate();
  const changed = FILTERS.some((k) => (filters[k] || "") !== wanted[k]) || !eventMap.loaded;
  if (!changed) return;
  filters = wanted;
  eventMap.loaded = true;
  const { bbox, ...mapFilters } = filters; // the list may be narrowed to a cell; the map is not
  await eventMap.setFilters(mapFilters); // the map first: the server answers one request at a time
  await Promise.all([loadTimeline(), loadList(true)]);
}

function fillForm(values) {
  const form = $("#filters");
  for (const key of FILTERS) if (form.elements[key]) form.elements[key].value = values[key];
}

function navigate(values) {
  const params = new URLSearchParams(Object.entries(values).filter(([, v]) => v));
  location.hash = `#/?${params}`;
}

async function loadTimeline() {
  const bucket = document.querySelector("input[name=bucket]:checked").value;
  const { bbox, ...rest } = filters;
  // over more than two years, days come back as weeks, over five years as months: the answer's `bucket` says which
  const { rows, bucket: shown = bucket } = await get("histogram", { ...rest, bucket });
  drawTimeline($("#timeline"), rows, (period) => {
    const end = new Date(period);
    if (shown === "month") end.setUTCMonth(end.getUTCMonth() + 1, 0);  // the month's last day
    else end.setUTCDate(end.getUTCDate() + (shown === "week" ? 6 : 0));
    navigate({ ...filters, since: period, until: end.toISOString().slice(0, 10) });
  }, shown);
}

async function loadList(fresh) {
  if (fresh) listOffset = 0;
  const list = $("#event-list");
  const answer = await get("map/events", { ...filters, limit: PAGE, offset: listOffset });
  if (fresh) clear(list);
  $("#event-list-title").textContent = `Events (${answer.total})${filters.bbox ? " in the chosen map cell" : ""}`;
  for (const e of answer.rows) list.append(eventRow(e));
  listOffset += answer.rows.length;
  $("#event-more").hidden = listOffset >= answer.total;
}

function eventRow(e) {
  return h("div", { class: "event-row", dataset: { event: e.id } },
    h("span", { class: "date" }, fmt(e.date)), " ",
    link(`#/event/${encodeURIComponent(e.id)}`, e.event_type), " ",
    h("span", { class: "where" }, fmt(e.location), e.country ? ` (${e.country})` : ""), " ",
    h("span", { class: "actors" }, fmt(e.actor1), e.actor2 ? ` → ${e.actor2}` : ""),
    h("div", { class: "sentence" }, e.sentence));
}

async function loadChoices() {
  const [facets, actors, countries, stats] = await Promise.all([
    get("facets"), get("actors", { limit: 200 }), get("map/countries"), get("stats")]);
  const form = $("#filters");
  const options = (select, rows, label = (r) => `${r.value} (${r.events})`) => {
    for (const r of rows) if (r.value !== null) select.append(h("option", { value: r.value }, label(r)));
  };
  options(form.elements.type, facets.event_type);
  options(form.elements.status, facets.status, (r) => r.value);
  options(form.elements.precision, facets.geo_precision, (r) => `${r.value}: ${PRECISION[r.value] || ""}`);
  options(form.elements.country, countries.rows.map((r) => ({ value: r.country, events: r.events })));
  const datalist = $("#actor-list");
  for (const a of actors.rows) datalist.append(h("option", { value: a.name }));
  $("#stats").textContent = `${stats.documents} articles · ${stats.events} event reports · ${stats.quotes} quotes`;
  fillForm(filters);
}

function wireForms() {
  const form = $("#filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(Object.fromEntries(new FormData(form)));
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    navigate({});
  });
  for (const select of form.querySelectorAll("select")) select.addEventListener("change", () => form.requestSubmit());
  $("#search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = `#/search?q=${encodeURIComponent($("#search-input").value)}`;
  });
  for (const radio of document.querySelectorAll("input[name=bucket]")) radio.addEventListener("change", loadTimeline);
  $("#event-more").addEventListener("click", () => loadList(false));
}

function start() {
  wireForms();
  eventMap = new EventMap($("#map"), {
    onCountry: (country) => navigate({ ...filters, country, bbox: "" }),
    onCell: (cell) => navigate({ ...filters, bbox: cell.bbox.map((v, i) => (v + (i < 2 ? -1e-6 : 1e-6)).toFixed(6)).join(",") }),
    onEvent: (id) => { location.hash = `#/event/${encodeURIComponent(id)}`; },
  });
  eventMap.loadShapes().then(() => eventMap.loaded && eventMap.restyleCountries());
  window.addEventListener("hashchange", render);
  render();
}

// Renders the page of the address; marks the document with the address once drawn (tests wait for it).
async function render() {
  const hash = location.hash;
  delete document.documentElement.dataset.rendered;
  try {
    await route();
    choices = choices || loadChoices();
    await choices;
  } catch (error) {
    showError(error);
  }
  if (hash !== location.hash) return;
  if (!performance.getEntriesByName("vigil-rendered").length) performance.mark("vigil-rendered");
  document.documentElement.dataset.rendered = hash || "#/";
}

function showError(error) {
  document.body.append(h("p", { class: "error floating" }, String(error.message || error)));
}

// The vendor scripts are deferred and run before this module.
start();
