export { CommandRunner, PreconditionFailedError, type RunOptions, type RunResult } from './command-runner.js';
export { CommandsModule } from './commands.module.js';
export { WriteCommand, type WriteOptions } from './write-command.js';
