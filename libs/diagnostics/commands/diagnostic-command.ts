import { canSee, type Principal } from '#libs/auth';
import { type CommandRunner, type RunOptions, type RunResult, WriteCommand } from '#libs/commands';
import { DomainError } from '#libs/event-sourcing';
import { diagnosticClaims } from '../domain/diagnostic-claims.js';
import {
  DIAGNOSTIC_STREAM,
  type DiagnosticCommand,
  diagnosticDecider,
  type DiagnosticState,
  diagnosticStreamId,
} from '../domain/diagnostic.js';

export type DiagnosticWriteResult = RunResult<DiagnosticState>;

export abstract class DiagnosticWrite<Data> extends WriteCommand<Data, DiagnosticState> {}

/** Whether a diagnostic is inside the caller's scope; outside it answers as if it did not exist. */
export function canSeeDiagnostic(principal: Principal, state: DiagnosticState): boolean {
  return state.status === 'none' || canSee(principal, state);
}

export const diagnosticNotFound = () =>
  new DomainError('diagnostic_not_found', 'No diagnostic exists under this id', 'not_found');

export function runDiagnosticCommand(
  runner: CommandRunner,
  write: DiagnosticWrite<unknown>,
  command: DiagnosticCommand,
  check?: (state: DiagnosticState) => void,
): Promise<DiagnosticWriteResult> {
  const options: RunOptions<DiagnosticState> = {
    ...write.options,
    claims: diagnosticClaims,
    authorize: (state) => {
      if (!canSeeDiagnostic(write.principal, state)) throw diagnosticNotFound();
      check?.(state);
    },
  };
  return runner.run(diagnosticDecider, { type: DIAGNOSTIC_STREAM, id: diagnosticStreamId(write.id) }, command, options);
}
