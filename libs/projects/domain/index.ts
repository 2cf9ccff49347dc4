// The transformation project's pure domain: loads no Nest and no database driver.
export { KPI_CODES, type KpiCode, KPIS } from './kpis.js';
export {
  DEMONSTRATION_LEVELS,
  PROJECT_STAGES,
  PROJECT_STREAM,
  PROJECT_TYPES,
  type Project,
  type ProjectCommand,
  projectDecider,
  type ProjectEvent,
  type ProjectStage,
  type ProjectState,
  projectStreamId,
} from './project.js';
