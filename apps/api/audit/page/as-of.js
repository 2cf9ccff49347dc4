// The as-of dialog: an object as it stood at one entry of its timeline.

import { explain, getJson } from './api.js';
import { $, h, say } from './dom.js';
import { showField, timeFormat } from './format.js';
import { fieldLabel, t } from './i18n.js';

/** Nested state as rows of `path → value`, lists of objects kept as JSON. */
function flatten(value, prefix = '', rows = []) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, rows);
  } else {
    rows.push([prefix, value]);
  }
  return rows;
}

export async function openAsOf(timeline, entry) {
  try {
    const state = await getJson(`/v1/${timeline.type}/${encodeURIComponent(timeline.id)}?version=${entry.version}`);
    $('#asof-heading').textContent = t('asOfHeading', timeline.label, entry.version);
    $('#asof-note').replaceChildren(t('asOfNote', timeFormat().format(new Date(entry.recordedAt))));
    $('#asof-table tbody').replaceChildren(
      ...flatten(state).map(([path, value]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row', title: path }, fieldLabel(path)),
          h('td', {}, showField(path, value, timeline.type)),
        ),
      ),
    );
    const dialog = $('#asof');
    dialog.showModal();
    // It opens at its top, on its heading (a modal focuses its first control otherwise: the close button below).
    $('#asof-heading').focus();
    dialog.scrollTop = 0;
  } catch (error) {
    say(explain(error));
  }
}
