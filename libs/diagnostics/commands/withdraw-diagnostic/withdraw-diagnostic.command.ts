import type { WithdrawalReason } from '../../domain/diagnostic.js';
import { DiagnosticWrite } from '../diagnostic-command.js';

export class WithdrawDiagnostic extends DiagnosticWrite<{ reasonCode: WithdrawalReason; approvedBy: string }> {}
