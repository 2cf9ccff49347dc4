/** The Chinese names of project stages, shared by every section that shows a stage. */
export const STAGE_NAMES: Record<string, string> = {
  proposed: '申报',
  filed: '备案',
  approved: '批准',
  contracted: '签约',
  baseline_locked: '基线锁定',
  under_construction: '建设中',
  trial_run: '试运行',
  acceptance_requested: '申请验收',
  acceptance_failed: '验收未通过',
  accepted: '已验收',
  rejected: '驳回',
  terminated: '终止',
};
