import { createHash, randomUUID } from 'node:crypto';
import { Command, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, type Principal } from '#libs/auth';
import { ConcurrencyError, type StreamClaims } from '#libs/event-store';
import { type CommandContext, type Decider, DomainError, type DomainEvent } from '#libs/event-sourcing';
import {
  type CommandOutcome,
  type CommandRunner,
  PreconditionFailedError,
  type RunOptions,
  type RunResult,
} from './command-runner.js';

/**
 * A domain command as a caller sends it: the decider's command without the context every command gets and
 * without the `facts` its precondition loads.
 */
export type CommandInput<C> = C extends unknown ? Omit<C, keyof CommandContext | 'facts'> : never;

/** The write's options for the runner, and `now`: when the service took the write, by its clock. */
export type WriteOptions = Omit<RunOptions, 'authorize' | 'claims'> & { now: Date };

/** A write's answer: the object's id (made here for a create), its version and where the write landed. */
export interface WriteResult<State = unknown> extends RunResult<State> {
  id: string;
}

/**
 * A context's one command on the bus: a domain command for one object, who sends it and the write's options.
 * `id` is undefined for a create whose id the service makes.
 */
export abstract class AggregateWrite<DomainCommand extends { type: string }, State = unknown> extends Command<
  WriteResult<State>
> {
  constructor(
    readonly principal: Principal,
    readonly id: string | undefined,
    readonly command: CommandInput<DomainCommand>,
    readonly options: WriteOptions,
  ) {
    super();
  }
}

/** What a precondition gets: the object's id, the caller, and a way to read another aggregate's state. */
export interface PreconditionContext {
  id: string;
  principal: Principal;
  load<State>(decider: Pick<Decider<never, State, never>, 'initialState' | 'evolve'>, streamId: string): Promise<State>;
}

type Precondition<C> = (input: CommandInput<C>, context: PreconditionContext) => Promise<FactsOf<C>>;
type FactsOf<C> = C extends { facts: infer Facts } ? Facts : void;
type NeedingFacts<C> = C extends { facts: unknown; type: infer Type } ? Type : never;

/**
 * What a command's decision needs from other aggregates, by command type: loaded before the decision and given
 * to the domain command as its `facts`, so that the decider checks them (and its specs cover them). Every
 * command that declares `facts` has one. A precondition may also refuse at once, for what is not the
 * aggregate's rule to decide (an enterprise outside the caller's scope answers 404).
 */
export type Preconditions<Command extends { type: string }> = {
  [Type in NeedingFacts<Command> & string]: Precondition<Extract<Command, { type: Type }>>;
} & { [Type in Exclude<Command['type'], NeedingFacts<Command>>]?: Precondition<Extract<Command, { type: Type }>> };

/** How one aggregate's commands are run: its decider, its streams, its scope and its cross-aggregate rules. */
export interface AggregateCommands<
  Command extends CommandContext & { type: string },
  State,
  Event extends DomainEvent,
> {
  decider: Decider<Command, State, Event>;
  streamType: string;
  streamId(id: string): string;
  /**
   * Commands that make the object under an id the caller gives (a USCC): their stream is taken to be new and
   * is not read first. A create under an id the service makes always is.
   */
  creates?: readonly Command['type'][];
  /** Whether the caller may act on the object as it stands; outside its scope it answers `notFound`. */
  canSee(principal: Principal, state: State): boolean;
  notFound(): Error;
  /** Unique claims the decided events take or give up (uniqueness rules that span streams). */
  claims?: (events: readonly DomainEvent[], state: State) => StreamClaims;
  preconditions?: Preconditions<Command>;
  /** A store error that stands for one of this aggregate's rules (a taken claim, say), as its domain error. */
  translate?: (error: unknown) => unknown;
}

/** How a command ended, for the metrics: refused by a rule or the caller's scope, lost to a concurrent write, or failed. */
function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof ConcurrencyError || error instanceof PreconditionFailedError) return 'conflict';
  if (error instanceof DomainError || error instanceof ForbiddenError) return 'refused';
  return 'error';
}

/**
 * The id of an object a create makes: random, or, when the write carries an idempotency key, derived from it,
 * so that a repeated create finds the first one's stream.
 */
function newObjectId(options: WriteOptions): string {
  if (!options.idempotency) return randomUUID();
  const digest = createHash('sha256').update(`${options.idempotency.scope}\n${options.idempotency.key}`).digest('hex');
  return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
}

/**
 * One command handler per aggregate, as Emmett's `CommandHandler(evolve, initialState)`: runs the preconditions
 * of the command's type, gives the domain command its context (`now` from the write, the actor from the
 * key), and lets the runner load, authorize, decide and append at the loaded version.
 */
export abstract class AggregateCommandHandler<
  Command extends CommandContext & { type: string },
  State,
  Event extends DomainEvent,
> implements ICommandHandler<AggregateWrite<Command, State>, WriteResult<State>> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly aggregate: AggregateCommands<Command, State, Event>,
  ) {}

  async execute(write: AggregateWrite<Command, State>): Promise<WriteResult<State>> {
    const { metadata } = write.options;
    const fields = {
      objectId: write.id,
      commandId: metadata.commandId,
      correlationId: metadata.correlationId,
      keyId: write.principal.keyId,
    };
    try {
      const result = await this.executeNow(write);
      this.runner.observe(write.command.type, 'ok', { ...fields, objectId: result.id, version: result.version });
      return result;
    } catch (error) {
      const reason = error instanceof DomainError ? error.code : error instanceof Error ? error.message : String(error);
      this.runner.observe(write.command.type, outcomeOf(error), { ...fields, reason });
      throw error;
    }
  }

  private async executeNow(write: AggregateWrite<Command, State>): Promise<WriteResult<State>> {
    const { aggregate, runner } = this;
    const { principal, options } = write;
    const id = write.id ?? newObjectId(options);
    const preconditions = aggregate.preconditions as Record<string, Precondition<Command> | undefined> | undefined;
    const precondition = preconditions?.[write.command.type];
    const facts: unknown = await precondition?.(write.command, {
      id,
      principal,
      load: async (decider, streamId) => (await runner.load(decider, streamId)).state,
    });
    const command = {
      ...write.command,
      ...(facts === undefined ? {} : { facts }),
      now: options.now,
      actorId: principal.keyId,
    } as unknown as Command;
    try {
      const result = await runner.run(
        aggregate.decider,
        { type: aggregate.streamType, id: aggregate.streamId(id) },
        command,
        {
          ...options,
          creates: write.id === undefined || (aggregate.creates?.includes(write.command.type) ?? false),
          ...(aggregate.claims ? { claims: aggregate.claims } : {}),
          authorize: (state) => {
            if (!aggregate.canSee(principal, state)) throw aggregate.notFound();
          },
        },
      );
      return { ...result, id };
    } catch (error) {
      throw aggregate.translate?.(error) ?? error;
    }
  }
}
