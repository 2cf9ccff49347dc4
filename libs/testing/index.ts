export {
  createTestDatabase,
  describeOnServer,
  onServer,
  SERVER_URL,
  type TestDatabase,
  withDatabaseName,
} from './test-database.js';
export { NaiveLogReaderRepository } from './naive-log-reader.repository.js';
export { anEventMetadata, aNewEvent } from './event.factory.js';
export { daysFromToday, momentFromNow, TestClock } from './dates.js';
export { DeciderSpecification } from './decider-specification.js';
export {
  aScheduledDiagnostic,
  WORKED_EXAMPLE_AT_THREE,
  WORKED_EXAMPLE_POINTS,
  workedExampleScenarioLevels,
} from './worked-example.js';
export { type GivenEvent, ProjectionSpecification } from './projection-specification.js';
export { readLogToEnd } from './log-head.js';
