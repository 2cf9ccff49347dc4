// The service providers' names (the provider pool is visible to every key that may read it), so that the page
// shows a provider by its name and not by its USCC. Loaded once per token; without them the USCC is shown.

import { getJson, token } from './api.js';

let names = new Map();
let loadedFor = null;

/** Loads the names for the current token (once), a few pages at most; a refusal leaves the ids as they are. */
export async function loadProviderNames() {
  if (loadedFor === token()) return;
  loadedFor = token();
  const found = new Map();
  try {
    let cursor = null;
    for (let page = 0; page < 5; page++) {
      const answer = await getJson(`/v1/providers?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      for (const provider of answer.items) found.set(provider.id, provider.name);
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
  } catch {
    // not allowed, or not now: ids are shown
  }
  names = found;
}

export const providerLabel = (id) => names.get(id) ?? id;
