import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '#libs/auth';
import { CLOCK, type Clock } from '#libs/clock';
import { type CommandInput, CommandRunner } from '#libs/commands';
import { DiagnosticCommandHandler, DiagnosticWrite, scoringModel } from '#libs/diagnostics';
import type { DiagnosticCommand } from '#libs/diagnostics/domain';
import { EnterpriseCommandHandler, EnterpriseWrite, PARKS, withUsccCheckCharacter } from '#libs/enterprises';
import type { EnterpriseCommand } from '#libs/enterprises/domain';
import { DEMO_SOURCE, EventStore, type ImportedEvent } from '#libs/event-store';
import { PROJECT_SETTINGS, ProjectCommandHandler, type ProjectSettings, ProjectWrite } from '#libs/projects';
import type { ProjectCommand } from '#libs/projects/domain';
import { ProviderCommandHandler, ProviderWrite } from '#libs/providers';
import type { ProviderCommand } from '#libs/providers/domain';
import {
  type DemoProvider,
  INDUSTRIES,
  LEVEL_WEIGHTS,
  NAMES,
  PROJECT_STAGES,
  PROVIDER_NAMES,
  random,
  type Random,
  STAGE_WEIGHTS,
} from './demo-plan.js';
import { DemoTimeline } from './demo-timeline.js';
import { MemoryStreamStore } from './memory-stream-store.js';

/** Where a load stands, for `/health` and the log. */
export interface DemoDataStatus {
  state: 'idle' | 'making' | 'importing' | 'loaded' | 'skipped' | 'failed';
  /** Events made (while making) or written (while importing), of `total`. */
  events: number;
  total: number | null;
  message?: string;
}

const DAY = 86_400_000;
/** The history spans this many days before the load, so that past months and quarters have figures. */
const HISTORY_DAYS = 365;
/** How often a long load says where it is. */
const LOG_EVERY_MS = 3_000;

/**
 * A year of a Gui'an-like district's history, made through the same commands users send and loaded only
 * into an EMPTY log: enterprises in several parks and industries, providers with assessors, diagnostics in
 * every stage with the reference level distribution, projects in every stage with KPI series.
 *
 * The commands run against a store in memory whose clock walks through the past twelve months, so each event
 * is recorded at the moment it belongs to, and reports of past periods have figures. Then the whole history
 * is written in one transaction, positions in time order, and the projections catch up as with any append.
 * Real data never gets a past recorded time: this path refuses a log that holds an event, and every event it
 * writes has the source `demo`, which reports print as 演示数据.
 */
