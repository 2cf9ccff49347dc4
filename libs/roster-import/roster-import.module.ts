import { Module } from '@nestjs/common';
import { EnterprisesModule } from '#libs/enterprises';
import { RosterImportService } from './roster-import.service.js';

/** The enterprise roster import: the service the import route and the CLI share. */
@Module({ imports: [EnterprisesModule], providers: [RosterImportService], exports: [RosterImportService] })
export class RosterImportModule {}
