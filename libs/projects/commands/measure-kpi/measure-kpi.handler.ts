import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { MeasureKpi } from './measure-kpi.command.js';

@CommandHandler(MeasureKpi)
export class MeasureKpiHandler implements ICommandHandler<MeasureKpi, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: MeasureKpi): Promise<ProjectWriteResult> {
    return runProjectCommand(this.runner, command, {
      type: 'MeasureKpi',
      data: command.data,
      ...commandContext(command),
    });
  }
}
