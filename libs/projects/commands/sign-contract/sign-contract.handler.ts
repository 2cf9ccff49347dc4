import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandContext, CommandRunner } from '#libs/commands';
import { DomainError } from '#libs/event-sourcing';
import { providerDecider, providerStreamId } from '#libs/providers';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { SignContract } from './sign-contract.command.js';

@CommandHandler(SignContract)
export class SignContractHandler implements ICommandHandler<SignContract, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute(command: SignContract): Promise<ProjectWriteResult> {
    const { state: provider } = await this.runner.load(providerDecider, providerStreamId(command.data.providerId));
    if (provider.status !== 'admitted') {
      throw new DomainError(
        'provider_not_available',
        `Provider ${command.data.providerId} is not admitted or is suspended`,
      );
    }
    return runProjectCommand(this.runner, command, {
      type: 'SignContract',
      data: command.data,
      ...commandContext(command),
    });
  }
}
