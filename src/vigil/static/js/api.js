// The REST API, read as JSON. Empty parameters are left out.

export function query(params = {}) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function get(path, params = {}) {
  const response = await fetch(`api/${path}${query(params)}`, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || body.detail || `${path}: HTTP ${response.status}`);
  return body;
}
