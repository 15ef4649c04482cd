// An article's text with ranges marked: sentences as <mark>, their triggers in bold. Text nodes only.
import { h } from "./dom.js";

// ranges: [{start, end, class, title, href}] inside text; overlapping ranges are merged into the first.
export function markedText(text, ranges, inner = []) {
  const sorted = [...ranges].filter((r) => r.start < r.end).sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const range of sorted) {
    if (range.start < at) continue;
    parts.push(text.slice(at, range.start));
    const contained = inner.filter((r) => r.start >= range.start && r.end <= range.end)
      .map((r) => ({ ...r, start: r.start - range.start, end: r.end - range.start }));
    const mark = h("mark", { class: range.class, title: range.title, dataset: range.dataset || {} },
      ...innerMarks(text.slice(range.start, range.end), contained));
    parts.push(range.href ? h("a", { href: range.href, class: "mark-link" }, mark) : mark);
    at = range.end;
  }
  parts.push(text.slice(at));
  return parts;
}

function innerMarks(text, ranges) {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const range of sorted) {
    if (range.start < at) continue;
    parts.push(text.slice(at, range.start), h("strong", { class: range.class }, text.slice(range.start, range.end)));
    at = range.end;
  }
  parts.push(text.slice(at));
  return parts;
}
