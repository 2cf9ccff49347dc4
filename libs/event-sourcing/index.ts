// Pure building blocks of the domain: no Nest, no database.
export { type CommandContext, type Decider, type DomainEvent, fold } from './decider.js';
export { DomainError, type DomainErrorKind } from './domain-error.js';
export { jsonEqual } from './json-equal.js';
