// Colours: one per PLOVER event type (stable by name), and a ramp for country shading.

const PALETTE = ["#c0392b", "#2471a3", "#d68910", "#239b56", "#7d3c98", "#17a589", "#b9770e", "#5d6d7e",
  "#cb4335", "#2e86c1", "#28b463", "#af7ac5", "#dc7633", "#148f77", "#34495e", "#a93226"];

export function typeColor(type) {
  let hash = 0;
  for (const ch of String(type || "")) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

const RAMP = ["#fde0c5", "#facba6", "#f8b58b", "#f59e72", "#f2855d", "#ef6a4c", "#eb4a40"];

// Shade of a country with `events` events, on a log scale up to the busiest country.
export function shade(events, max) {
  if (!events) return null;
  const step = max <= 1 ? RAMP.length - 1 : Math.round((Math.log(events) / Math.log(max)) * (RAMP.length - 1));
  return RAMP[Math.min(RAMP.length - 1, Math.max(0, step))];
}
