/** An event as the domain emits it; the store adds the envelope. `type` is the stored name, a constant. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/** What a command carries besides its data: the time it is decided at and who sends it (the key id). */
export interface CommandContext {
  now: Date;
  actorId: string;
}

/**
 * An aggregate as a pure pair (Emmett's decider): `decide` turns a command and the current state into new
 * events or throws a DomainError; `evolve` folds an event into the state. Time and the actor come in with
 * the command, so the domain needs no clock.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
