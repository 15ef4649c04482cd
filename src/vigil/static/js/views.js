// The pages other than the map: an event with its sources, a document, an actor's spread, quotes, search.
import { get } from "./api.js";
import { clear, fmt, h, link, safeUrl, table } from "./dom.js";
import { markedText } from "./highlight.js";

export const PRECISION = { 1: "the place itself", 2: "near it, or its district", 3: "its region or country" };

function fail(section, error) {
  section.append(h("p", { class: "error" }, String(error.message || error)));
}

function actorLink(name) {
  return name ? link(`#/spread?actor=${encodeURIComponent(name)}`, name) : "—";
}

export async function showEvent(section, id) {
  clear(section).append(h("p", { class: "loading" }, "Loading event…"));
  let answer;
  try {
    answer = await get(`events/${encodeURIComponent(id)}`);
  } catch (error) {
    clear(section);
    return fail(section, error);
  }
  const e = answer.event;
  clear(section).append(
    h("p", {}, link("#/", "← back to the map")),
    h("h1", { class: "event-title" }, `${e.event_type}${e.acled_sub_event_type ? ` — ${e.acled_sub_event_type}` : ""}`),
    h("dl", { class: "facts" },
      fact("Actors", actorLink(e.actor1), e.actor2 ? [" → ", actorLink(e.actor2)] : null),
      fact("Where", fmt(e.location), e.admin1 ? `, ${e.admin1}` : "", e.country ? ` (${e.country})` : "",
        e.geo_precision ? ` — precision ${e.geo_precision}: ${PRECISION[e.geo_precision] || ""}` : ""),
      fact("When", fmt(e.date), e.date_end && e.date_end !== e.date ? ` to ${e.date_end}` : ""),
      fact("Status", fmt(e.status), e.mode ? `, ${e.mode}` : ""),
      fact("ACLED type", fmt(e.acled_event_type)),
      fact("Fatalities", fmt(e.fatalities)),
      fact("Confidence", e.confidence === null ? "—" : Number(e.confidence).toFixed(2)),
      fact("Reports", `${answer.reports.length} report(s) in ${answer.documents.length} document(s)`)),
  );
  for (const doc of answer.documents) {
    const reports = answer.reports.filter((r) => r.doc_ids[0] === doc.id);
    section.append(articleCard(doc, reports, e.id));
  }
  const first = section.querySelector("mark.current") || section.querySelector("mark.sentence");
  if (first) first.scrollIntoView({ block: "center" });
}

function fact(name, ...value) {
  return [h("dt", {}, name), h("dd", {}, ...value)];
}

