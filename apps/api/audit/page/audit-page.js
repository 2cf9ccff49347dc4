// The audit-history page: plain DOM, no framework. Every value from the API goes in as text, never as HTML.

const TOKEN_KEY = 'tracker.audit.token';
const LANG_KEY = 'tracker.audit.lang';
const HISTORY_PAGE = 200;

const TEXT = {
  zh: {
    skip: '跳到主要内容',
    title: '审计追溯 · 一企一档',
    tokenHeading: '访问令牌',
    tokenLabel: 'API 令牌（仅保存在本标签页）',
    tokenSave: '使用此令牌',
    tokenClear: '清除',
    tokenSet: '已设置令牌。',
    tokenUnset: '请先输入令牌。',
    searchHeading: '查找企业',
    searchLabel: '统一社会信用代码、企业名称或编号',
    searchButton: '查找',
    searching: '正在查找……',
    found: (n) => `找到 ${n} 家企业。`,
    notFound: '没有找到可查看的企业。',
    loading: '正在加载……',
    loaded: (name) => `已打开 ${name} 的档案。`,
    dossierHeading: '一企一档',
    filtersLegend: '筛选时间线',
    filterType: '事件类型',
    filterAll: '全部',
    filterActor: '操作人',
    filterFrom: '记录时间自',
    filterTo: '至',
    filterBackdated: '仅补录条目',
    enterprise: '企业',
    diagnostic: '诊断',
    project: '项目',
    uscc: '统一社会信用代码',
    name: '名称',
    industry: '行业代码',
    district: '区县代码',
    park: '园区',
    status: '状态',
    level: '成熟度等级',
    aboveSize: '规模以上',
    yes: '是',
    no: '否',
    showTimeline: '显示时间线',
    hideTimeline: '收起时间线',
    loadMore: '加载更多',
    exportCsv: '导出 CSV',
    exportJson: '导出 JSON',
    exported: (file) => `已导出 ${file}。`,
    noDiagnostics: '暂无诊断。',
    noProjects: '暂无项目。',
    diagnosticsHeading: '诊断',
    projectsHeading: '改造项目',
    entries: (shown, total) => `显示 ${shown} / ${total} 条`,
    who: '何人',
    when: '何时',
    what: '何事',
    why: '何因',
    occurred: '发生',
    recorded: '记录',
    backdated: '补录',
    onBehalfOf: '代表',
    source: '来源',
    reason: '原因',
    comment: '说明',
    approvedBy: '批准人',
    evidence: '证据',
    correlation: '关联操作',
    sameCommand: '与上一条同一操作',
    field: '字段',
    from: '原值',
    to: '新值',
    value: '值',
    noChanges: '无字段变化',
    asOf: '查看此时状态',
    asOfHeading: (label, version) => `${label} · 第 ${version} 版时的状态`,
    asOfNote: (time) => `按截至 ${time} 记录的事件重建。`,
    asOfCaption: '对象在该条目时的状态',
    close: '关闭',
    unauthorized: '令牌无效或已吊销。',
    forbidden: '此令牌无权查看。',
    missing: '未找到，或不在您的权限范围内。',
    failed: (detail) => `请求失败：${detail}`,
    roles: {
      admin: '管理员',
      officer: '主管部门',
      assessor: '评估人员',
      enterprise: '企业',
      viewer: '查看者',
      system: '系统',
    },
  },
  en: {
    skip: 'Skip to main content',
    title: 'Audit history · enterprise dossier',
    tokenHeading: 'Access token',
    tokenLabel: 'API token (kept in this tab only)',
    tokenSave: 'Use this token',
    tokenClear: 'Clear',
    tokenSet: 'A token is set.',
    tokenUnset: 'Enter a token first.',
    searchHeading: 'Find an enterprise',
    searchLabel: 'USCC, name or id',
    searchButton: 'Search',
    searching: 'Searching…',
    found: (n) => `${n} enterprise(s) found.`,
    notFound: 'No enterprise you may see was found.',
    loading: 'Loading…',
    loaded: (name) => `Opened the dossier of ${name}.`,
    dossierHeading: 'Enterprise dossier',
    filtersLegend: 'Filter the timelines',
    filterType: 'Event type',
    filterAll: 'All',
    filterActor: 'Actor',
    filterFrom: 'Recorded from',
    filterTo: 'to',
    filterBackdated: 'Backdated entries only',
    enterprise: 'Enterprise',
    diagnostic: 'Diagnostic',
    project: 'Project',
    uscc: 'USCC',
    name: 'Name',
    industry: 'Industry code',
    district: 'District code',
    park: 'Park',
    status: 'Status',
    level: 'Maturity level',
    aboveSize: 'Above designated size',
    yes: 'yes',
    no: 'no',
    showTimeline: 'Show timeline',
    hideTimeline: 'Hide timeline',
    loadMore: 'Load more',
    exportCsv: 'Export CSV',
    exportJson: 'Export JSON',
    exported: (file) => `Exported ${file}.`,
    noDiagnostics: 'No diagnostics yet.',
    noProjects: 'No projects yet.',
    diagnosticsHeading: 'Diagnostics',
    projectsHeading: 'Transformation projects',
    entries: (shown, total) => `Showing ${shown} of ${total}`,
    who: 'Who',
    when: 'When',
    what: 'What',
    why: 'Why',
    occurred: 'occurred',
    recorded: 'recorded',
    backdated: 'backdated',
    onBehalfOf: 'on behalf of',
    source: 'source',
    reason: 'reason',
    comment: 'comment',
    approvedBy: 'approved by',
    evidence: 'evidence',
    correlation: 'correlation',
    sameCommand: 'same command as the entry before',
    field: 'Field',
    from: 'From',
    to: 'To',
    value: 'Value',
    noChanges: 'No field changed',
    asOf: 'State as of this entry',
    asOfHeading: (label, version) => `${label} · state at version ${version}`,
    asOfNote: (time) => `Rebuilt from the events recorded up to ${time}.`,
    asOfCaption: 'The object as it stood at this entry',
    close: 'Close',
    unauthorized: 'The token is not valid or was revoked.',
    forbidden: 'This token may not see this.',
    missing: 'Not found, or outside your scope.',
    failed: (detail) => `The request failed: ${detail}`,
    roles: {
      admin: 'admin',
      officer: 'officer',
      assessor: 'assessor',
      enterprise: 'enterprise',
      viewer: 'viewer',
      system: 'system',
    },
  },
};

