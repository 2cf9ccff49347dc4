import { type CommandRunner, type RunResult, WriteCommand } from '#libs/commands';
import {
  PROVIDER_STREAM,
  type ProviderCommand,
  providerDecider,
  type ProviderState,
  providerStreamId,
} from '../domain/provider.js';

export type ProviderWriteResult = RunResult<ProviderState>;

export abstract class ProviderWrite<Data> extends WriteCommand<Data, ProviderState> {}

/** The provider registry is shared by the whole deployment: officers of every district may maintain it. */
export function runProviderCommand(
  runner: CommandRunner,
  write: ProviderWrite<unknown>,
  command: ProviderCommand,
): Promise<ProviderWriteResult> {
  return runner.run(providerDecider, { type: PROVIDER_STREAM, id: providerStreamId(write.id) }, command, write.options);
}
