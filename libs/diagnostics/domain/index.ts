// The diagnostic's pure domain: loads no Nest and no database driver.
export {
  DIAGNOSTIC_KINDS,
  DIAGNOSTIC_STATUSES,
  DIAGNOSTIC_STREAM,
  type Diagnostic,
  type DiagnosticCommand,
  diagnosticDecider,
  type DiagnosticEvent,
  type DiagnosticKind,
  type DiagnosticState,
  type DiagnosticStatus,
  diagnosticStreamId,
  isTerminal,
  RECOMMENDATION_STATUSES,
  reportDocument,
  WITHDRAWAL_REASONS,
} from './diagnostic.js';
export { diagnosticClaims } from './diagnostic-claims.js';
export { determineMaturityLevel, type MaturityResult } from './maturity-level.js';
export { SCORING_MODEL_IDS, scoringModel } from './scoring-models.js';
