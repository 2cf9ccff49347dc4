import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '#libs/clock';
import { type Command, CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { WriteOptions } from '#libs/commands';
import {
  AcknowledgeReport,
  AssignDiagnostic,
  CancelDiagnostic,
  ConductSurvey,
  CorrectScore,
  IssueReport,
  ProposeRecommendations,
  RateScenario,
  ReviewDiagnostic,
  ScheduleDiagnostic,
  scoringModel,
  ScoreIndicator,
  SubmitDiagnostic,
  WithdrawDiagnostic,
} from '#libs/diagnostics';
import { PARKS, RegisterEnterprise, withUsccCheckCharacter } from '#libs/enterprises';
import { EventStore } from '#libs/event-store';
import {
  ApproveProject,
  CompleteMilestone,
  DesignateDemonstration,
  LockBaseline,
  MeasureKpi,
  PlanMilestone,
  ProposeProject,
  RecordAcceptance,
  RecordBaseline,
  RequestAcceptance,
  SignContract,
  StartConstruction,
  StartTrialRun,
  TerminateProject,
} from '#libs/projects';
import { AccreditAssessor, AdmitProvider } from '#libs/providers';

/** Gui'an-like districts and parks (district codes are illustrative). */
/** GB/T 4754 two-digit manufacturing industries common in Guizhou. */
const INDUSTRIES = ['C39', 'C38', 'C34', 'C36', 'C27', 'C15', 'C13', 'C30', 'C26', 'C32'];
const NAMES = ['精密', '智能', '新材料', '电子', '装备', '酒业', '食品', '医药', '化工', '铝业', '光电', '汽车零部件'];
/** DOMAIN.md 4c reference distribution: 63 % at level <= 1, 21 % L2, 12 % L3, 4 % L4. */
const LEVEL_WEIGHTS: [number, number][] = [
  [0, 0.25],
  [1, 0.38],
  [2, 0.21],
  [3, 0.12],
  [4, 0.04],
];
const STAGE_WEIGHTS: [string, number][] = [
  ['scheduled', 0.05],
  ['assigned', 0.05],
  ['surveyed', 0.05],
  ['in_review', 0.05],
  ['approved', 0.04],
  ['report_issued', 0.46],
  ['acknowledged', 0.22],
  ['cancelled', 0.04],
  ['withdrawn', 0.04],
];
const PROJECT_STAGES = [
  'proposed',
  'approved',
  'contracted',
  'under_construction',
  'trial_run',
  'accepted',
  'designated',
  'terminated',
];

/** A small seeded generator, so the demo data set is the same on every machine. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weighted = <T>(items: readonly [T, number][]): T => {
    let r = next();
    for (const [item, weight] of items) if ((r -= weight) <= 0) return item;
    return items[items.length - 1]![0];
  };
  return { next, pick, weighted };
}

const day = (date: Date, offsetDays: number) =>
  new Date(date.getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Loads a realistic Gui'an-like data set through the same commands users send: enterprises in several
 * parks and industries, providers with assessors, diagnostics in every stage with the reference level
 * distribution, and projects in every stage with KPI series. Skips itself when enterprises exist.
 */
@Injectable()
export class DemoDataLoader {
  private readonly logger = new Logger('DemoData');
  private readonly principal: Principal = { keyId: 'demo-data', name: 'demo data', role: 'admin', scope: {} };
  private readonly reviewer: Principal = { keyId: 'demo-reviewer', name: 'demo reviewer', role: 'admin', scope: {} };
  /** Score corrections made so far: the first issued report is always corrected, so every data set shows one. */
  private corrections = 0;

  constructor(
    private readonly commands: CommandBus,
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private options(principal = this.principal): WriteOptions {
    const commandId = randomUUID();
    return {
      now: this.clock.now(),
      metadata: {
        actor: { userId: principal.keyId, role: principal.role, orgId: null },
        source: 'import:demo-2026',
        commandId,
        correlationId: commandId,
        causationId: commandId,
      },
    };
  }

  async load(
    options: { enterprises?: number; seed?: number; onProgress?: (done: number, total: number) => void } = {},
  ) {
    const total = options.enterprises ?? 300;
    const rng = random(options.seed ?? 20261128);
    const now = this.clock.now();
    const firstUscc = withUsccCheckCharacter(`91${PARKS[0]!.districtCode}MA6G00001`);
    if ((await this.store.streamVersion(`enterprise-${firstUscc}`)) !== null) {
      this.logger.log('Demo data is loaded already');
      return { enterprises: 0 };
    }
    const providers = await this.loadProviders(now);
    for (let i = 1; i <= total; i++) {
      const park = PARKS[i % PARKS.length]!;
      const uscc = withUsccCheckCharacter(`91${park.districtCode}MA6G${String(i).padStart(5, '0')}`);
      await this.commands.execute(
        new RegisterEnterprise(
          this.principal,
          uscc,
          {
            uscc,
            name: `贵州贵安${rng.pick(NAMES)}${['科技', '制造', '实业', '股份'][i % 4]}有限公司（${i}）`,
            industryCode: rng.pick(INDUSTRIES),
            districtCode: park.districtCode,
            parkId: park.parkId,
            aboveDesignatedSize: rng.next() < 0.92,
          },
          this.options(),
        ),
      );
      if (rng.next() < 0.88) await this.loadDiagnostic(uscc, rng, now, providers);
      if (rng.next() < 0.25) await this.loadProject(uscc, rng, now, providers);
      options.onProgress?.(i, total);
    }
    this.logger.log(`Demo data loaded: ${total} enterprises with diagnostics and projects`);
    return { enterprises: total };
  }

  private async loadProviders(now: Date) {
    const providers: { uscc: string; assessors: string[] }[] = [];
    const names = [
      '贵州省数字化转型促进中心',
      '贵安智造数字科技有限公司',
      '黔云工业互联网服务有限公司',
      '贵阳精益改造服务有限公司',
    ];
    for (const [i, name] of names.entries()) {
      const uscc = withUsccCheckCharacter(`91520900MA6P0000${i + 1}`);
      await this.commands.execute(
        new AdmitProvider(
          this.principal,
          uscc,
          { uscc, name, types: i === 0 ? ['evaluator'] : ['integrator', 'retrofit'] },
          this.options(),
        ),
      );
      const assessors = [1, 2, 3].map((n) => `P${i + 1}-A${n}`);
      for (const assessorId of assessors) {
        await this.commands.execute(
          new AccreditAssessor(
            this.principal,
            uscc,
            { assessorId, name: `评估师${assessorId}`, validUntil: day(now, 730) },
            this.options(),
          ),
        );
      }
      providers.push({ uscc, assessors });
    }
    return providers;
  }

  private async loadDiagnostic(
    uscc: string,
    rng: ReturnType<typeof random>,
    now: Date,
    providers: { uscc: string; assessors: string[] }[],
  ) {
    const model = scoringModel('miit-2024')!;
    const stage = rng.weighted(STAGE_WEIGHTS);
    const id = randomUUID();
    const planned = day(now, -Math.floor(30 + rng.next() * 250));
    const provider = rng.pick(providers.slice(1));
    const run = (command: Command<unknown>) => this.commands.execute(command);
    await run(
      new ScheduleDiagnostic(
        this.principal,
        id,
        {
          enterpriseId: uscc,
          kind: 'periodic',
          scoringModel: 'miit-2024',
          plannedDate: planned,
          dueDate: day(new Date(planned), 45),
        },
        this.options(),
      ),
    );
    if (stage === 'scheduled') return;
    if (stage === 'cancelled')
      return void (await run(
        new CancelDiagnostic(this.principal, id, { reason: '企业停产检修，改期另排' }, this.options()),
      ));
    await run(
      new AssignDiagnostic(
        this.principal,
        id,
        { providerId: provider.uscc, assessorIds: provider.assessors.slice(0, 2) },
        this.options(),
      ),
    );
    if (stage === 'assigned') return;
    await run(
      new ConductSurvey(
        this.principal,
        id,
        { date: day(new Date(planned), 3), participants: ['信息化负责人', '生产副总'], evidence: [] },
        this.options(),
      ),
    );
    // Scores aimed at a level of the reference distribution.
    const level = rng.weighted(LEVEL_WEIGHTS);
    const base = [12, 28, 45, 66, 86][level]! + rng.next() * 6;
    const scored = stage === 'surveyed' ? model.indicators.slice(0, 9) : model.indicators;
    for (const indicator of scored) {
      const points = Math.min(
        indicator.max,
        Math.round(((indicator.max * base) / 100) * (0.85 + rng.next() * 0.3) * 4) / 4,
      );
      await run(
        new ScoreIndicator(
          this.principal,
          id,
          { code: indicator.code, points, evidence: [`sha256:${indicator.code}-${id.slice(0, 8)}`] },
          this.options(),
        ),
      );
    }
    if (stage === 'surveyed') return;
    const needed = [0, 6, 6, 8, 10][level]!;
    const constrainedFirst = [...model.scenarios].sort((a, b) => Number(b.constrained) - Number(a.constrained));
    for (const [i, scenario] of constrainedFirst.entries()) {
      const value = i < needed ? level : Math.max(0, level - 1 - Math.floor(rng.next() * 2));
      await run(
        new RateScenario(this.principal, id, { code: scenario.code, level: value, evidence: [] }, this.options()),
      );
    }
    await run(new SubmitDiagnostic(this.principal, id, {}, this.options()));
    if (stage === 'in_review') return;
    await run(new ReviewDiagnostic(this.reviewer, id, { decision: 'approve' }, this.options(this.reviewer)));
    if (stage === 'approved') return;
    await run(new IssueReport(this.principal, id, {}, this.options()));
    await run(
      new ProposeRecommendations(
        this.principal,
        id,
        {
          items: [
            { scenario: 'S10', action: '建设能耗在线监测系统', priority: 'high', estCost: 30 },
            { scenario: 'S07', action: '质量数据自动采集与SPC分析', priority: 'medium', estCost: 50 },
          ],
        },
        this.options(),
      ),
    );
    if (rng.next() < 0.06 || this.corrections === 0) {
      this.corrections++;
      await run(
        new CorrectScore(
          this.principal,
          id,
          { target: 'F4', value: 0, reason: '数据采集证据复核不足', approvedBy: this.reviewer.keyId },
          this.options(),
        ),
      );
    }
    if (stage === 'acknowledged') await run(new AcknowledgeReport(this.principal, id, {}, this.options()));
    if (stage === 'withdrawn')
      await run(
        new WithdrawDiagnostic(
          this.principal,
          id,
          { reasonCode: 'duplicate', approvedBy: this.reviewer.keyId },
          this.options(),
        ),
      );
  }

  private async loadProject(
    uscc: string,
    rng: ReturnType<typeof random>,
    now: Date,
    providers: { uscc: string; assessors: string[] }[],
  ) {
    const stage = rng.pick(PROJECT_STAGES);
    const id = randomUUID();
    const run = (command: Command<unknown>) => this.commands.execute(command);
    const start = new Date(now.getTime() - 420 * 86_400_000);
    await run(
      new ProposeProject(
        this.principal,
        id,
        {
          enterpriseId: uscc,
          type: rng.next() < 0.7 ? 'digital_workshop' : 'smart_factory',
          name: rng.pick(['数字化车间建设', '智能工厂一期', '生产监控系统', 'MES与能源管理集成']),
          scenarios: ['S06', 'S07', 'S10'],
          plannedBudget: Math.round(2 + rng.next() * 18) * 500_000,
        },
        this.options(),
      ),
    );
    if (stage === 'proposed') return;
    if (stage === 'terminated')
      return void (await run(new TerminateProject(this.principal, id, { reason: '企业调整投资计划' }, this.options())));
    await run(
      new ApproveProject(
        this.principal,
        id,
        { approvalNo: `贵安工信备〔2025〕${Math.floor(rng.next() * 200)}号`, approvedBudget: 4_000_000 },
        this.options(),
      ),
    );
    if (stage === 'approved') return;
    const provider = rng.pick(providers.slice(1));
    await run(new SignContract(this.principal, id, { providerId: provider.uscc, value: 3_600_000 }, this.options()));
    const yieldBase = 70 + rng.next() * 15;
    const energyBase = 0.4 + rng.next() * 0.3;
    await run(
      new RecordBaseline(
        this.principal,
        id,
        {
          kpiCode: 'yield_rate',
          value: Number(yieldBase.toFixed(1)),
          unit: '%',
          periodStart: day(start, 0),
          periodEnd: day(start, 90),
          method: 'MES 月度统计',
        },
        this.options(),
      ),
    );
    await run(
      new RecordBaseline(
        this.principal,
        id,
        {
          kpiCode: 'energy_per_output',
          value: Number(energyBase.toFixed(3)),
          unit: 'tce/10k CNY',
          periodStart: day(start, 0),
          periodEnd: day(start, 90),
          method: '能源台账',
        },
        this.options(),
      ),
    );
    await run(
      new PlanMilestone(
        this.principal,
        id,
        { name: '设备联网与数据采集', due: day(start, 150), mandatory: true },
        this.options(),
      ),
    );
    if (stage === 'contracted') return;
    await run(new LockBaseline(this.principal, id, {}, this.options()));
    await run(new StartConstruction(this.principal, id, { date: day(start, 95) }, this.options()));
    await run(new CompleteMilestone(this.principal, id, { milestoneId: 'M1', date: day(start, 140) }, this.options()));
    if (stage === 'under_construction') return;
    await run(new StartTrialRun(this.principal, id, { date: day(start, 180) }, this.options()));
    // Monthly KPI readings; about one project in six goes the wrong way on energy.
    const worse = rng.next() < 0.17;
    for (let month = 0; month < 6; month++) {
      const from = day(start, 190 + month * 30);
      const to = day(start, 219 + month * 30);
      await run(
        new MeasureKpi(
          this.principal,
          id,
          {
            kpiCode: 'yield_rate',
            value: Number(Math.min(99.5, yieldBase * (1 + 0.04 * (month + 1))).toFixed(1)),
            unit: '%',
            periodStart: from,
            periodEnd: to,
          },
          this.options(),
        ),
      );
      await run(
        new MeasureKpi(
          this.principal,
          id,
          {
            kpiCode: 'energy_per_output',
            value: Number((energyBase * (worse ? 1.05 : 1 - 0.03 * (month + 1))).toFixed(3)),
            unit: 'tce/10k CNY',
            periodStart: from,
            periodEnd: to,
          },
          this.options(),
        ),
      );
    }
    if (stage === 'trial_run') return;
    await run(new RequestAcceptance(this.principal, id, {}, this.options()));
    await run(
      new RecordAcceptance(
        this.principal,
        id,
        {
          result: 'accepted',
          date: day(start, 400),
          evaluatorOrgId: providers[0]!.uscc,
          findings: '改造内容真实，KPI 数据可追溯',
        },
        this.options(),
      ),
    );
    if (stage === 'accepted') return;
    await run(
      new DesignateDemonstration(
        this.principal,
        id,
        { programme: '贵安新区数字化改造能力提升示范项目', level: 'district', year: now.getUTCFullYear() },
        this.options(),
      ),
    );
  }
}
