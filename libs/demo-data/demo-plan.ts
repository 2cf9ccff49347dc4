/** GB/T 4754 two-digit manufacturing industries common in Guizhou. */
export const INDUSTRIES = ['C39', 'C38', 'C34', 'C36', 'C27', 'C15', 'C13', 'C30', 'C26', 'C32'];
export const NAMES = [
  '精密',
  '智能',
  '新材料',
  '电子',
  '装备',
  '酒业',
  '食品',
  '医药',
  '化工',
  '铝业',
  '光电',
  '汽车零部件',
];
export const PROVIDER_NAMES = [
  '贵州省数字化转型促进中心',
  '贵安智造数字科技有限公司',
  '黔云工业互联网服务有限公司',
  '贵阳精益改造服务有限公司',
];
/** DOMAIN.md 4c reference distribution: 63 % at level <= 1, 21 % L2, 12 % L3, 4 % L4. */
export const LEVEL_WEIGHTS: [number, number][] = [
  [0, 0.25],
  [1, 0.38],
  [2, 0.21],
  [3, 0.12],
  [4, 0.04],
];
export type DiagnosticStage =
  | 'scheduled'
  | 'assigned'
  | 'surveyed'
  | 'in_review'
  | 'approved'
  | 'report_issued'
  | 'acknowledged'
  | 'cancelled'
  | 'withdrawn';
export const STAGE_WEIGHTS: [DiagnosticStage, number][] = [
  ['scheduled', 0.05],
  ['assigned', 0.05],
  ['surveyed', 0.05],
  ['in_review', 0.05],
  ['approved', 0.04],
  ['report_issued', 0.46],
  ['acknowledged', 0.22],
  ['cancelled', 0.04],
  ['withdrawn', 0.04],
];
export const PROJECT_STAGES = [
  'proposed',
  'approved',
  'contracted',
  'under_construction',
  'trial_run',
  'accepted',
  'designated',
  'terminated',
] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export interface DemoProvider {
  uscc: string;
  assessors: string[];
}

/** A small seeded generator, so the demo data set is the same on every machine. */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const weighted = <T>(items: readonly [T, number][]): T => {
    let r = next();
    for (const [item, weight] of items) if ((r -= weight) <= 0) return item;
    return items[items.length - 1]![0];
  };
  return { next, pick, weighted };
}
export type Random = ReturnType<typeof random>;
