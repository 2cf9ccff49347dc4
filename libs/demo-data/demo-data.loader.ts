import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import { CLOCK, type Clock } from '#libs/clock';
import type { AggregateWrite, CommandInput, WriteOptions, WriteResult } from '#libs/commands';
import { DiagnosticWrite, scoringModel } from '#libs/diagnostics';
import type { DiagnosticCommand } from '#libs/diagnostics/domain';
import { EnterpriseWrite, PARKS, withUsccCheckCharacter } from '#libs/enterprises';
import type { EnterpriseCommand } from '#libs/enterprises/domain';
import { EventStore } from '#libs/event-store';
import { ProjectWrite } from '#libs/projects';
import type { ProjectCommand } from '#libs/projects/domain';
import { ProviderWrite } from '#libs/providers';
import type { ProviderCommand } from '#libs/providers/domain';
import {
  day,
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

type WriteClass<Command extends { type: string }> = new (
  principal: Principal,
  id: string | undefined,
  command: CommandInput<Command>,
  options: WriteOptions,
) => AggregateWrite<Command>;

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

  /** Sends one command as the demo's user (or the reviewer), stamped by the service's clock. */
  private send<Command extends { type: string }>(
    Write: WriteClass<Command>,
    id: string,
    command: CommandInput<Command>,
    principal = this.principal,
  ): Promise<WriteResult> {
    const commandId = randomUUID();
    return this.commands.execute(
      new Write(principal, id, command, {
        now: this.clock.now(),
        metadata: {
          actor: { userId: principal.keyId, role: principal.role, orgId: null },
          source: 'import:demo-2026',
          commandId,
          correlationId: commandId,
          causationId: commandId,
        },
      }),
    );
  }

  private diagnostic(id: string, command: CommandInput<DiagnosticCommand>, principal?: Principal) {
    return this.send<DiagnosticCommand>(DiagnosticWrite, id, command, principal);
  }

  private project(id: string, command: CommandInput<ProjectCommand>) {
    return this.send<ProjectCommand>(ProjectWrite, id, command);
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
      const uscc = await this.loadEnterprise(i, rng);
      if (rng.next() < 0.88) await this.loadDiagnostic(uscc, rng, now, providers);
      if (rng.next() < 0.25) await this.loadProject(uscc, rng, now, providers);
      options.onProgress?.(i, total);
    }
    this.logger.log(`Demo data loaded: ${total} enterprises with diagnostics and projects`);
    return { enterprises: total };
  }

  private async loadEnterprise(i: number, rng: Random) {
    const park = PARKS[i % PARKS.length]!;
    const uscc = withUsccCheckCharacter(`91${park.districtCode}MA6G${String(i).padStart(5, '0')}`);
    await this.send<EnterpriseCommand>(EnterpriseWrite, uscc, {
      type: 'RegisterEnterprise',
      data: {
        uscc,
        name: `贵州贵安${rng.pick(NAMES)}${['科技', '制造', '实业', '股份'][i % 4]}有限公司（${i}）`,
        industryCode: rng.pick(INDUSTRIES),
        districtCode: park.districtCode,
        parkId: park.parkId,
        aboveDesignatedSize: rng.next() < 0.92,
      },
    });
    return uscc;
  }

  private async loadProviders(now: Date): Promise<DemoProvider[]> {
    const providers: DemoProvider[] = [];
    for (const [i, name] of PROVIDER_NAMES.entries()) {
      const uscc = withUsccCheckCharacter(`91520900MA6P0000${i + 1}`);
      const types = i === 0 ? (['evaluator'] as const) : (['integrator', 'retrofit'] as const);
      await this.send<ProviderCommand>(ProviderWrite, uscc, {
        type: 'AdmitProvider',
        data: { uscc, name, types: [...types] },
      });
      const assessors = [1, 2, 3].map((n) => `P${i + 1}-A${n}`);
      for (const assessorId of assessors) {
        await this.send<ProviderCommand>(ProviderWrite, uscc, {
          type: 'AccreditAssessor',
          data: { assessorId, name: `评估师${assessorId}`, validUntil: day(now, 730) },
        });
      }
      providers.push({ uscc, assessors });
    }
    return providers;
  }

  /** A diagnostic taken as far as a stage of the reference distribution. */
  private async loadDiagnostic(uscc: string, rng: Random, now: Date, providers: DemoProvider[]) {
    const stage = rng.weighted(STAGE_WEIGHTS);
    const id = randomUUID();
    const planned = day(now, -Math.floor(30 + rng.next() * 250));
    const provider = rng.pick(providers.slice(1));
    await this.diagnostic(id, {
      type: 'ScheduleDiagnostic',
      data: {
        enterpriseId: uscc,
        kind: 'periodic',
        scoringModel: 'miit-2024',
        plannedDate: planned,
        dueDate: day(new Date(planned), 45),
      },
    });
    if (stage === 'scheduled') return;
    if (stage === 'cancelled') {
      await this.diagnostic(id, { type: 'CancelDiagnostic', data: { reason: '企业停产检修，改期另排' } });
      return;
    }
    await this.diagnostic(id, {
      type: 'AssignDiagnostic',
      data: { providerId: provider.uscc, assessorIds: provider.assessors.slice(0, 2) },
    });
    if (stage === 'assigned') return;
    await this.diagnostic(id, {
      type: 'ConductSurvey',
      data: { date: day(new Date(planned), 3), participants: ['信息化负责人', '生产副总'], evidence: [] },
    });
    const level = rng.weighted(LEVEL_WEIGHTS);
    await this.score(id, level, stage === 'surveyed', rng);
    if (stage === 'surveyed') return;
    await this.diagnostic(id, { type: 'SubmitForReview', data: {} });
    if (stage === 'in_review') return;
    await this.diagnostic(id, { type: 'ReviewDiagnostic', data: { decision: 'approve' } }, this.reviewer);
    if (stage === 'approved') return;
    await this.issueReport(id, rng);
    if (stage === 'acknowledged') await this.diagnostic(id, { type: 'AcknowledgeReport', data: {} });
    if (stage === 'withdrawn') {
      await this.diagnostic(id, {
        type: 'WithdrawDiagnostic',
        data: { reasonCode: 'duplicate', approvedBy: this.reviewer.keyId },
      });
    }
  }

  /** Indicator scores and scenario levels aimed at a level (only the first nine indicators when `partial`). */
  private async score(id: string, level: number, partial: boolean, rng: Random) {
    const model = scoringModel('miit-2024')!;
    const base = [12, 28, 45, 66, 86][level]! + rng.next() * 6;
    for (const indicator of partial ? model.indicators.slice(0, 9) : model.indicators) {
      const points = Math.min(
        indicator.max,
        Math.round(((indicator.max * base) / 100) * (0.85 + rng.next() * 0.3) * 4) / 4,
      );
      await this.diagnostic(id, {
        type: 'ScoreIndicator',
        data: { code: indicator.code, points, evidence: [`sha256:${indicator.code}-${id.slice(0, 8)}`] },
      });
    }
    if (partial) return;
    const needed = [0, 6, 6, 8, 10][level]!;
    const constrainedFirst = [...model.scenarios].sort((a, b) => Number(b.constrained) - Number(a.constrained));
    for (const [i, scenario] of constrainedFirst.entries()) {
      const value = i < needed ? level : Math.max(0, level - 1 - Math.floor(rng.next() * 2));
      await this.diagnostic(id, { type: 'RateScenario', data: { code: scenario.code, level: value, evidence: [] } });
    }
  }

  /** The report, its recommendations, and now and then a score correction after it. */
  private async issueReport(id: string, rng: Random) {
    await this.diagnostic(id, { type: 'IssueReport', data: {} });
    await this.diagnostic(id, {
      type: 'ProposeRecommendations',
      data: {
        items: [
          { scenario: 'S10', action: '建设能耗在线监测系统', priority: 'high', estCost: 30 },
          { scenario: 'S07', action: '质量数据自动采集与SPC分析', priority: 'medium', estCost: 50 },
        ],
      },
    });
    if (rng.next() < 0.06 || this.corrections === 0) {
      this.corrections++;
      await this.diagnostic(id, {
        type: 'CorrectScore',
        data: { target: 'F4', value: 0, reason: '数据采集证据复核不足', approvedBy: this.reviewer.keyId },
      });
    }
  }

  /** A project taken as far as a random stage, with baselines, a milestone and monthly KPI readings. */
  private async loadProject(uscc: string, rng: Random, now: Date, providers: DemoProvider[]) {
    const stage = rng.pick(PROJECT_STAGES);
    const id = randomUUID();
    const start = new Date(now.getTime() - 420 * 86_400_000);
    await this.project(id, {
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
      await this.project(id, { type: 'TerminateProject', data: { reason: '企业调整投资计划' } });
      return;
    }
    await this.project(id, {
      type: 'ApproveProject',
      data: { approvalNo: `贵安工信备〔2025〕${Math.floor(rng.next() * 200)}号`, approvedBudget: 4_000_000 },
    });
    if (stage === 'approved') return;
    const provider = rng.pick(providers.slice(1));
    await this.project(id, { type: 'SignContract', data: { providerId: provider.uscc, value: 3_600_000 } });
    const yieldBase = 70 + rng.next() * 15;
    const energyBase = 0.4 + rng.next() * 0.3;
    const baseline = { periodStart: day(start, 0), periodEnd: day(start, 90) };
    await this.project(id, {
      type: 'RecordBaseline',
      data: {
        kpiCode: 'yield_rate',
        value: Number(yieldBase.toFixed(1)),
        unit: '%',
        method: 'MES 月度统计',
        ...baseline,
      },
    });
    await this.project(id, {
      type: 'RecordBaseline',
      data: {
        kpiCode: 'energy_per_output',
        value: Number(energyBase.toFixed(3)),
        unit: 'tce/10k CNY',
        method: '能源台账',
        ...baseline,
      },
    });
    await this.project(id, {
      type: 'PlanMilestone',
      data: { name: '设备联网与数据采集', due: day(start, 150), mandatory: true },
    });
    if (stage === 'contracted') return;
    await this.project(id, { type: 'LockBaseline', data: {} });
    await this.project(id, { type: 'StartConstruction', data: { date: day(start, 95) } });
    await this.project(id, { type: 'CompleteMilestone', data: { milestoneId: 'M1', date: day(start, 140) } });
    if (stage === 'under_construction') return;
    await this.project(id, { type: 'StartTrialRun', data: { date: day(start, 180) } });
    await this.measure(id, start, yieldBase, energyBase, rng);
    if (stage === 'trial_run') return;
    await this.project(id, { type: 'RequestAcceptance', data: {} });
    await this.project(id, {
      type: 'RecordAcceptance',
      data: {
        result: 'accepted',
        date: day(start, 400),
        evaluatorOrgId: providers[0]!.uscc,
        findings: '改造内容真实，KPI 数据可追溯',
      },
    });
    if (stage === 'accepted') return;
    await this.project(id, {
      type: 'DesignateDemonstration',
      data: { programme: '贵安新区数字化改造能力提升示范项目', level: 'district', year: now.getUTCFullYear() },
    });
  }

  /** Six monthly KPI readings; about one project in six goes the wrong way on energy. */
  private async measure(id: string, start: Date, yieldBase: number, energyBase: number, rng: Random) {
    const worse = rng.next() < 0.17;
    for (let month = 0; month < 6; month++) {
      const period = { periodStart: day(start, 190 + month * 30), periodEnd: day(start, 219 + month * 30) };
      const yieldRate = Math.min(99.5, yieldBase * (1 + 0.04 * (month + 1)));
      const energy = energyBase * (worse ? 1.05 : 1 - 0.03 * (month + 1));
      await this.project(id, {
        type: 'MeasureKpi',
        data: { kpiCode: 'yield_rate', value: Number(yieldRate.toFixed(1)), unit: '%', ...period },
      });
      await this.project(id, {
        type: 'MeasureKpi',
        data: { kpiCode: 'energy_per_output', value: Number(energy.toFixed(3)), unit: 'tce/10k CNY', ...period },
      });
    }
  }
}