@Injectable()
export class DemoDataLoader {
  private readonly logger = new Logger('DemoData');
  private readonly principal: Principal = { keyId: 'demo-data', name: '演示数据', role: 'admin', scope: {} };
  private readonly reviewer: Principal = { keyId: 'demo-reviewer', name: '演示审核人', role: 'admin', scope: {} };
  status: DemoDataStatus = { state: 'idle', events: 0, total: null };

  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECT_SETTINGS) private readonly projectSettings: ProjectSettings,
  ) {}

  async load(
    options: {
      enterprises?: number;
      seed?: number;
      onProgress?: (done: number, total: number, label: string) => void;
    } = {},
  ) {
    try {
      return await this.loadNow(options);
    } catch (error) {
      this.status = {
        ...this.status,
        state: 'failed',
        message: error instanceof Error ? error.message : String(error),
      };
      throw error;
    }
  }

  private async loadNow(options: {
    enterprises?: number;
    seed?: number;
    onProgress?: (done: number, total: number, label: string) => void;
  }) {
    if ((await this.store.head()) !== null) {
      this.status = { state: 'skipped', events: 0, total: null, message: 'the event log is not empty' };
      this.logger.log('Demo data skipped: the event log is not empty (it is loaded only into an empty database)');
      return { enterprises: 0, events: 0 };
    }
    const started = Date.now();
    let lastLine = started;
    const say = (line: () => string) => {
      if (Date.now() - lastLine < LOG_EVERY_MS) return;
      lastLine = Date.now();
      this.logger.log(line());
    };
    const total = options.enterprises ?? 300;
    this.status = { state: 'making', events: 0, total: null };
    this.logger.log(`Demo data: making a year of history for ${total} enterprises`);
    const memory = await this.makeHistory(total, options.seed ?? 20261128, (done, of, made) => {
      this.status = { state: 'making', events: made, total: null };
      options.onProgress?.(done, of, 'steps made');
      say(() => `Demo data: ${done} of ${of} steps made`);
    });
    const events = memory.events();
    const now = this.clock.now().getTime();
    const future = events.find((event) => event.recordedAt.getTime() >= now);
    if (future) throw new Error(`The demo's history reaches ${future.recordedAt.toISOString()}, after now`);
    this.status = { state: 'importing', events: 0, total: events.length };
    const source = { events: [events], claims: () => memory.heldClaims(), total: events.length };
    const head = await this.store.importIntoEmptyLog(source, (done) => {
      this.status = { state: 'importing', events: done, total: events.length };
      options.onProgress?.(done, events.length, 'events written');
      say(() => `Demo data: ${done} of ${events.length} events written`);
    });
    if (!head) {
      this.status = { state: 'skipped', events: 0, total: null, message: 'the event log is not empty' };
      this.logger.log('Demo data skipped: something was written to the log meanwhile');
      return { enterprises: 0, events: 0 };
    }
    this.status = { state: 'loaded', events: events.length, total: events.length };
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    this.logger.log(
      `Demo data loaded: ${total} enterprises, ${events.length} events in ${seconds} s; the read models catch up now`,
    );
    return { enterprises: total, events: events.length };
  }

  /** The events a load would write, made in memory and written nowhere. */
  async history(enterprises: number, seed: number): Promise<ImportedEvent[]> {
    return (await this.makeHistory(enterprises, seed, () => undefined)).events();
  }

  /** Runs the history's commands in time order against a store in memory. */
  private async makeHistory(
    total: number,
    seed: number,
    onProgress: (done: number, of: number, events: number) => void,
  ) {
    const memory = new MemoryStreamStore();
    const runner = new CommandRunner(memory);
    const rng = random(seed);
    const end = this.clock.now().getTime();
    const timeline = new DemoTimeline(end - HISTORY_DAYS * DAY, LAST_DAY, rng);
    const writer = new DemoWriter(memory, runner, this.projectSettings, this.principal, this.reviewer);
    const providers = this.planProviders(timeline, writer);
    for (let i = 1; i <= total; i++) {
      const registeredDay = 1 + Math.floor(((i - 1) / total) * 60);
      const uscc = this.planEnterprise(i, registeredDay, rng, timeline, writer);
      if (rng.next() < 0.88) this.planDiagnostic(uscc, registeredDay, rng, timeline, writer, providers);
      if (rng.next() < 0.25) this.planProject(uscc, registeredDay, rng, timeline, writer, providers);
    }
    await timeline.run(memory, (done, of) => onProgress(done, of, memory.log.length));
    return memory;
  }

  private planProviders(timeline: DemoTimeline, writer: DemoWriter): DemoProvider[] {
    return PROVIDER_NAMES.map((name, i) => {
      const uscc = withUsccCheckCharacter(`91520900MA6P0000${i + 1}`);
      const types = i === 0 ? (['evaluator'] as const) : (['integrator', 'retrofit'] as const);
      const assessors = [1, 2, 3].map((n) => `P${i + 1}-A${n}`);
      const chain = timeline.chain(0);
      chain.step(0, () => writer.provider(uscc, { type: 'AdmitProvider', data: { uscc, name, types: [...types] } }));
      for (const assessorId of assessors) {
        chain.step(0, () =>
          writer.provider(uscc, {
            type: 'AccreditAssessor',
            data: { assessorId, name: `评估师${assessorId}`, validUntil: timeline.date(730) },
          }),
        );
      }
      return { uscc, assessors };
    });
  }

  private planEnterprise(i: number, day: number, rng: Random, timeline: DemoTimeline, writer: DemoWriter): string {
    const park = PARKS[i % PARKS.length]!;
    const uscc = withUsccCheckCharacter(`91${park.districtCode}MA6G${String(i).padStart(5, '0')}`);
    const data = {
      uscc,
      name: `贵州贵安${rng.pick(NAMES)}${['科技', '制造', '实业', '股份'][i % 4]}有限公司（${i}）`,
      industryCode: rng.pick(INDUSTRIES),
      districtCode: park.districtCode,
      parkId: park.parkId,
      aboveDesignatedSize: rng.next() < 0.92,
    };
    timeline.chain(day).step(0, () => writer.enterprise(uscc, { type: 'RegisterEnterprise', data }));
    return uscc;
  }

  /** A diagnostic taken as far as a stage of the reference distribution, its steps weeks apart. */
  private planDiagnostic(
    uscc: string,
    registeredDay: number,
    rng: Random,
    timeline: DemoTimeline,
    writer: DemoWriter,
    providers: DemoProvider[],
  ) {
    const stage = rng.weighted(STAGE_WEIGHTS);
    const id = uuid(rng);
    const length = DIAGNOSTIC_DAYS[stage];
    // A diagnostic only scheduled is a recent one; the others anywhere the whole chain fits.
    const from = stage === 'scheduled' ? LAST_DAY - 60 : registeredDay + 3;
    const chain = timeline.chain(from + Math.floor(rng.next() * (LAST_DAY - length - from)));
    const send = (offset: number, command: CommandInput<DiagnosticCommand>, principal?: Principal) =>
      chain.step(offset, () => writer.diagnostic(id, command, principal));
    const planned = timeline.date(chain.day + 14);
    send(0, {
      type: 'ScheduleDiagnostic',
      data: {
        enterpriseId: uscc,
        kind: 'periodic',
        scoringModel: 'miit-2024',
        plannedDate: planned,
        dueDate: timeline.date(chain.day + 59),
      },
    });
    if (stage === 'scheduled') return;
    if (stage === 'cancelled') {
      send(7, { type: 'CancelDiagnostic', data: { reason: '企业停产检修，改期另排' } });
      return;
    }
    const provider = rng.pick(providers.slice(1));
    send(5, {
      type: 'AssignDiagnostic',
      data: { providerId: provider.uscc, assessorIds: provider.assessors.slice(0, 2) },
    });
    if (stage === 'assigned') return;
    send(14, {
      type: 'ConductSurvey',
      data: { date: planned, participants: ['信息化负责人', '生产副总'], evidence: [] },
    });
    this.planScores(id, rng.weighted(LEVEL_WEIGHTS), stage === 'surveyed', rng, send);
    if (stage === 'surveyed') return;
    send(20, { type: 'SubmitForReview', data: {} });
    if (stage === 'in_review') return;
    send(25, { type: 'ReviewDiagnostic', data: { decision: 'approve' } }, this.reviewer);
    if (stage === 'approved') return;
    send(32, { type: 'IssueReport', data: {} });
    send(33, {
      type: 'ProposeRecommendations',
      data: {
        items: [
          { scenario: 'S10', action: '建设能耗在线监测系统', priority: 'high', estCost: 30 },
          { scenario: 'S07', action: '质量数据自动采集与SPC分析', priority: 'medium', estCost: 50 },
        ],
      },
    });
    if (stage === 'acknowledged') send(40, { type: 'AcknowledgeReport', data: {} });
    // Now and then a score corrected after the report, and always once, so every data set shows one.
    if (rng.next() < 0.06 || !this.corrected) {
      this.corrected = true;
      send(45, {
        type: 'CorrectScore',
        data: { target: 'F4', value: 0, reason: '数据采集证据复核不足', approvedBy: this.reviewer.keyId },
      });
    }
    if (stage === 'withdrawn') {
      send(50, { type: 'WithdrawDiagnostic', data: { reasonCode: 'duplicate', approvedBy: this.reviewer.keyId } });
    }
  }

  /** Indicator scores and scenario levels aimed at a level (only the first nine indicators when `partial`). */
  private planScores(
    id: string,
    level: number,
    partial: boolean,
    rng: Random,
    send: (offset: number, command: CommandInput<DiagnosticCommand>) => void,
  ) {
    const model = scoringModel('miit-2024')!;
    const base = [12, 28, 45, 66, 86][level]! + rng.next() * 6;
    for (const indicator of partial ? model.indicators.slice(0, 9) : model.indicators) {
      const points = Math.min(
        indicator.max,
        Math.round(((indicator.max * base) / 100) * (0.85 + rng.next() * 0.3) * 4) / 4,
      );
      send(15, {
        type: 'ScoreIndicator',
        data: { code: indicator.code, points, evidence: [`sha256:${indicator.code}-${id.slice(0, 8)}`] },
      });
    }
    if (partial) return;
    const needed = [0, 6, 6, 8, 10][level]!;
    const constrainedFirst = [...model.scenarios].sort((a, b) => Number(b.constrained) - Number(a.constrained));
    for (const [i, scenario] of constrainedFirst.entries()) {
      const value = i < needed ? level : Math.max(0, level - 1 - Math.floor(rng.next() * 2));
      send(16, { type: 'RateScenario', data: { code: scenario.code, level: value, evidence: [] } });
    }
  }

  /** A project taken as far as a random stage: baselines, a milestone, monthly KPI readings, acceptance. */
  private planProject(
    uscc: string,
    registeredDay: number,
    rng: Random,
    timeline: DemoTimeline,
    writer: DemoWriter,
    providers: DemoProvider[],
  ) {
    const stage = rng.pick(PROJECT_STAGES);
    const id = uuid(rng);
    // The trial run lasts what acceptance needs, and a little more.
    const trialDays = Math.max(this.projectSettings.trialRunMinDays + 10, 100);
    const accepted = TRIAL_RUN_DAY + trialDays;
    const length = { ...PROJECT_DAYS, accepted: accepted + 2, designated: accepted + 15 }[stage];
    const from = registeredDay + 5;
    const chain = timeline.chain(from + Math.floor(rng.next() * Math.max(1, LAST_DAY - length - from)));
    const send = (offset: number, command: CommandInput<ProjectCommand>) =>
      chain.step(offset, () => writer.project(id, command));
    const on = (offset: number) => timeline.date(chain.day + offset);
    send(0, {
      type: 'ProposeProject',
      data: {
        enterpriseId: uscc,
        type: rng.next() < 0.7 ? 'digital_workshop' : 'smart_factory',
        name: rng.pick(['数字化车间建设', '智能工厂一期', '生产监控系统', 'MES与能源管理集成']),
        scenarios: ['S06', 'S07', 'S10'],
        plannedBudget: Math.round(2 + rng.next() * 18) * 500_000,
      },
    });
    if (stage === 'proposed') return;
    if (stage === 'terminated') {
      send(30, { type: 'TerminateProject', data: { reason: '企业调整投资计划' } });
      return;
    }
    const year = on(20).slice(0, 4);
    send(20, {
      type: 'ApproveProject',
      data: { approvalNo: `贵安工信备〔${year}〕${1 + Math.floor(rng.next() * 200)}号`, approvedBudget: 4_000_000 },
    });
    if (stage === 'approved') return;
    const provider = rng.pick(providers.slice(1));
    send(35, { type: 'SignContract', data: { providerId: provider.uscc, value: 3_600_000 } });
    const yieldBase = 70 + rng.next() * 15;
    const energyBase = 0.4 + rng.next() * 0.3;
    const baseline = { periodStart: on(-120), periodEnd: on(-30) };
    send(36, {
      type: 'RecordBaseline',
      data: { kpiCode: 'yield_rate', value: round(yieldBase, 1), unit: '%', method: 'MES 月度统计', ...baseline },
    });
    send(36, {
      type: 'RecordBaseline',
      data: {
        kpiCode: 'energy_per_output',
        value: round(energyBase, 3),
        unit: 'tce/10k CNY',
        method: '能源台账',
        ...baseline,
      },
    });
    send(38, { type: 'PlanMilestone', data: { name: '设备联网与数据采集', due: on(120), mandatory: true } });
    if (stage === 'contracted') return;
    send(45, { type: 'LockBaseline', data: {} });
    send(50, { type: 'StartConstruction', data: { date: on(50) } });
    send(110, { type: 'CompleteMilestone', data: { milestoneId: 'M1', date: on(110) } });
    if (stage === 'under_construction') return;
    send(TRIAL_RUN_DAY, { type: 'StartTrialRun', data: { date: on(TRIAL_RUN_DAY) } });
    // Monthly readings after the trial run began, each sent a few days after its month; about one project
    // in six goes the wrong way on energy.
    const worse = rng.next() < 0.17;
    for (let month = 0; TRIAL_RUN_DAY + 30 * month + 33 < accepted - 2; month++) {
      const start = TRIAL_RUN_DAY + 30 * month;
      const period = { periodStart: on(start), periodEnd: on(start + 29) };
      const yieldRate = Math.min(99.5, yieldBase * (1 + 0.04 * (month + 1)));
      const energy = energyBase * (worse ? 1.05 : 1 - 0.03 * (month + 1));
      send(start + 33, {
        type: 'MeasureKpi',
        data: { kpiCode: 'yield_rate', value: round(yieldRate, 1), unit: '%', ...period },
      });
      send(start + 33, {
        type: 'MeasureKpi',
        data: { kpiCode: 'energy_per_output', value: round(energy, 3), unit: 'tce/10k CNY', ...period },
      });
    }
    if (stage === 'trial_run') return;
    send(accepted - 2, { type: 'RequestAcceptance', data: {} });
    send(accepted, {
      type: 'RecordAcceptance',
      data: {
        result: 'accepted',
        date: on(accepted),
        evaluatorOrgId: providers[0]!.uscc,
        findings: '改造内容真实，KPI 数据可追溯',
      },
    });
    if (stage === 'accepted') return;
    send(accepted + 15, {
      type: 'DesignateDemonstration',
      data: {
        programme: '贵安新区数字化改造能力提升示范项目',
        level: 'district',
        year: Number(on(accepted + 15).slice(0, 4)),
      },
    });
  }

  /** Whether the history has its one certain score correction yet. */
  private corrected = false;
}

