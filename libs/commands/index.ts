export { CommandRunner, PreconditionFailedError, type RunOptions, type RunResult } from './command-runner.js';
export { CommandsModule } from './commands.module.js';
export { commandContext, WriteCommand, type WriteOptions } from './write-command.js';
