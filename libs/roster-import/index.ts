export * from './domain/index.js';
export {
  columnName,
  fileTooLarge,
  ImportFileError,
  MAX_FILE_BYTES,
  MAX_ROWS,
  readRosterFile,
  type RosterSheet,
} from './roster-file.js';
export {
  cleanFileName,
  type RosterImportAnswer,
  type RosterImportRequest,
  RosterImportService,
} from './roster-import.service.js';
export { RosterImportModule } from './roster-import.module.js';
