// The `/v1` API with the token the user entered, kept in this tab only (sessionStorage).

import { lang, t } from './i18n.js';

const TOKEN_KEY = 'tracker.audit.token';

export const token = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (value) => sessionStorage.setItem(TOKEN_KEY, value);
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** The response to a GET of `path` with the token; an answer that is not ok throws an `ApiError`. */
export async function api(path, accept = 'application/json') {
  if (!token()) throw new ApiError(401, t('tokenUnset'));
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${token()}`, Accept: accept, 'Accept-Language': lang === 'zh' ? 'zh-CN' : 'en' },
  });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    // A token the server refuses is not "set" any more: the page says so where it shows the token's state.
    if (response.status === 401) document.querySelector('#token-state').textContent = t('tokenRefused');
    throw new ApiError(response.status, detail);
  }
  return response;
}

export const getJson = async (path) => (await api(path)).json();

/** What to tell the user about a failed request. */
export function explain(error) {
  if (!(error instanceof ApiError)) return t('failed', error.message);
  if (error.status === 401) return token() ? t('unauthorized') : t('tokenUnset');
  if (error.status === 403) return t('forbidden');
  if (error.status === 404) return t('missing');
  return t('failed', error.message);
}
