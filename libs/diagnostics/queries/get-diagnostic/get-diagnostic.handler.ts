import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '#libs/event-sourcing';
import { readScope } from '#libs/queries';
import { type DiagnosticDetail, DiagnosticReadRepository } from '../diagnostic-read.repository.js';
import { GetDiagnostic } from './get-diagnostic.query.js';

@QueryHandler(GetDiagnostic)
export class GetDiagnosticHandler implements IQueryHandler<GetDiagnostic, DiagnosticDetail> {
  constructor(private readonly repository: DiagnosticReadRepository) {}

  async execute(query: GetDiagnostic): Promise<DiagnosticDetail> {
    const diagnostic = await this.repository.find(readScope(query.principal), query.diagnosticId);
    if (!diagnostic) throw new DomainError('diagnostic_not_found', 'No diagnostic exists under this id', 'not_found');
    return diagnostic;
  }
}
