// The enterprise search: a USCC, or part of a name or id, answered by the enterprises the token may see, a page
// at a time.

import { explain, getJson } from './api.js';
import { $, h, say } from './dom.js';
import { openDossier } from './dossier.js';
import { districtLabel, industryLabel, parkLabel, t } from './i18n.js';

const PAGE = 20;

function resultView(e) {
  const where = [districtLabel(e.districtCode), parkLabel(e.parkId), industryLabel(e.industryCode)];
  return h(
    'li',
    {},
    h('button', { type: 'button', class: 'result', onclick: () => openDossier(e.id) }, `${e.name} · ${e.uscc}`),
    ` ${where.filter(Boolean).join(' · ')}${e.level === null ? '' : ` · L${e.level}`}`,
  );
}

export async function search(text) {
  say(t('searching'));
  $('#results').replaceChildren();
  $('#more-results').hidden = true;
  let shown = 0;
  const more = async (cursor) => {
    try {
      const query = `limit=${PAGE}&q=${encodeURIComponent(text)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await getJson(`/v1/enterprises?${query}`);
      $('#results').append(...page.items.map(resultView));
      shown += page.items.length;
      const button = $('#more-results');
      button.hidden = !page.nextCursor;
      button.onclick = page.nextCursor ? () => void more(page.nextCursor) : null;
      say(shown === 0 ? t('notFound') : page.nextCursor ? t('foundMore', shown) : t('found', shown));
    } catch (error) {
      say(explain(error));
    }
  };
  await more(null);
}
