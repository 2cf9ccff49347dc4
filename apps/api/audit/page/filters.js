// The timeline filters: type, actor, recorded dates, backdated only.

import { $, h } from './dom.js';
import { eventName, t } from './i18n.js';

export const FILTER_INPUTS = ['#filter-type', '#filter-actor', '#filter-from', '#filter-to', '#filter-backdated'];

export function filterState() {
  return {
    type: $('#filter-type').value,
    actor: $('#filter-actor').value.trim().toLowerCase(),
    from: $('#filter-from').value,
    to: $('#filter-to').value,
    backdated: $('#filter-backdated').checked,
  };
}

export function passes(entry, filter) {
  const recordedDay = entry.recordedAt.slice(0, 10);
  if (filter.type && entry.type !== filter.type) return false;
  if (filter.backdated && !entry.backdated) return false;
  if (filter.from && recordedDay < filter.from) return false;
  if (filter.to && recordedDay > filter.to) return false;
  if (filter.actor) {
    const who = `${entry.actor.id} ${entry.actor.role} ${entry.actor.org ?? ''}`.toLowerCase();
    if (!who.includes(filter.actor)) return false;
  }
  return true;
}

/** Offers the event types of the loaded timelines, keeping the chosen one while it is still there. */
export function refreshTypeFilter(timelines) {
  const select = $('#filter-type');
  const chosen = select.value;
  const types = [...new Set(timelines.flatMap((timeline) => timeline.entries.map((entry) => entry.type)))].sort();
  select.replaceChildren(
    h('option', { value: '' }, t('filterAll')),
    ...types.map((type) => h('option', { value: type, title: type }, eventName(type))),
  );
  select.value = types.includes(chosen) ? chosen : '';
}