/** Chinese names of the event types; English shows the server's summary line instead. */
const EVENT_NAMES_ZH = {
  EnterpriseRegistered: '企业登记',
  EnterpriseScaleStatusChanged: '规上状态变更',
  EnterpriseMovedToPark: '迁入园区',
  EnterpriseDetailsCorrected: '企业信息更正',
  EnterpriseClosed: '企业注销',
  ProviderAdmitted: '服务商入库',
  AssessorAccredited: '评估人员认定',
  ProviderSuspended: '服务商暂停',
  DiagnosticScheduled: '诊断排期',
  DiagnosticAssigned: '指派服务商',
  DiagnosticRescheduled: '诊断改期',
  SelfAssessmentSubmitted: '提交自评',
  OnSiteSurveyConducted: '现场调研',
  IndicatorScored: '指标评分',
  ScenarioLevelRated: '场景评级',
  DiagnosticSubmittedForReview: '提交审核',
  DiagnosticReviewRejected: '审核退回',
  DiagnosticApproved: '审核通过',
  MaturityLevelDetermined: '确定成熟度等级',
  ReportIssued: '出具诊断报告',
  RecommendationsProposed: '提出改造建议',
  ReportAcknowledged: '企业确认报告',
  ReportDisputed: '企业异议',
  ScoreCorrected: '评分更正',
  MaturityLevelRecomputed: '等级重新计算',
  ReportReissued: '报告重新出具',
  RecommendationStatusChanged: '建议状态变更',
  DiagnosticClosed: '诊断关闭',
  DiagnosticCancelled: '诊断取消',
  DiagnosticWithdrawn: '诊断撤回',
  ProjectProposed: '项目申报',
  ProjectFiled: '项目备案',
  ProjectApproved: '项目批准',
  ProjectRejected: '项目驳回',
  ServiceContractSigned: '签订服务合同',
  BaselineRecorded: '记录基线',
  BaselineLocked: '锁定基线',
  MilestonePlanned: '计划里程碑',
  MilestoneCompleted: '里程碑完成',
  ConstructionStarted: '开工建设',
  TrialRunStarted: '试运行开始',
  KpiMeasured: '指标测量',
  AcceptanceRequested: '申请验收',
  RectificationCompleted: '整改完成',
  AcceptanceInspected: '验收检查',
  ProjectAccepted: '验收通过',
  AcceptanceFailed: '验收未通过',
  BaselineCorrected: '基线更正',
  AcceptanceFlaggedForReview: '验收待复核',
  SubsidyDisbursed: '拨付补贴',
  DemonstrationNominated: '推荐示范',
  DemonstrationDesignated: '认定示范',
  DemonstrationRevoked: '撤销示范',
  ProjectSuspended: '项目暂停',
  ProjectResumed: '项目恢复',
  ProjectTerminated: '项目终止',
};

const $ = (selector) => document.querySelector(selector);
let lang = sessionStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
const t = (key, ...args) => {
  const value = TEXT[lang][key];
  return typeof value === 'function' ? value(...args) : value;
};

