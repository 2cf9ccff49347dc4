// The audit-history page: plain DOM, no framework, native ES modules. Every value from the API goes in as text,
// never as HTML. This entry wires the page's controls; each imported module does one job.

import { clearToken, setToken, token } from './api.js';
import { $ } from './dom.js';
import { currentDossier, forgetDossier, openDossier } from './dossier.js';
import { FILTER_INPUTS } from './filters.js';
import { lang, setLang, t } from './i18n.js';
import { search } from './search.js';
import { drawTimeline, timelines } from './timeline.js';

function showTokenState() {
  $('#token-state').textContent = token() ? t('tokenSet') : t('tokenUnset');
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = lang === 'zh' ? '审计追溯 · 智改数转进度' : 'Audit history · digital transformation progress';
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  const other = $('#lang');
  other.textContent = lang === 'zh' ? 'English' : '中文';
  other.lang = lang === 'zh' ? 'en' : 'zh-CN';
  showTokenState();
}

function start() {
  applyLanguage();
  $('#lang').addEventListener('click', () => {
    setLang(lang === 'zh' ? 'en' : 'zh');
    applyLanguage();
    const current = currentDossier();
    if (current) void openDossier(current);
  });
  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken($('#token').value.trim());
    $('#token').value = '';
    showTokenState();
    $('#q').focus();
  });
  $('#token-clear').addEventListener('click', () => {
    clearToken();
    $('#dossier').hidden = true;
    $('#results').replaceChildren();
    forgetDossier();
    showTokenState();
  });
  $('#search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void search($('#q').value.trim());
  });
  for (const id of FILTER_INPUTS) {
    $(id).addEventListener('input', () => timelines.filter((timeline) => timeline.loaded).forEach(drawTimeline));
  }
  $('#dossier-heading').tabIndex = -1;
}

start();
