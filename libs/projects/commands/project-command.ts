import { canSee, type Principal } from '#libs/auth';
import { type CommandRunner, type RunResult, WriteCommand } from '#libs/commands';
import { DomainError } from '#libs/event-sourcing';
import {
  PROJECT_STREAM,
  type ProjectCommand,
  projectDecider,
  type ProjectState,
  projectStreamId,
} from '../domain/project.js';

export type ProjectWriteResult = RunResult<ProjectState>;

export abstract class ProjectWrite<Data> extends WriteCommand<Data, ProjectState> {}

/** Settings the project rules take from the deployment. */
export const PROJECT_SETTINGS = Symbol('PROJECT_SETTINGS');
export interface ProjectSettings {
  /** Acceptance needs a trial run of at least this many days (TRIAL_RUN_MIN_DAYS). */
  trialRunMinDays: number;
}

export function canSeeProject(principal: Principal, state: ProjectState): boolean {
  return state.stage === 'none' || canSee(principal, state);
}

export function runProjectCommand(
  runner: CommandRunner,
  write: ProjectWrite<unknown>,
  command: ProjectCommand,
): Promise<ProjectWriteResult> {
  return runner.run(projectDecider, { type: PROJECT_STREAM, id: projectStreamId(write.id) }, command, {
    ...write.options,
    authorize: (state) => {
      if (!canSeeProject(write.principal, state)) {
        throw new DomainError('project_not_found', 'No project exists under this id', 'not_found');
      }
    },
  });
}
