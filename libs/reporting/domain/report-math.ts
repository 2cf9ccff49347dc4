/** The arithmetic and date steps the report sections share, so that every table rounds and counts days alike. */

const DAY_MS = 86_400_000;

export const round = (value: number, digits = 4): number => Math.round(value * 10 ** digits) / 10 ** digits;
export const share = (part: number, whole: number): number | null => (whole === 0 ? null : round(part / whole));
export const days = (from: string, to: string): number =>
  Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY_MS);
export const addDays = (date: string, n: number): string =>
  new Date(Date.parse(date) + n * DAY_MS).toISOString().slice(0, 10);
export const minusMonths = (date: string, months: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};
/** A GB/T 4754 code to its two-digit division: `C3911` → `C39`. */
export const industryDivision = (code: string): string => /^[A-T]?\d{2}/.exec(code)?.[0] ?? code;

/** Linear-interpolated percentile (the spreadsheet PERCENTILE.INC) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return round(sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low));
}

/** A weighted median: the smallest value at which the cumulative weight reaches half. */
export function weightedMedian(values: readonly { value: number; weight: number }[]): number | null {
  const items = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  const total = items.reduce((sum, v) => sum + v.weight, 0);
  if (total === 0) return null;
  let running = 0;
  for (const item of items) {
    running += item.weight;
    if (running >= total / 2) return round(item.value);
  }
  return round(items.at(-1)!.value);
}
