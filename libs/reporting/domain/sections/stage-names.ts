import { ENUM_NAMES } from '#libs/labels/domain';

/** The Chinese name of a project stage, shared by every section that shows a stage. */
export const stageName = (stage: string): string =>
  (ENUM_NAMES.projectStage as Record<string, { zh: string }>)[stage]?.zh ?? stage;
