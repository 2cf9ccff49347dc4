export { CommandRunner, PreconditionFailedError, type RunOptions, type RunResult } from './command-runner.js';
export { CommandsModule } from './commands.module.js';
