// One entry of a timeline: who, when, what changed and why, and the button for the as-of view.

import { openAsOf } from './as-of.js';
import { h } from './dom.js';
import { showField, timeOf } from './format.js';
import { eventName, fieldLabel, roleName, t } from './i18n.js';

/** The changed fields as a table of field, old and new value. */
function changesView(entry, type) {
  return entry.changes.length
    ? h(
        'table',
        { class: 'changes' },
        h('caption', { class: 'visually-hidden' }, t('what')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('field')),
            h('th', { scope: 'col' }, t('from')),
            h('th', { scope: 'col' }, t('to')),
          ),
        ),
        h(
          'tbody',
          {},
          entry.changes.map((change) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row', title: change.field }, fieldLabel(change.field)),
              h('td', { class: 'old' }, showField(change.field, change.from, type)),
              h('td', { class: 'new' }, showField(change.field, change.to, type)),
            ),
          ),
        ),
      )
    : h('p', { class: 'quiet' }, t('noChanges'));
}

/** An entry; `previous` is the entry before it in the whole timeline, for grouping one command's events. */
export function entryView(timeline, entry, previous) {
  const grouped = previous !== undefined && previous.correlationId === entry.correlationId;
  const heading = eventName(entry.type);
  const changes = changesView(entry, timeline.type);
  const why = [
    entry.reason && [t('reason'), entry.reason],
    entry.comment && [t('comment'), entry.comment],
    entry.approvedBy && [t('approvedBy'), entry.approvedBy],
    entry.evidence.length > 0 && [t('evidence'), entry.evidence.join(', ')],
  ].filter(Boolean);
  return h(
    'li',
    { class: `entry${grouped ? ' grouped' : ''}${entry.backdated ? ' is-backdated' : ''}`, 'data-type': entry.type },
    h(
      'h4',
      {},
      h('span', { class: 'version' }, `v${entry.version}`),
      ' ',
      heading,
      ' ',
      h('span', { class: 'summary' }, entry.summary),
    ),
    grouped ? h('p', { class: 'quiet' }, `↳ ${t('sameCommand')}`) : null,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('who')),
      h(
        'dd',
        { class: 'actor' },
        `${roleName(entry.actor.role)} · ${entry.actor.id}`,
        entry.actor.org ? ` · ${entry.actor.org}` : '',
        entry.onBehalfOf ? ` · ${t('onBehalfOf')} ${entry.onBehalfOf}` : '',
        ` · ${t('source')} ${entry.source}`,
      ),
      h('dt', {}, t('when')),
      h(
        'dd',
        {},
        `${t('occurred')} `,
        timeOf(entry.occurredAt),
        ` · ${t('recorded')} `,
        timeOf(entry.recordedAt),
        entry.backdated ? h('strong', { class: 'badge' }, ` ${t('backdated')}`) : null,
      ),
      why.length
        ? [
            h('dt', {}, t('why')),
            h('dd', { class: 'why' }, why.map(([label, value]) => `${label}: ${value}`).join(' · ')),
          ]
        : null,
      h('dt', {}, t('correlation')),
      h('dd', { class: 'quiet' }, entry.correlationId),
    ),
    changes,
    h('button', { type: 'button', class: 'asof', onclick: () => openAsOf(timeline, entry) }, t('asOf')),
  );
}
