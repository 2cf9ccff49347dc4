export { ProgressModule } from './progress.module.js';
export {
  type Progress,
  type ProgressFigures,
  type ProgressGroup,
  PROGRESS_GROUPINGS,
  type ProgressGrouping,
} from './queries/progress-read.repository.js';
export { ProgressService } from './queries/progress.service.js';
