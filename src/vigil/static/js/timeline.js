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

const DAY = 86400000;

// rows: [{period: "YYYY-MM-DD" (a day, a week's Monday or a month's first day), event_type, events}];
// bucket: "day", "week" or "month".
export function drawTimeline(container, rows, onPeriod, bucket = "week") {
  container.replaceChildren();
  if (!rows.length) {
    container.append(h("p", { class: "empty" }, "No dated events under these filters."));
    return;
  }
  const step = ({ week: 7, month: 30.44 }[bucket] || 1) * DAY;
  const time = (period) => Date.parse(`${period}T00:00:00Z`);
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const types = [...new Set(rows.map((r) => r.event_type))].sort();
  const totals = new Map(periods.map((p) => [p, 0]));
  for (const r of rows) totals.set(r.period, totals.get(r.period) + r.events);
  const max = Math.max(...totals.values());
  const first = time(periods[0]);
  const span = time(periods[periods.length - 1]) + step - first;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (t) => PAD.left + ((t - first) / span) * plotW;
  const barW = Math.max(2, (step / span) * plotW * 0.9);
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "timeline-chart", role: "img" });
  svg.append(s("title", {}, `Events per ${bucket} and type`));
  svg.append(s("line", { x1: PAD.left, y1: PAD.top + plotH, x2: WIDTH - PAD.right, y2: PAD.top + plotH, class: "axis" }));
  svg.append(s("text", { x: PAD.left - 4, y: PAD.top + 10, "text-anchor": "end", class: "tick" }, max));
  svg.append(s("text", { x: PAD.left - 4, y: PAD.top + plotH, "text-anchor": "end", class: "tick" }, 0));
  const stacked = new Map(periods.map((p) => [p, 0]));
  for (const r of rows) {
    const below = stacked.get(r.period);
    const height = (r.events / max) * plotH;
    const bar = s("rect", { x: x(time(r.period)), width: barW, y: PAD.top + plotH - below - height,
      height: Math.max(0.5, height), fill: typeColor(r.event_type), class: "bar", "data-period": r.period });
    bar.append(s("title", {}, `${bucket} of ${r.period}: ${r.events} ${r.event_type}`));
    bar.addEventListener("click", () => onPeriod(r.period));
    svg.append(bar);
    stacked.set(r.period, below + height);
  }
  const label = span > 400 * DAY ? (t) => new Date(t).toISOString().slice(0, 7) : (t) => new Date(t).toISOString().slice(0, 10);
  const ticks = Math.min(8, Math.max(1, Math.round(span / step)));
  for (let i = 0; i <= ticks; i += 1) {
    const t = first + (span * i) / ticks;
    svg.append(s("line", { x1: x(t), x2: x(t), y1: PAD.top + plotH, y2: PAD.top + plotH + 4, class: "axis" }));
    svg.append(s("text", { x: x(t), y: HEIGHT - 6, "text-anchor": i === 0 ? "start" : i === ticks ? "end" : "middle",
      class: "tick" }, label(t)));
  }
  const legend = h("div", { class: "legend" }, types.map((type) => {
    const swatch = h("span", { class: "swatch" });
    swatch.style.backgroundColor = typeColor(type);
    return h("span", { class: "legend-item" }, swatch, type);
  }));
  container.append(svg, legend);
}
