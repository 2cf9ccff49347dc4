import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { type EnterpriseWriteResult, runEnterpriseCommand } from '../enterprise-command.js';
import { MoveEnterpriseToPark } from './move-enterprise-to-park.command.js';

@CommandHandler(MoveEnterpriseToPark)
export class MoveEnterpriseToParkHandler implements ICommandHandler<MoveEnterpriseToPark, EnterpriseWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: MoveEnterpriseToPark): Promise<EnterpriseWriteResult> {
    return runEnterpriseCommand(this.runner, command, {
      type: 'MoveToPark',
      data: command.data,
      now: command.options.now,
    });
  }
}
