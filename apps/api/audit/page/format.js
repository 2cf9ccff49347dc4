// How values and times from the API are shown.

import { h } from './dom.js';
import { lang, t } from './i18n.js';

export const timeFormat = () =>
  new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'medium',
  });

export const timeOf = (iso) => h('time', { datetime: iso }, `${timeFormat().format(new Date(iso))} (UTC+8)`);

export function show(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
