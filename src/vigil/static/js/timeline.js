// Events per period and type as stacked bars: a small hand-written SVG chart.
import { h } from "./dom.js";
import { typeColor } from "./colors.js";

const SVG = "http://www.w3.org/2000/svg";
const WIDTH = 900;
const HEIGHT = 170;
const PAD = { left: 34, right: 8, top: 8, bottom: 22 };

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

export function drawTimeline(container, rows, onPeriod) {
  container.replaceChildren();
  if (!rows.length) {
    container.append(h("p", { class: "empty" }, "No dated events under these filters."));
    return;
  }
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const types = [...new Set(rows.map((r) => r.event_type))].sort();
  const totals = new Map(periods.map((p) => [p, 0]));
  for (const r of rows) totals.set(r.period, totals.get(r.period) + r.events);
  const max = Math.max(...totals.values());
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const barW = plotW / periods.length;
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "timeline-chart", role: "img" });
  svg.append(s("title", {}, "Events per period and type"));
  svg.append(s("line", { x1: PAD.left, y1: PAD.top + plotH, x2: WIDTH - PAD.right, y2: PAD.top + plotH, class: "axis" }));
  svg.append(s("text", { x: PAD.left - 4, y: PAD.top + 10, "text-anchor": "end", class: "tick" }, max));
  svg.append(s("text", { x: PAD.left - 4, y: PAD.top + plotH, "text-anchor": "end", class: "tick" }, 0));
  const stacked = new Map(periods.map((p) => [p, 0]));
  const index = new Map(periods.map((p, i) => [p, i]));
  for (const r of rows) {
    const below = stacked.get(r.period);
    const height = (r.events / max) * plotH;
    const x = PAD.left + index.get(r.period) * barW;
    const bar = s("rect", { x: x + barW * 0.08, width: Math.max(1, barW * 0.84), y: PAD.top + plotH - below - height,
      height: Math.max(0.5, height), fill: typeColor(r.event_type), class: "bar", "data-period": r.period });
    bar.append(s("title", {}, `${r.period}: ${r.events} ${r.event_type}`));
    bar.addEventListener("click", () => onPeriod(r.period));
    svg.append(bar);
    stacked.set(r.period, below + height);
  }
  const labelEvery = Math.max(1, Math.ceil(periods.length / 8));
  periods.forEach((p, i) => {
    if (i % labelEvery) return;
    svg.append(s("text", { x: PAD.left + i * barW + barW / 2, y: HEIGHT - 6, "text-anchor": "middle", class: "tick" }, p));
  });
  const legend = h("div", { class: "legend" }, types.map((type) => {
    const swatch = h("span", { class: "swatch" });
    swatch.style.backgroundColor = typeColor(type);
    return h("span", { class: "legend-item" }, swatch, type);
  }));
  container.append(svg, legend);
}
