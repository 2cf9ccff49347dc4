// How values and times from the API are shown.

import { h } from './dom.js';
import { districtLabel, enumLabel, fieldLabel, industryLabel, lang, parkLabel, t } from './i18n.js';
import { providerLabel } from './providers.js';

export const timeFormat = () =>
  new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'medium',
  });

export const timeOf = (iso) => h('time', { datetime: iso }, `${timeFormat().format(new Date(iso))} (UTC+8)`);

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function show(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'string' && ISO_MOMENT.test(value)) return `${timeFormat().format(new Date(value))} (UTC+8)`;
  if (Array.isArray(value)) return value.length ? value.map(show).join('、') : '—';
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([key, inner]) => `${key}：${show(inner)}`)
      .join('；');
  }
  return String(value);
}

/** Whose status an object's `status` field holds, by the object's type in the API. */
const STATUS_KINDS = { enterprises: 'enterpriseStatus', diagnostics: 'diagnosticStatus', projects: 'projectStage' };

/** Fields whose values are codes with names: the value is shown by its name. */
const NAMED = {
  status: (v, type) =>
    v === 'unregistered' || v === 'none' ? '—' : enumLabel(STATUS_KINDS[type] ?? 'diagnosticStatus', v),
  stage: (v) => enumLabel('projectStage', v),
  type: (v) => enumLabel('projectType', v),
  kind: (v) => enumLabel('diagnosticKind', v),
  level: (v) => (typeof v === 'number' ? `L${v}` : v),
  priority: (v) => enumLabel('priority', v),
  districtCode: districtLabel,
  parkId: parkLabel,
  providerId: providerLabel,
  industryCode: (v) => (industryLabel(v) === v ? v : `${industryLabel(v)}（${v}）`),
};

/**
 * A field's value of an object of `type` (`enterprises`, `diagnostics`, …) as people read it: a code by its name
 * (in lists and objects too), the rest as `show` does.
 */
export function showField(field, value, type) {
  const path = String(field);
  if (Array.isArray(value) && value.length) return value.map((item) => showField(`${path}[]`, item, type)).join('、');
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value)
      .map(([key, inner]) => `${fieldLabel(key)}：${showField(`${path}.${key}`, inner, type)}`)
      .join('；');
  }
  const last = path.split('.').at(-1);
  const named =
    /recommendation/.test(path) && last === 'status' ? (v) => enumLabel('recommendationStatus', v) : NAMED[last];
  return named && value !== null && value !== undefined ? String(named(value, type)) : show(value);
}
