import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { actorOf, ForbiddenError, type Principal } from '#libs/auth';
import { type CommandInput, PreconditionFailedError, type WriteResult } from '#libs/commands';
import { EnterpriseReadRepository, type EnterpriseCommand, EnterpriseWrite } from '#libs/enterprises';
import { DomainError } from '#libs/event-sourcing';
import {
  compareLogPositions,
  ConcurrencyError,
  encodeLogPosition,
  EventStore,
  type LogPosition,
} from '#libs/event-store';
import { ProjectionWaiter } from '#libs/projections';
import {
  type ChangeEntry,
  changeCommands,
  importReason,
  isControl,
  planRoster,
  readRoster,
  type RecordedEnterprise,
  type Refusal,
  type RegisterEntry,
  registration,
  type RosterCommand,
  type RosterPlan,
  type RosterScope,
  ruleReason,
} from './domain/index.js';
import { readRosterFile, type RosterSheet } from './roster-file.js';

/** Rows applied side by side (each row's commands one after another, on its own enterprise). */
const CONCURRENCY = 8;
/** How long an import waits for the enterprises read model to reach what is recorded. */
const RECORD_WAIT_MS = 15_000;

export interface RosterImportRequest {
  content: Buffer;
  /** The file's name as the client gave it (a default by its kind when it gave none). */
  fileName?: string | undefined;
  dryRun: boolean;
  principal: Principal;
  /** When the service took the import, by its clock. */
  now: Date;
  correlationId?: string | undefined;
  /** Rows applied so far, of all to apply. */
  onProgress?: (done: number, total: number) => void;
}

/** The plan (a dry run) or what was done, with the file read and where the last write landed. */
export interface RosterImportAnswer extends RosterPlan {
  dryRun: boolean;
  file: { name: string; kind: RosterSheet['kind']; sheet?: string; encoding?: string };
  /** The log position of the import's last write (for `X-Min-Position`); null when it wrote nothing. */
  position: string | null;
}

/** A client's file name, as recorded in the events' source and the corrections' reason: no path, no control characters. */
export function cleanFileName(name: string | undefined, kind: RosterSheet['kind']): string {
  const base = [...((name ?? '').split(/[\\/]/).pop() ?? '')]
    .filter((char) => !isControl(char))
    .join('')
    .trim()
    .slice(0, 200);
  return base || `名录.${kind}`;
}

/** A rule that refused a command while applying: its code and words; null for a failure that is no rule's. */
function refusalOf(error: unknown): { code: string; reason: string } | null {
  if (error instanceof DomainError) return { code: error.code, reason: ruleReason(error.code, error.message) };
  if (error instanceof ForbiddenError) return { code: 'out_of_scope', reason: ruleReason('forbidden', error.message) };
  if (error instanceof ConcurrencyError || error instanceof PreconditionFailedError) {
    return { code: 'conflict', reason: ruleReason('conflict', error.message) };
  }
  return null;
}

