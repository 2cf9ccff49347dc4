export * from './domain/index.js';
export { canSeeDiagnostic, DiagnosticCommandHandler, DiagnosticWrite } from './commands/diagnostic.handler.js';
export { DiagnosticsModule } from './diagnostics.module.js';
export { diagnosticsProjection } from './projections/diagnostics.projection.js';
export {
  type DiagnosticDetail,
  type DiagnosticFilter,
  DiagnosticReadRepository,
  type DiagnosticSummary,
} from './queries/diagnostic-read.repository.js';
