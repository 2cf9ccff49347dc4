import type { DiagnosticEvent, DiagnosticState } from './diagnostic.js';

/** Invariant 1: one open diagnostic per enterprise, campaign and kind. */
export const openDiagnosticClaim = (d: { enterpriseId: string; campaignId: string; kind: string }): string =>
  `open-diagnostic:${d.enterpriseId}:${d.campaignId}:${d.kind}`;

/** The claim is taken when a diagnostic is scheduled and given up when it ends (closed, cancelled, withdrawn). */
export function diagnosticClaims(events: readonly { type: string }[], state: DiagnosticState) {
  const acquire: string[] = [];
  const release: string[] = [];
  for (const event of events as readonly DiagnosticEvent[]) {
    if (event.type === 'DiagnosticScheduled') acquire.push(openDiagnosticClaim(event.data));
    const ends =
      event.type === 'DiagnosticClosed' || event.type === 'DiagnosticCancelled' || event.type === 'DiagnosticWithdrawn';
    if (ends && state.status !== 'none') {
      release.push(openDiagnosticClaim(state));
    }
  }
  return { acquire, release };
}
