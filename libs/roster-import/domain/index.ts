// The roster import's pure domain: reading a sheet's rows and planning against the record; loads no Nest and no database driver.
export { fieldOfHeader, headerKey, ROSTER_COLUMNS, ROSTER_FIELDS, type RosterField } from './roster-columns.js';
export { type Cell, cellText, isControl, type RefusalCode } from './roster-cells.js';
export {
  type ChangeEntry,
  changeCommands,
  type FieldChange,
  HEADER_SEARCH_ROWS,
  importReason,
  planRoster,
  readRoster,
  type RecordedEnterprise,
  type Refusal,
  type RegisterEntry,
  registration,
  rosterHeader,
  type RosterColumn,
  type RosterCommand,
  type RosterPlan,
  type RosterRead,
  type RosterRow,
  type RosterScope,
  ruleReason,
  type SheetRow,
} from './roster.js';
