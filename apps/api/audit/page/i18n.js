// The page's language: chosen per tab (sessionStorage), Chinese unless English was picked.

import { LABELS } from './labels.js';
import { TEXT } from './text.js';

const LANG_KEY = 'tracker.audit.lang';

/** `'zh'` or `'en'`; importers read it live, only `setLang` changes it. */
export let lang = sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';

export function setLang(next) {
  lang = next;
  sessionStorage.setItem(LANG_KEY, lang);
}

/** The text under `key` in the current language; a function's text is called with `args`. */
export const t = (key, ...args) => {
  const value = TEXT[lang][key];
  return typeof value === 'function' ? value(...args) : value;
};

/** A role's name in the current language, or the role itself when the page has no name for it. */
export const roleName = (role) => TEXT[lang].roles[role] ?? role;

/** An event type's name in the current language (the server's catalogue), or the type itself. */
export const eventName = (type) => LABELS.events[type]?.[lang] ?? type;

/** An enumeration's value by its name (`projectStage`, `diagnosticStatus`, …), or the value itself. */
export const enumLabel = (kind, value) => LABELS.enums[kind]?.[value]?.[lang] ?? value;

/** A GB/T 4754 code's division name (`C3911` → division 39), or the code itself. */
export const industryLabel = (code) => LABELS.industries[/^[A-Z]?(\d{2})/.exec(code ?? '')?.[1]]?.[lang] ?? code;

export const districtLabel = (code) => LABELS.districts[code] ?? code;
export const parkLabel = (id) => LABELS.parks[id] ?? id;

/** A field path's name by its longest known prefix (`points.F4` → 指标得分 F4), or the path itself. */
export function fieldLabel(path) {
  const segments = String(path)
    .replace(/\[(\d+)\]/g, (_, i) => `.${Number(i) + 1}`)
    .split('.');
  for (let length = segments.length; length > 0; length--) {
    const names = LABELS.fields[segments.slice(0, length).join('.')];
    if (names) return [names[lang], ...segments.slice(length)].join(' ');
  }
  return path;
}
