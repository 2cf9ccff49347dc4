import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { canSee } from '#libs/auth';
import { commandContext, CommandRunner } from '#libs/commands';
import { enterpriseDecider, enterpriseStreamId } from '#libs/enterprises';
import { DomainError } from '#libs/event-sourcing';
import { type ProjectWriteResult, runProjectCommand } from '../project-command.js';
import { ProposeProject } from './propose-project.command.js';

@CommandHandler(ProposeProject)
export class ProposeProjectHandler implements ICommandHandler<ProposeProject, ProjectWriteResult> {
  constructor(private readonly runner: CommandRunner) {}

  async execute(command: ProposeProject): Promise<ProjectWriteResult> {
    const { principal } = command;
    const { state: enterprise } = await this.runner.load(
      enterpriseDecider,
      enterpriseStreamId(command.data.enterpriseId),
    );
    const visible =
      enterprise.status !== 'unregistered' &&
      canSee(principal, { ...enterprise, enterpriseId: enterprise.uscc, providerId: null });
    if (!visible)
      throw new DomainError('enterprise_not_found', 'No enterprise is registered under this id', 'not_found');
    if (enterprise.status === 'closed') throw new DomainError('enterprise_closed', 'The enterprise is closed');
    return runProjectCommand(this.runner, command, {
      type: 'ProposeProject',
      data: { ...command.data, projectId: command.id, districtCode: enterprise.districtCode },
      ...commandContext(command),
    });
  }
}
