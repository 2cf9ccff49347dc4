import { expect } from '@jest/globals';
import { type Decider, type DomainEvent, DomainError, fold } from '#libs/event-sourcing';

/**
 * Domain tests as stories: `given(events).when(command).then(events)` or `.thenThrows(code)`.
 */
export function DeciderSpecification<Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
) {
  return {
    given(history: readonly Event[]) {
      return {
        when(command: Command) {
          const run = () => decider.decide(command, fold(decider, history));
          return {
            then(expected: readonly Event[]) {
              expect(run()).toEqual(expected);
            },
            thenState(check: (state: State) => void) {
              check(fold(decider, [...history, ...run()]));
            },
            thenThrows(code: string) {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              expect((thrown as DomainError).code).toBe(code);
            },
          };
        },
      };
    },
  };
}
