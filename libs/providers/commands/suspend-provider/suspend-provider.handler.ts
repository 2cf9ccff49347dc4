import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { type ProviderWriteResult, runProviderCommand } from '../provider-command.js';
import { SuspendProvider } from './suspend-provider.command.js';

@CommandHandler(SuspendProvider)
export class SuspendProviderHandler implements ICommandHandler<SuspendProvider, ProviderWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: SuspendProvider): Promise<ProviderWriteResult> {
    return runProviderCommand(this.runner, command, {
      type: 'SuspendProvider',
      data: command.data,
      now: command.options.now,
    });
  }
}
