// The page's language: chosen per tab (sessionStorage), Chinese unless English was picked.

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
