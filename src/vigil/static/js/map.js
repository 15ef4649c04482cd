// The map: Natural Earth country shapes shaded by events (no tiles), and events counted per grid cell,
// clustered with leaflet.markercluster. Only aggregates inside the visible box are asked for.
import { get } from "./api.js";
import { h } from "./dom.js";
import { shade, typeColor } from "./colors.js";

const L = window.L;

export class EventMap {
  constructor(element, { onCountry, onCell, onEvent }) {
    this.handlers = { onCountry, onCell, onEvent };
    this.filters = {};
    this.counts = new Map(); // ISO numeric -> {country, events}
    this.request = 0;
    this.map = L.map(element, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomControl: true })
      .setView([25, 20], 2);
    this.map.attributionControl.addAttribution("Boundaries: Natural Earth (world-atlas)");
    this.countries = L.geoJSON(null, { style: (f) => this.countryStyle(f), onEachFeature: (f, layer) => this.bindCountry(f, layer) })
      .addTo(this.map);
    this.cluster = L.markerClusterGroup({ iconCreateFunction: (c) => clusterIcon(c), showCoverageOnHover: false,
      maxClusterRadius: 45, chunkedLoading: true });
    this.cluster.addTo(this.map);
    this.map.on("moveend", () => this.loadPoints());
  }

  async loadShapes() {
    const response = await fetch("vendor/world-atlas/countries-110m.json");
    const topo = await response.json();
    const shapes = window.topojson.feature(topo, topo.objects.countries);
    shapes.features = shapes.features.filter((f) => f.id !== ANTARCTICA).map(unwrapped);
    this.countries.addData(shapes);
  }

  async setFilters(filters) {
    this.filters = filters;
    await Promise.all([this.loadCountries(), this.loadPoints()]);
  }

  async loadCountries() {
    const { rows } = await get("map/countries", this.filters);
    this.counts = new Map(rows.filter((r) => r.numeric).map((r) => [r.numeric, r]));
    this.max = Math.max(1, ...rows.map((r) => r.events));
    this.restyleCountries();
    document.documentElement.dataset.shadedCountries = String(this.counts.size);
    return rows;
  }

  // Leaflet's setStyle ignores className on shapes already drawn, so the "shaded" class is set by hand.
  restyleCountries() {
    this.countries.eachLayer((layer) => {
      const style = this.countryStyle(layer.feature);
      layer.setStyle(style);
      layer.getElement()?.classList.toggle("shaded", style.className.includes("shaded"));
    });
  }

  countryStyle(feature) {
    const found = this.counts.get(feature.id);
    const fill = found ? shade(found.events, this.max) : "#f4f1ea";
    return { color: "#9a9a9a", weight: 0.6, fillColor: fill, fillOpacity: 1, className: found ? "country shaded" : "country" };
  }

  bindCountry(feature, layer) {
    layer.bindTooltip(() => {
      const found = this.counts.get(feature.id);
      return h("span", {}, feature.properties.name, found ? ` — ${found.events} events` : "");
    }, { sticky: true });
    layer.on("click", () => {
      const found = this.counts.get(feature.id);
      if (found) this.handlers.onCountry(found.country);
    });
  }

  async loadPoints() {
    const ticket = ++this.request;
    const bounds = this.map.getBounds().pad(0.25);
    // Longitudes wrapped into -180..180; a box across the antimeridian has west > east.
    const bbox = [wrap(bounds.getWest()), bounds.getSouth(), wrap(bounds.getEast()), bounds.getNorth()]
      .map((v) => v.toFixed(4)).join(",");
    const answer = await get("map", { ...this.filters, zoom: this.map.getZoom(), bbox: spansWorld(bounds) ? "" : bbox });
    if (ticket !== this.request) return; // a newer view has asked since
    this.cluster.clearLayers();
    this.cluster.addLayers(answer.rows.map((cell) => this.marker(cell)));
    document.documentElement.dataset.mapPoints = String(answer.rows.length);
    document.documentElement.dataset.mapEvents = String(answer.events);
    if (!performance.getEntriesByName("vigil-points-drawn").length) performance.mark("vigil-points-drawn");
  }

  marker(cell) {
    const single = cell.events === 1;
    const icon = L.divIcon({
      className: single ? "event-dot" : "cell-icon",
      html: single ? dot(cell.event_type) : h("span", {}, cell.events),
      iconSize: single ? [14, 14] : [30, 30],
    });
    const marker = L.marker([cell.lat, cell.lon], { icon, events: cell.events, keyboard: true,
      title: `${cell.events} event${single ? "" : "s"} — ${cell.location || "unnamed place"}` });
    if (single) marker.on("click", () => this.handlers.onEvent(cell.example_id));
    else marker.bindPopup(() => this.cellPopup(cell));
    return marker;
  }

  cellPopup(cell) {
    return h("div", { class: "cell-popup" },
      h("strong", {}, `${cell.events} events`), " near ", cell.location || "this point",
      cell.event_type ? h("div", {}, "all ", cell.event_type) : null,
      cell.last_date ? h("div", {}, "latest ", cell.last_date) : null,
      h("div", {}, h("button", { type: "button", onclick: () => this.handlers.onCell(cell) }, "List these events"), " ",
        h("button", { type: "button", onclick: () => this.handlers.onEvent(cell.example_id) }, "Open one")));
  }

  invalidate() {
    this.map.invalidateSize();
  }
}

const ANTARCTICA = "010"; // drawn as a band across the whole map, and no news comes from it

// A ring that crosses the antimeridian (Russia, Fiji) is made continuous (longitudes past 180)
// so that Leaflet does not draw a line across the whole world.
function unwrapped(feature) {
  const ring = (points) => {
    let shift = 0;
    return points.map(([lon, lat], i) => {
      if (i > 0) {
        const jump = lon - points[i - 1][0];
        if (jump > 180) shift -= 360;
        else if (jump < -180) shift += 360;
      }
      return [lon + shift, lat];
    });
  };
  const g = feature.geometry;
  if (!g) return feature;
  const coordinates = g.type === "Polygon" ? g.coordinates.map(ring)
    : g.type === "MultiPolygon" ? g.coordinates.map((polygon) => polygon.map(ring)) : g.coordinates;
  return { ...feature, geometry: { ...g, coordinates } };
}

function wrap(lon) {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

function spansWorld(bounds) {
  return bounds.getEast() - bounds.getWest() >= 360;
}

function dot(type) {
  const el = h("span", { class: "dot" });
  el.style.backgroundColor = typeColor(type);
  return el;
}

function clusterIcon(cluster) {
  const total = cluster.getAllChildMarkers().reduce((sum, m) => sum + (m.options.events || 1), 0);
  const size = total < 10 ? "small" : total < 1000 ? "medium" : "large";
  return L.divIcon({ className: `cell-icon cluster-${size}`, html: h("span", {}, total), iconSize: [36, 36] });
}
