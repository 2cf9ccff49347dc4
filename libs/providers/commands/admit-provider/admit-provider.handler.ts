import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/commands';
import { type ProviderWriteResult, runProviderCommand } from '../provider-command.js';
import { AdmitProvider } from './admit-provider.command.js';

@CommandHandler(AdmitProvider)
export class AdmitProviderHandler implements ICommandHandler<AdmitProvider, ProviderWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  execute(command: AdmitProvider): Promise<ProviderWriteResult> {
    return runProviderCommand(this.runner, command, {
      type: 'AdmitProvider',
      data: command.data,
      now: command.options.now,
    });
  }
}
