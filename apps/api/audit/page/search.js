// The enterprise search: a USCC, or part of a name or id, answered by the enterprises the token may see.

import { explain, getJson } from './api.js';
import { $, h, say } from './dom.js';
import { openDossier } from './dossier.js';
import { t } from './i18n.js';

export async function search(text) {
  say(t('searching'));
  $('#results').replaceChildren();
  try {
    const page = await getJson(`/v1/enterprises?limit=20&q=${encodeURIComponent(text)}`);
    $('#results').replaceChildren(
      ...page.items.map((e) =>
        h(
          'li',
          {},
          h('button', { type: 'button', class: 'result', onclick: () => openDossier(e.id) }, `${e.name} · ${e.uscc}`),
          ` ${e.districtCode} · ${e.parkId}${e.level === null ? '' : ` · L${e.level}`}`,
        ),
      ),
    );
    say(page.items.length ? t('found', page.items.length) : t('notFound'));
  } catch (error) {
    say(explain(error));
  }
}