/** The last day of the history a step may fall on (its office hours end before the load). */
const LAST_DAY = HISTORY_DAYS - 2;
/** Days from a diagnostic's schedule to its last step, by the stage it is taken to. */
const DIAGNOSTIC_DAYS: Record<(typeof STAGE_WEIGHTS)[number][0], number> = {
  scheduled: 0,
  cancelled: 7,
  assigned: 5,
  surveyed: 16,
  in_review: 20,
  approved: 25,
  report_issued: 45,
  acknowledged: 45,
  withdrawn: 50,
};
/** The day of a project's trial run after its proposal. */
const TRIAL_RUN_DAY = 130;
/** Days from a project's proposal to its last step, by stage (acceptance depends on the trial run's length). */
const PROJECT_DAYS = {
  proposed: 0,
  terminated: 30,
  approved: 20,
  contracted: 38,
  under_construction: 110,
  trial_run: TRIAL_RUN_DAY + 100,
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** A version-4 UUID from the seeded generator, so the data set is the same on every machine. */
function uuid(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[Math.floor(rng.next() * 4)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Sends the history's commands through each aggregate's own handler, on the store in memory. */
class DemoWriter {
  private readonly enterprises: EnterpriseCommandHandler;
  private readonly providers: ProviderCommandHandler;
  private readonly diagnostics: DiagnosticCommandHandler;
  private readonly projects: ProjectCommandHandler;
  /** Commands sent so far: each command's id is its number, in UUID form (the same on every machine). */
  private commands = 0;

  constructor(
    private readonly memory: MemoryStreamStore,
    runner: CommandRunner,
    settings: ProjectSettings,
    private readonly principal: Principal,
    private readonly reviewer: Principal,
  ) {
    this.enterprises = new EnterpriseCommandHandler(runner);
    this.providers = new ProviderCommandHandler(runner);
    this.diagnostics = new DiagnosticCommandHandler(runner);
    this.projects = new ProjectCommandHandler(runner, settings);
  }

  enterprise(id: string, command: CommandInput<EnterpriseCommand>) {
    return this.enterprises.execute(new EnterpriseWrite(this.principal, id, command, this.options(this.principal)));
  }

  provider(id: string, command: CommandInput<ProviderCommand>) {
    return this.providers.execute(new ProviderWrite(this.principal, id, command, this.options(this.principal)));
  }

  diagnostic(id: string, command: CommandInput<DiagnosticCommand>, principal = this.principal) {
    return this.diagnostics.execute(new DiagnosticWrite(principal, id, command, this.options(principal)));
  }

  project(id: string, command: CommandInput<ProjectCommand>) {
    return this.projects.execute(new ProjectWrite(this.principal, id, command, this.options(this.principal)));
  }

  /** The write's moment is the history's; every event's source is `demo`. */
  private options(principal: Principal) {
    const commandId = `00000000-0000-4000-8000-${String(++this.commands).padStart(12, '0')}`;
    return {
      now: this.memory.now,
      metadata: {
        actor: { userId: principal.keyId, role: principal.role, orgId: null },
        source: DEMO_SOURCE,
        commandId,
        correlationId: commandId,
        causationId: commandId,
      },
    };
  }
}