/** An element with attributes and children; strings become text nodes. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

const say = (message) => {
  $('#status').textContent = message;
};

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

const token = () => sessionStorage.getItem(TOKEN_KEY);

async function api(path, accept = 'application/json') {
  if (!token()) throw new ApiError(401, t('tokenUnset'));
  const response = await fetch(path, { headers: { Authorization: `Bearer ${token()}`, Accept: accept } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail ?? problem.title ?? detail;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, detail);
  }
  return response;
}

const getJson = async (path) => (await api(path)).json();

function explain(error) {
  if (!(error instanceof ApiError)) return t('failed', error.message);
  if (error.status === 401) return token() ? t('unauthorized') : t('tokenUnset');
  if (error.status === 403) return t('forbidden');
  if (error.status === 404) return t('missing');
  return t('failed', error.message);
}

const timeFormat = () =>
  new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
const timeOf = (iso) => h('time', { datetime: iso }, `${timeFormat().format(new Date(iso))} (UTC+8)`);

function show(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// ---- the dossier --------------------------------------------------------------------------------------------

/** The timelines on the page, so the filters and the language switch can redraw them. */
const timelines = [];

function filterState() {
  return {
    type: $('#filter-type').value,
    actor: $('#filter-actor').value.trim().toLowerCase(),
    from: $('#filter-from').value,
    to: $('#filter-to').value,
    backdated: $('#filter-backdated').checked,
  };
}

function passes(entry, filter) {
  const recordedDay = entry.recordedAt.slice(0, 10);
  if (filter.type && entry.type !== filter.type) return false;
  if (filter.backdated && !entry.backdated) return false;
  if (filter.from && recordedDay < filter.from) return false;
  if (filter.to && recordedDay > filter.to) return false;
  if (filter.actor) {
    const who = `${entry.actor.id} ${entry.actor.role} ${entry.actor.org ?? ''}`.toLowerCase();
    if (!who.includes(filter.actor)) return false;
  }
  return true;
}

function refreshTypeFilter() {
  const select = $('#filter-type');
  const chosen = select.value;
  const types = [...new Set(timelines.flatMap((timeline) => timeline.entries.map((entry) => entry.type)))].sort();
  select.replaceChildren(
    h('option', { value: '' }, t('filterAll')),
    ...types.map((type) =>
      h('option', { value: type }, lang === 'zh' ? `${EVENT_NAMES_ZH[type] ?? type}（${type}）` : type),
    ),
  );
  select.value = types.includes(chosen) ? chosen : '';
}

function entryView(timeline, entry, previous) {
  const grouped = previous !== undefined && previous.correlationId === entry.correlationId;
  const heading = lang === 'zh' ? (EVENT_NAMES_ZH[entry.type] ?? entry.type) : entry.type;
  const changes = entry.changes.length
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
              h('th', { scope: 'row' }, change.field),
              h('td', { class: 'old' }, show(change.from)),
              h('td', { class: 'new' }, show(change.to)),
            ),
          ),
        ),
      )
    : h('p', { class: 'quiet' }, t('noChanges'));
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
        `${TEXT[lang].roles[entry.actor.role] ?? entry.actor.role} · ${entry.actor.id}`,
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

function drawTimeline(timeline) {
  const filter = filterState();
  // Grouping looks at the entry before in the whole timeline, not the one before among the filtered.
  const views = timeline.entries.flatMap((entry, index) =>
    passes(entry, filter) ? [entryView(timeline, entry, timeline.entries[index - 1])] : [],
  );
  timeline.list.replaceChildren(...views);
  timeline.count.textContent = t('entries', views.length, timeline.entries.length);
  timeline.more.hidden = timeline.nextCursor === null;
}

async function loadTimeline(timeline) {
  const cursor = timeline.nextCursor ? `&cursor=${encodeURIComponent(timeline.nextCursor)}` : '';
  const page = await getJson(
    `/v1/${timeline.type}/${encodeURIComponent(timeline.id)}/history?limit=${HISTORY_PAGE}${cursor}`,
  );
  timeline.entries.push(...page.items);
  timeline.nextCursor = page.nextCursor;
  timeline.loaded = true;
  refreshTypeFilter();
  drawTimeline(timeline);
}

async function download(timeline, format) {
  try {
    const response = await api(
      `/v1/${timeline.type}/${encodeURIComponent(timeline.id)}/history/export?format=${format}`,
    );
    const file = `${timeline.type}-${timeline.id}-history.${format}`;
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: file });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    say(t('exported', file));
  } catch (error) {
    say(explain(error));
  }
}

