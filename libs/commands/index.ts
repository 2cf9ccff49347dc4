export {
  AggregateCommandHandler,
  type AggregateCommands,
  AggregateWrite,
  type CommandInput,
  type PreconditionContext,
  type Preconditions,
  type WriteOptions,
  type WriteResult,
} from './aggregate-commands.js';
export {
  CommandRunner,
  PreconditionFailedError,
  type RunOptions,
  type RunResult,
  type StreamStore,
} from './command-runner.js';
export { CommandsModule } from './commands.module.js';