/**
 * The enterprise roster from a spreadsheet (规上工业企业名录): reads the file, plans it against the enterprises
 * as recorded, and applies the plan through the same commands the routes send, each event's source
 * `import:<file name>`; the same file again finds nothing to change.
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly commands: CommandBus,
    private readonly enterprises: EnterpriseReadRepository,
    private readonly store: EventStore,
    private readonly waiter: ProjectionWaiter,
  ) {}

  async import(request: RosterImportRequest): Promise<RosterImportAnswer> {
    const { principal } = request;
    if (principal.role !== 'admin' && principal.role !== 'officer') {
      throw new ForbiddenError(`The ${principal.role} role may not import enterprises`);
    }
    const sheet = await readRosterFile(request.content);
    const read = readRoster(sheet.rows);
    const plan = planRoster(read, await this.recorded(read.rows.map((row) => row.uscc)), scopeOf(principal));
    const file = {
      name: cleanFileName(request.fileName, sheet.kind),
      kind: sheet.kind,
      ...(sheet.sheet !== undefined ? { sheet: sheet.sheet } : {}),
      ...(sheet.encoding ? { encoding: sheet.encoding } : {}),
    };
    if (request.dryRun) return { dryRun: true, file, ...plan, position: null };
    return this.apply(plan, { ...request, fileName: file.name }, file, read.columns.uscc!.header);
  }

  /** The enterprises as recorded: the read model once it has caught up with the log as it is now. */
  private async recorded(ids: string[]): Promise<Map<string, RecordedEnterprise>> {
    const head = await this.store.head();
    if (head) await this.waiter.waitFor(['enterprises'], head, RECORD_WAIT_MS);
    const profiles = await this.enterprises.profiles(ids);
    return new Map(
      profiles.flatMap((profile) => (profile.status === 'unregistered' ? [] : [[profile.uscc, profile] as const])),
    );
  }

  private async apply(
    plan: RosterPlan,
    request: RosterImportRequest & { fileName: string },
    file: RosterImportAnswer['file'],
    usccColumn: string,
  ): Promise<RosterImportAnswer> {
    const done: RosterPlan = {
      rows: plan.rows,
      register: [],
      change: [],
      unchanged: plan.unchanged,
      refused: [...plan.refused],
    };
    let last: LogPosition | null = null;
    const correlationId = request.correlationId ?? randomUUID();
    const send = async (uscc: string, command: RosterCommand): Promise<WriteResult> => {
      const commandId = randomUUID();
      const result = await this.commands.execute(
        new EnterpriseWrite(request.principal, uscc, command as CommandInput<EnterpriseCommand>, {
          now: request.now,
          metadata: {
            actor: actorOf(request.principal),
            source: `import:${request.fileName}`,
            commandId,
            correlationId,
            causationId: commandId,
          },
        }),
      );
      if (!last || compareLogPositions(result.position, last) > 0) last = result.position;
      return result;
    };
    const refused = (row: number, column: string, error: unknown) => {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      done.refused.push({ row, column, ...refusal } satisfies Refusal);
    };
    const register = async (entry: RegisterEntry) => {
      try {
        await send(entry.uscc, registration(entry));
        done.register.push(entry);
      } catch (error) {
        refused(entry.row, usccColumn, error);
      }
    };
    const statYear = request.now.getUTCFullYear();
    const reason = importReason(request.fileName);
    const change = async (entry: ChangeEntry) => {
      const applied: ChangeEntry = { ...entry, changes: [] };
      for (const { change, command } of changeCommands(entry, reason, statYear)) {
        try {
          await send(entry.uscc, command);
          applied.changes.push(change);
        } catch (error) {
          refused(entry.row, change.column, error);
        }
      }
      if (applied.changes.length > 0) done.change.push(applied);
    };
    const tasks = [
      ...plan.register.map((entry) => () => register(entry)),
      ...plan.change.map((entry) => () => change(entry)),
    ];
    await runAll(tasks, CONCURRENCY, (finished) => request.onProgress?.(finished, tasks.length));
    const byRow = (a: { row: number }, b: { row: number }) => a.row - b.row;
    done.register.sort(byRow);
    done.change.sort(byRow);
    done.refused.sort(byRow);
    return { dryRun: false, file, ...done, position: last && encodeLogPosition(last) };
  }
}

const scopeOf = (principal: Principal): RosterScope =>
  principal.role === 'admin' ? 'all' : (principal.scope.districtCodes ?? []);

/**
 * Runs the tasks, at most `concurrency` at once, telling how many have finished. A task that throws stops the
 * others from starting; the first error is thrown once those running have finished.
 */
async function runAll(
  tasks: (() => Promise<void>)[],
  concurrency: number,
  onFinished: (finished: number) => void,
): Promise<void> {
  let next = 0;
  let finished = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (!failure && next < tasks.length) {
      const task = tasks[next++]!;
      try {
        await task();
      } catch (error) {
        failure ??= { error };
      }
      onFinished(++finished);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}
