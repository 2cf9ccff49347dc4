import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { DiagnosticDetail } from '../diagnostic-read.repository.js';

export class GetDiagnostic extends Query<DiagnosticDetail> {
  constructor(
    readonly principal: Principal,
    readonly diagnosticId: string,
  ) {
    super();
  }
}
