// The 一企一档 dossier of one enterprise: its profile, and the timelines of it, its diagnostics and projects.

import { explain, getJson } from './api.js';
import { $, h, say } from './dom.js';
import { show } from './format.js';
import { districtLabel, enumLabel, industryLabel, parkLabel, t } from './i18n.js';
import { loadProviderNames } from './providers.js';
import { loadTimeline, objectView, timelines } from './timeline.js';

function facts(pairs) {
  return h(
    'dl',
    { class: 'summary-facts' },
    pairs.map(([label, value]) => [h('dt', {}, label), h('dd', {}, show(value))]),
  );
}

/** The id of the enterprise whose dossier is open, or null. */
let current = null;

export async function openDossier(enterpriseId) {
  say(t('loading'));
  try {
    const [enterprise] = await Promise.all([
      getJson(`/v1/enterprises/${encodeURIComponent(enterpriseId)}`),
      loadProviderNames(),
    ]);
    current = enterpriseId;
    timelines.length = 0;
    $('#profile').replaceChildren(
      ...[
        [t('name'), enterprise.name],
        [t('uscc'), enterprise.uscc],
        [t('industry'), `${industryLabel(enterprise.industryCode)}（${enterprise.industryCode}）`],
        [t('district'), districtLabel(enterprise.districtCode)],
        [t('park'), parkLabel(enterprise.parkId)],
        [t('aboveSize'), enterprise.aboveDesignatedSize],
        [t('status'), enumLabel('enterpriseStatus', enterprise.status)],
        [t('level'), enterprise.level === null ? null : `L${enterprise.level}`],
      ].flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, show(value))]),
    );
    const own = objectView('enterprises', enterprise.id, `${t('enterprise')} · ${enterprise.name}`, null, true);
    const diagnostics = enterprise.diagnostics.map((d) =>
      objectView(
        'diagnostics',
        d.id,
        `${t('diagnostic')} · ${enumLabel('diagnosticKind', d.kind)} · ${d.plannedDate}`,
        facts([
          [t('status'), enumLabel('diagnosticStatus', d.status)],
          [t('level'), d.level === null ? null : `L${d.level}`],
          [t('plannedDate'), d.plannedDate],
        ]),
        false,
      ),
    );
    const projects = enterprise.projects.items.map((p) =>
      objectView(
        'projects',
        p.id,
        `${t('project')} · ${p.name}`,
        facts([
          [t('stage'), enumLabel('projectStage', p.stage)],
          [t('projectType'), enumLabel('projectType', p.type)],
        ]),
        false,
      ),
    );
    $('#objects').replaceChildren(
      ...[
        own.section,
        h('h3', { class: 'group' }, t('diagnosticsHeading')),
        diagnostics.length ? diagnostics.map((d) => d.section) : h('p', { class: 'quiet' }, t('noDiagnostics')),
        h('h3', { class: 'group' }, t('projectsHeading')),
        projects.length ? projects.map((p) => p.section) : h('p', { class: 'quiet' }, t('noProjects')),
      ].flat(),
    );
    $('#dossier').hidden = false;
    await loadTimeline(own.timeline);
    say(t('loaded', enterprise.name));
    $('#dossier-heading').focus();
  } catch (error) {
    $('#dossier').hidden = true;
    say(explain(error));
  }
}

export const currentDossier = () => current;

/** Forgets the open dossier (the token was cleared), so a language switch does not reopen it. */
export function forgetDossier() {
  current = null;
}
