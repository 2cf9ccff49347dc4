import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { canSee, type Principal } from '#libs/auth';
import { AggregateCommandHandler, type AggregateCommands, AggregateWrite, CommandRunner } from '#libs/commands';
import { newObjectFacts } from '#libs/enterprises';
import { DomainError } from '#libs/event-sourcing';
import { namedProviderFacts } from '#libs/providers';
import {
  PROJECT_STREAM,
  type ProjectCommand,
  projectDecider,
  type ProjectEvent,
  type ProjectState,
  projectStreamId,
} from '../domain/project.js';

/** Every write to a transformation project: one of its domain commands; a proposal makes the project's id. */
export class ProjectWrite extends AggregateWrite<ProjectCommand, ProjectState> {}

/** Settings the project rules take from the deployment. */
export const PROJECT_SETTINGS = Symbol('PROJECT_SETTINGS');
export interface ProjectSettings {
  /** Acceptance needs a trial run of at least this many days (TRIAL_RUN_MIN_DAYS). */
  trialRunMinDays: number;
}

export function canSeeProject(principal: Principal, state: ProjectState): boolean {
  return state.stage === 'none' || canSee(principal, state);
}

export function projectCommands(
  settings: ProjectSettings,
): AggregateCommands<ProjectCommand, ProjectState, ProjectEvent> {
  return {
    decider: projectDecider,
    streamType: PROJECT_STREAM,
    streamId: projectStreamId,
    canSee: canSeeProject,
    notFound: () => new DomainError('project_not_found', 'No project exists under this id', 'not_found'),
    preconditions: {
      ProposeProject: newObjectFacts,
      SignContract: namedProviderFacts,
      RecordAcceptance: () => Promise.resolve({ trialRunMinDays: settings.trialRunMinDays }),
    },
  };
}

@CommandHandler(ProjectWrite)
export class ProjectCommandHandler extends AggregateCommandHandler<ProjectCommand, ProjectState, ProjectEvent> {
  constructor(runner: CommandRunner, @Inject(PROJECT_SETTINGS) settings: ProjectSettings) {
    super(runner, projectCommands(settings));
  }
}
