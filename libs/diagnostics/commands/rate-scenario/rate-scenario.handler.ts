import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { type DiagnosticWriteResult, runDiagnosticCommand } from '../diagnostic-command.js';
import { RateScenario } from './rate-scenario.command.js';

@CommandHandler(RateScenario)
export class RateScenarioHandler implements ICommandHandler<RateScenario, DiagnosticWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: RateScenario): Promise<DiagnosticWriteResult> {
    return runDiagnosticCommand(this.runner, command, {
      type: 'RateScenario',
      data: command.data,
      ...commandContext(command),
    });
  }
}