function articleCard(doc, reports, currentId) {
  const url = safeUrl(doc.url);
  const sentences = reports.map((r) => ({ start: r.sentence_start, end: r.sentence_end,
    class: r.id === currentId ? "sentence current" : "sentence", title: `${r.event_type} (${r.id})`,
    dataset: { event: r.id } }));
  const triggers = reports.map((r) => ({ start: r.start, end: r.end, class: "trigger" }));
  return h("article", { class: "source", dataset: { doc: doc.id } },
    h("h2", {}, link(`#/doc/${encodeURIComponent(doc.id)}`, doc.title || doc.origin || doc.id)),
    h("p", { class: "meta" }, [doc.source, doc.published].filter(Boolean).join(" · ") || "undated",
      url ? [" · ", h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null),
    h("div", { class: "article-text" }, markedText(doc.text || "", sentences, triggers)));
}

export async function showDocument(section, id) {
  clear(section).append(h("p", { class: "loading" }, "Loading document…"));
  let doc;
  try {
    doc = await get(`documents/${encodeURIComponent(id)}`);
  } catch (error) {
    clear(section);
    return fail(section, error);
  }
  const events = doc.events.map((e) => ({ start: e.sentence_start ?? e.start, end: e.sentence_end ?? e.end,
    class: "sentence", title: e.event_type, href: `#/event/${encodeURIComponent(e.id)}`, dataset: { event: e.id } }));
  const quotes = doc.quotes.map((q) => ({ start: q.start, end: q.end, class: "quote", title: `quote: ${q.speaker || "unattributed"}` }));
  const url = safeUrl(doc.url);
  clear(section).append(
    h("p", {}, link("#/", "← back to the map")),
    h("h1", { class: "doc-title" }, doc.title || doc.origin || doc.id),
    h("p", { class: "meta" }, [doc.source, doc.published, doc.author].filter(Boolean).join(" · ") || "undated",
      url ? [" · ", h("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, "original")] : null),
    h("p", { class: "legend" }, h("mark", { class: "sentence" }, "event sentence"), " ", h("mark", { class: "quote" }, "quote")),
    h("div", { class: "article-text" }, markedText(doc.text || "", [...events, ...quotes])),
    h("h2", {}, `Events (${doc.events.length})`),
    table(["Type", "Actors", "Where", "When", "Status"], doc.events.map((e) => [
      link(`#/event/${encodeURIComponent(e.id)}`, e.event_type), [fmt(e.actor1), e.actor2 ? ` → ${e.actor2}` : ""],
      fmt(e.location), fmt(e.date), e.status])),
    h("h2", {}, `Quotes (${doc.quotes.length})`),
    table(["Speaker", "Quote"], doc.quotes.map((q) => [fmt(q.speaker), q.text])),
  );
}

// "N", or "N, the M with most events shown" when the server capped a long list (its `*_total`)
function shown(spread, name) {
  const total = spread[`${name}_total`] ?? spread[name].length;
  return total > spread[name].length ? `${total}, the ${spread[name].length} with most events shown` : `${total}`;
}

export async function showSpread(section, params) {
  const actor = params.get("actor") || "";
  const form = h("form", { class: "inline-form" },
    h("label", {}, "Actor ", h("input", { name: "actor", value: actor, list: "actor-list", placeholder: "e.g. Islamic State" })),
    h("label", {}, " window (days) ", h("input", { name: "window", type: "number", min: 1, value: params.get("window") || 30 })),
    h("button", { type: "submit" }, "Show spread"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    location.hash = `#/spread?actor=${encodeURIComponent(data.get("actor"))}&window=${encodeURIComponent(data.get("window"))}`;
  });
  clear(section).append(h("h1", {}, "Where an actor is active"), form);
  if (!actor) {
    section.append(h("p", {}, "First and last reported activity per country and admin1 region, and the areas new in the last window."));
    return;
  }
  let spread;
  try {
    spread = await get("spread", { actor, window: params.get("window") || 30 });
  } catch (error) {
    return fail(section, error);
  }
  const area = (a) => [fmt(a.country), fmt(a.admin1), fmt(a.first_seen), fmt(a.last_seen), a.events, a.documents, fmt(a.places)];
  const headers = ["Country", "Admin1", "First seen", "Last seen", "Events", "Documents", "Places"];
  section.append(
    h("p", { class: "meta" }, `${spread.actor} — ids: ${spread.actor_ids.join(", ") || "none found"} · `,
      link(`#/?actor=${encodeURIComponent(actor)}`, "its events on the map")),
    h("h2", {}, `New areas in the last ${spread.window_days} days (${shown(spread, "new_areas")})`),
    spread.new_areas.length ? table(headers, spread.new_areas.map(area)) : h("p", { class: "empty" }, "None."),
    h("h2", {}, `All areas (${shown(spread, "areas")})`),
    table(headers, spread.areas.map(area)),
    h("h2", {}, "Change against the baseline"),
    table(["Country", "Admin1", "Last window", "Baseline", "Ratio"], spread.changes.map((c) => [
      fmt(c.country), fmt(c.admin1), c.recent, Number(c.baseline).toFixed(1), c.ratio === null ? "—" : Number(c.ratio).toFixed(2)])),
    h("h2", {}, "Who speaks about it"),
    table(["Speaker", "Organisation", "Quotes"], spread.speakers.map((s) => [fmt(s.speaker), fmt(s.speaker_org ?? s.org), fmt(s.quotes)])),
  );
}

export async function showQuotes(section, params) {
  const speaker = params.get("speaker") || "";
  const actor = params.get("actor") || "";
  const form = h("form", { class: "inline-form" },
    h("label", {}, "Speaker ", h("input", { name: "speaker", value: speaker })),
    h("label", {}, " Actor ", h("input", { name: "actor", value: actor, list: "actor-list" })),
    h("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
    location.hash = `#/quotes?${data}`;
  });
  const speakers = h("div", { class: "speakers" });
  const list = h("div", { class: "quotes" });
  clear(section).append(h("h1", {}, "Quotes"), form, h("div", { class: "two-columns" }, speakers, list));
  try {
    const [who, said] = await Promise.all([get("speakers", { actor, limit: 60 }), get("quotes", { speaker, actor, limit: 100 })]);
    speakers.append(h("h2", {}, "Speakers"), h("ul", {}, who.rows.map((s) => h("li", {},
      link(`#/quotes?speaker=${encodeURIComponent(s.speaker)}`, s.speaker), s.speaker_org ? ` (${s.speaker_org})` : "",
      ` — ${s.quotes}`))));
    list.append(h("h2", {}, `${said.count} quote(s)`), ...said.rows.map((q) => h("blockquote", { class: "quote-card" },
      h("p", {}, q.text),
      h("footer", {}, fmt(q.speaker), q.speaker_org ? `, ${q.speaker_org}` : "", q.date ? ` — ${q.date}` : "", " · ",
        link(`#/doc/${encodeURIComponent(q.doc_id)}`, "article")))));
  } catch (error) {
    fail(section, error);
  }
}

export async function showSearch(section, params) {
  const q = params.get("q") || "";
  clear(section).append(h("h1", {}, `Articles matching “${q}”`));
  if (!q) return;
  try {
    const { rows } = await get("search", { q, limit: 50 });
    if (!rows.length) section.append(h("p", { class: "empty" }, "No article matches."));
    section.append(h("ol", { class: "results" }, rows.map((r) => h("li", {},
      link(`#/doc/${encodeURIComponent(r.id)}`, r.title || r.origin || r.id),
      h("span", { class: "meta" }, " ", [r.source, r.published].filter(Boolean).join(" · ")),
      h("p", { class: "snippet" }, snippet(r.snippet || ""))))));
  } catch (error) {
    fail(section, error);
  }
}

// SQLite's snippet() brackets the matched words: show them marked, as text.
function snippet(text) {
  return text.split(/(\[[^\]]*\])/).map((part) =>
    part.startsWith("[") && part.endsWith("]") ? h("mark", {}, part.slice(1, -1)) : part);
}
