import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import {
  PROJECT_SETTINGS,
  type ProjectSettings,
  type ProjectWriteResult,
  runProjectCommand,
} from '../project-command.js';
import { RecordAcceptance } from './record-acceptance.command.js';

@CommandHandler(RecordAcceptance)
export class RecordAcceptanceHandler implements ICommandHandler<RecordAcceptance, ProjectWriteResult> {
  constructor(
    private readonly runner: CommandRunner,
    @Inject(PROJECT_SETTINGS) private readonly settings: ProjectSettings,
  ) {}

  execute(command: RecordAcceptance): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'RecordAcceptance',
      data: { ...command.data, trialRunMinDays: this.settings.trialRunMinDays },
      ...commandContext(command),
    });
  }
}
