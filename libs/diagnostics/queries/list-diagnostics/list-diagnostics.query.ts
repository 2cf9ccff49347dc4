import { Query } from '@nestjs/cqrs';
import type { Principal } from '#libs/auth';
import type { Page, PageRequest } from '#libs/queries';
import type { DiagnosticFilter, DiagnosticSummary } from '../diagnostic-read.repository.js';

export class ListDiagnostics extends Query<Page<DiagnosticSummary>> {
  constructor(
    readonly principal: Principal,
    readonly filter: DiagnosticFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