/** A collapsible timeline of one object, with its export buttons. */
function objectView(type, id, label, details, open) {
  const headingId = `h-${type}-${id}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const timeline = { type, id, label, entries: [], nextCursor: null, loaded: false };
  timeline.list = h('ol', { class: 'timeline', 'aria-labelledby': headingId });
  timeline.count = h('p', { class: 'quiet count' });
  timeline.more = h(
    'button',
    { type: 'button', hidden: true, onclick: () => loadTimeline(timeline).catch((e) => say(explain(e))) },
    t('loadMore'),
  );
  const body = h('div', { id: `${headingId}-body`, hidden: !open }, timeline.count, timeline.list, timeline.more);
  const toggle = h(
    'button',
    { type: 'button', class: 'toggle', 'aria-expanded': String(open), 'aria-controls': body.id },
    open ? t('hideTimeline') : t('showTimeline'),
  );
  toggle.addEventListener('click', async () => {
    const opening = body.hidden;
    body.hidden = !opening;
    toggle.setAttribute('aria-expanded', String(opening));
    toggle.textContent = opening ? t('hideTimeline') : t('showTimeline');
    if (opening && !timeline.loaded) {
      say(t('loading'));
      await loadTimeline(timeline).then(
        () => say(''),
        (e) => say(explain(e)),
      );
    }
  });
  timelines.push(timeline);
  const section = h(
    'section',
    { class: `object ${type}`, 'aria-labelledby': headingId, 'data-id': id },
    h('h3', { id: headingId }, label),
    details,
    h(
      'div',
      { class: 'actions' },
      toggle,
      h('button', { type: 'button', onclick: () => download(timeline, 'csv') }, t('exportCsv')),
      h('button', { type: 'button', onclick: () => download(timeline, 'json') }, t('exportJson')),
    ),
    body,
  );
  return { section, timeline };
}

function facts(pairs) {
  return h(
    'dl',
    { class: 'summary-facts' },
    pairs.map(([label, value]) => [h('dt', {}, label), h('dd', {}, show(value))]),
  );
}

let current = null;

async function openDossier(enterpriseId) {
  say(t('loading'));
  try {
    const enterprise = await getJson(`/v1/enterprises/${encodeURIComponent(enterpriseId)}`);
    current = enterpriseId;
    timelines.length = 0;
    $('#profile').replaceChildren(
      ...[
        [t('name'), enterprise.name],
        [t('uscc'), enterprise.uscc],
        [t('industry'), enterprise.industryCode],
        [t('district'), enterprise.districtCode],
        [t('park'), enterprise.parkId],
        [t('aboveSize'), enterprise.aboveDesignatedSize],
        [t('status'), enterprise.status],
        [t('level'), enterprise.level === null ? null : `L${enterprise.level}`],
      ].flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, show(value))]),
    );
    const own = objectView('enterprises', enterprise.id, `${t('enterprise')} · ${enterprise.name}`, null, true);
    const diagnostics = enterprise.diagnostics.map((d) =>
      objectView(
        'diagnostics',
        d.id,
        `${t('diagnostic')} ${d.id}`,
        facts([
          [t('status'), d.status],
          [t('level'), d.level === null ? null : `L${d.level}`],
          [d.kind, d.plannedDate],
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
          [t('status'), p.stage],
          [p.type, p.id],
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

/** Nested state as rows of `path → value`, lists of objects kept as JSON. */
function flatten(value, prefix = '', rows = []) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, rows);
  } else {
    rows.push([prefix, value]);
  }
  return rows;
}

async function openAsOf(timeline, entry) {
  try {
    const state = await getJson(`/v1/${timeline.type}/${encodeURIComponent(timeline.id)}?version=${entry.version}`);
    $('#asof-heading').textContent = t('asOfHeading', timeline.label, entry.version);
    $('#asof-note').replaceChildren(t('asOfNote', timeFormat().format(new Date(entry.recordedAt))));
    $('#asof-table tbody').replaceChildren(
      ...flatten(state).map(([path, value]) => h('tr', {}, h('th', { scope: 'row' }, path), h('td', {}, show(value)))),
    );
    $('#asof').showModal();
  } catch (error) {
    say(explain(error));
  }
}

// ---- search, token, language --------------------------------------------------------------------------------

async function search(text) {
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
    lang = lang === 'zh' ? 'en' : 'zh';
    sessionStorage.setItem(LANG_KEY, lang);
    applyLanguage();
    if (current) void openDossier(current);
  });
  $('#token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('#token').value.trim());
    $('#token').value = '';
    showTokenState();
    $('#q').focus();
  });
  $('#token-clear').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    $('#dossier').hidden = true;
    $('#results').replaceChildren();
    current = null;
    showTokenState();
  });
  $('#search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void search($('#q').value.trim());
  });
  for (const id of ['#filter-type', '#filter-actor', '#filter-from', '#filter-to', '#filter-backdated']) {
    $(id).addEventListener('input', () => timelines.filter((timeline) => timeline.loaded).forEach(drawTimeline));
  }
  $('#dossier-heading').tabIndex = -1;
}

start();
