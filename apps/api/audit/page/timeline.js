// The collapsible timelines of a dossier's objects: loading their history page by page, drawing them through
// the filters, exporting them.

import { api, explain, getJson } from './api.js';
import { h, say } from './dom.js';
import { entryView } from './entry-view.js';
import { filterState, passes, refreshTypeFilter } from './filters.js';
import { t } from './i18n.js';

const HISTORY_PAGE = 200;

/** The timelines on the page, so the filters and the language switch can redraw them. */
export const timelines = [];

export function drawTimeline(timeline) {
  const filter = filterState();
  // Grouping looks at the entry before in the whole timeline, not the one before among the filtered.
  const views = timeline.entries.flatMap((entry, index) =>
    passes(entry, filter) ? [entryView(timeline, entry, timeline.entries[index - 1])] : [],
  );
  timeline.list.replaceChildren(...views);
  timeline.count.textContent = t('entries', views.length, timeline.entries.length);
  timeline.more.hidden = timeline.nextCursor === null;
}

export async function loadTimeline(timeline) {
  const cursor = timeline.nextCursor ? `&cursor=${encodeURIComponent(timeline.nextCursor)}` : '';
  const page = await getJson(
    `/v1/${timeline.type}/${encodeURIComponent(timeline.id)}/history?limit=${HISTORY_PAGE}${cursor}`,
  );
  timeline.entries.push(...page.items);
  timeline.nextCursor = page.nextCursor;
  timeline.loaded = true;
  refreshTypeFilter(timelines);
  drawTimeline(timeline);
}

async function download(timeline, format) {
  try {
    const response = await api(
      `/v1/${timeline.type}/${encodeURIComponent(timeline.id)}/history/export?format=${format}`,
    );
    const file = `${timeline.type}-${timeline.id}-history.${format}`;
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: file });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    say(t('exported', file));
  } catch (error) {
    say(explain(error));
  }
}

/** A collapsible timeline of one object, with its export buttons. */
export function objectView(type, id, label, details, open) {
  const headingId = `h-${type}-${id}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const timeline = { type, id, label, entries: [], nextCursor: null, loaded: false };
  timeline.list = h('ol', { class: 'timeline', 'aria-labelledby': headingId });
  timeline.count = h('p', { class: 'quiet count' });
  timeline.more = h(
    'button',
    { type: 'button', hidden: true, onclick: () => loadTimeline(timeline).catch((e) => say(explain(e))) },
    t('loadMore'),
  );
  const body = h('div', { id: `${headingId}-body`, hidden: !open }, timeline.count, timeline.list, timeline.more);
  const toggle = h(
    'button',
    { type: 'button', class: 'toggle', 'aria-expanded': String(open), 'aria-controls': body.id },
    open ? t('hideTimeline') : t('showTimeline'),
  );
  toggle.addEventListener('click', async () => {
    const opening = body.hidden;
    body.hidden = !opening;
    toggle.setAttribute('aria-expanded', String(opening));
    toggle.textContent = opening ? t('hideTimeline') : t('showTimeline');
    if (opening && !timeline.loaded) {
      say(t('loading'));
      await loadTimeline(timeline).then(
        () => say(''),
        (e) => say(explain(e)),
      );
    }
  });
  timelines.push(timeline);
  const section = h(
    'section',
    { class: `object ${type}`, 'aria-labelledby': headingId, 'data-id': id },
    h('h3', { id: headingId }, label),
    details,
    h(
      'div',
      { class: 'actions' },
      toggle,
      h('button', { type: 'button', onclick: () => download(timeline, 'csv') }, t('exportCsv')),
      h('button', { type: 'button', onclick: () => download(timeline, 'json') }, t('exportJson')),
    ),
    body,
  );
  return { section, timeline };
}
