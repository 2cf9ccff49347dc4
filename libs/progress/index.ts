export { ProgressModule } from './progress.module.js';
export { GetProgress } from './queries/get-progress/get-progress.query.js';
export {
  type Progress,
  type ProgressFigures,
  type ProgressGroup,
  PROGRESS_GROUPINGS,
  type ProgressGrouping,
} from './queries/progress-read.repository.js';
export { READ_MODEL_PROJECTIONS, READS } from './read-models.js';
