/**
 * What the command side answers with: `conflict` (a business rule or lifecycle step, 409), `invalid`
 * (well-formed but meaningless, 422), `not_found` (404). The code names the rule; the API turns it into a
 * problem `type`.
 */
export type DomainErrorKind = 'conflict' | 'invalid' | 'not_found';

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind = 'conflict',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
