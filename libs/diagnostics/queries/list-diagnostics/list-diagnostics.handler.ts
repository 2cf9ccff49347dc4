import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Page, readScope } from '#libs/queries';
import { DiagnosticReadRepository, type DiagnosticSummary } from '../diagnostic-read.repository.js';
import { ListDiagnostics } from './list-diagnostics.query.js';

@QueryHandler(ListDiagnostics)
export class ListDiagnosticsHandler implements IQueryHandler<ListDiagnostics, Page<DiagnosticSummary>> {
  constructor(private readonly repository: DiagnosticReadRepository) {}

  execute(query: ListDiagnostics): Promise<Page<DiagnosticSummary>> {
    return this.repository.list(readScope(query.principal), query.filter, query.page);
  }
}
