import { DISTRICTS, districtName, isValidUscc, PARKS } from '#libs/enterprises/domain';

/** A cell as a file reader hands it over: text, a number, a truth value or nothing. */
export type Cell = string | number | boolean | null;

/** What a cell says, or why it cannot be taken: a stable code and a reason for people, in Chinese. */
export type Parsed<T> = { value: T } | { code: RefusalCode; reason: string };

export type RefusalCode =
  | 'missing_value'
  | 'bad_value'
  | 'bad_uscc'
  | 'bad_industry_code'
  | 'unknown_district'
  | 'unknown_park'
  | 'park_not_in_district'
  | 'out_of_scope'
  | 'duplicate_in_file'
  | 'enterprise_closed';

const INVISIBLE = /[\u00a0\u2000-\u200d\u3000\ufeff]/g;

/** A cell's text as people read it: trimmed, without no-break, ideographic or zero-width spaces. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return String(cell).replace(INVISIBLE, ' ').trim();
}

/** A code's text: half-width (NFKC), without spaces, upper case. */
const codeText = (cell: Cell): string => cellText(cell).normalize('NFKC').replace(/\s/g, '').toUpperCase();

const refuse = (code: RefusalCode, reason: string): Parsed<never> => ({ code, reason });

export function parseUscc(cell: Cell): Parsed<string> {
  // Eighteen digits are past what a spreadsheet's number keeps: the last ones are gone already.
  if (typeof cell === 'number') {
    return refuse('bad_uscc', '统一社会信用代码被存成了数字，末几位可能已丢失；请把该列设为文本后重新导出');
  }
  const code = codeText(cell);
  if (!code) return refuse('missing_value', '缺少统一社会信用代码');
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    return refuse('bad_uscc', '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）');
  }
  if (!isValidUscc(code)) return refuse('bad_uscc', '统一社会信用代码校验位不符');
  return { value: code };
}

/** A control character (a tab, a line break, NUL): no part of a name. */
export const isControl = (char: string): boolean => char < ' ' || char === '\u007f';

export function parseName(cell: Cell): Parsed<string> {
  const name = cellText(cell).replace(/\s+/g, ' ');
  if (!name) return refuse('missing_value', '缺少企业名称');
  if (name.length > 200) return refuse('bad_value', '企业名称超过 200 个字符');
  if ([...name].some(isControl)) return refuse('bad_value', '企业名称含有控制字符');
  return { value: name };
}

/** GB/T 4754-2017: each section (门类) letter and the divisions (大类) it holds. */
const SECTIONS: readonly [letter: string, first: number, last: number][] = [
  ['A', 1, 5],
  ['B', 6, 12],
  ['C', 13, 43],
  ['D', 44, 46],
  ['E', 47, 50],
  ['F', 51, 52],
  ['G', 53, 60],
  ['H', 61, 62],
  ['I', 63, 65],
  ['J', 66, 69],
  ['K', 70, 70],
  ['L', 71, 72],
  ['M', 73, 75],
  ['N', 76, 79],
  ['O', 80, 82],
  ['P', 83, 83],
  ['Q', 84, 85],
  ['R', 86, 90],
  ['S', 91, 96],
  ['T', 97, 97],
];
const sectionOf = (division: number) => SECTIONS.find(([, first, last]) => division >= first && division <= last)?.[0];

/**
 * A GB/T 4754 code as an enterprise records it: the section letter and two to four digits (`C39`, `C3911`);
 * a code given without its letter gets it (`3911` → `C3911`), one whose leading zero a spreadsheet dropped
 * gets it back (`6` → `B06`).
 */
export function parseIndustryCode(cell: Cell): Parsed<string> {
  let code = codeText(cell);
  if (!code) return refuse('missing_value', '缺少行业代码');
  if (typeof cell === 'number' && /^\d$/.test(code)) code = `0${code}`;
  const match = /^([A-T])?(\d{2,4})$/.exec(code);
  if (!match) return refuse('bad_industry_code', '行业代码应为 GB/T 4754 代码，如 C39 或 3911');
  const digits = match[2]!;
  const section = sectionOf(Number(digits.slice(0, 2)));
  if (!section) return refuse('bad_industry_code', `行业代码的大类 ${digits.slice(0, 2)} 不存在（GB/T 4754-2017）`);
  if (match[1] && match[1] !== section) {
    return refuse(
      'bad_industry_code',
      `行业代码的门类 ${match[1]} 与大类 ${digits.slice(0, 2)} 不符（应为 ${section}）`,
    );
  }
  return { value: `${section}${digits}` };
}

/** An industry code as recorded, in the form the roster gives it (`39` and `C39` are one code). */
export function sameIndustry(recorded: string, code: string): boolean {
  const parsed = parseIndustryCode(recorded);
  return ('value' in parsed ? parsed.value : recorded) === code;
}

const DISTRICT_BY_NAME = new Map(Object.entries(DISTRICTS).map(([code, name]) => [name, code]));

/**
 * A district: its six-digit code, the nine- or twelve-digit statistical division code of a place in it
 * (统计用区划代码), its name, or its name after the province's and city's (贵州省贵阳市花溪区).
 */
export function parseDistrict(cell: Cell): Parsed<string> {
  const text = cellText(cell).normalize('NFKC').replace(/\s/g, '');
  if (!text) return refuse('missing_value', '缺少所属区县');
  const digits = /^(\d{6})(?:\d{3}|\d{6})?$/.exec(text)?.[1];
  if (digits && Object.hasOwn(DISTRICTS, digits)) return { value: digits };
  const named = DISTRICT_BY_NAME.get(text) ?? [...DISTRICT_BY_NAME].find(([name]) => text.endsWith(name))?.[1];
  if (named) return { value: named };
  return refuse('unknown_district', `未知的区县：${clip(text)}`);
}

const parkKey = (text: string) => text.normalize('NFKC').replace(/\s/g, '').toLowerCase();
const PARK_BY_KEY = new Map(
  PARKS.flatMap((park) => [[parkKey(park.parkId), park] as const, [parkKey(park.name), park] as const]),
);
/** A park id this deployment does not list (the API takes any): letters, digits, `.`, `_` and `-`. */
const PARK_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A park: a listed park's id or name, or the id of a park the list does not know. */
export function parsePark(cell: Cell): Parsed<string> {
  const text = cellText(cell);
  if (!text) return refuse('missing_value', '缺少所属园区');
  const listed = PARK_BY_KEY.get(parkKey(text));
  if (listed) return { value: listed.parkId };
  if (PARK_ID.test(text)) return { value: text };
  return refuse('unknown_park', `未知的园区：${clip(text)}（可填园区编号或园区名称）`);
}

/** Whether a park is in a district: a listed park is in its own; one the list does not know may be anywhere. */
export function parkInDistrict(parkId: string, districtCode: string): Parsed<true> {
  const listed = PARKS.find((park) => park.parkId === parkId);
  if (!listed || listed.districtCode === districtCode) return { value: true };
  return refuse(
    'park_not_in_district',
    `园区“${listed.name}”属于${districtName(listed.districtCode)}，与所属区县${districtName(districtCode)}不符`,
  );
}

const YES = new Set(['是', 'Y', 'YES', '1', 'TRUE', '√', '规上', '规模以上']);
const NO = new Set(['否', 'N', 'NO', '0', 'FALSE', '×', '规下', '非规上', '规模以下']);

export function parseScale(cell: Cell): Parsed<boolean> {
  if (typeof cell === 'boolean') return { value: cell };
  const text = codeText(cell);
  if (!text) return refuse('missing_value', '缺少是否规上');
  if (YES.has(text)) return { value: true };
  if (NO.has(text)) return { value: false };
  return refuse('bad_value', '是否规上应填 是/否（或 Y/N、1/0、true/false）');
}

/** A value quoted back in a reason: the client sent it, it need not read all of it again. */
export const clip = (text: string, max = 100): string => (text.length > max ? `${text.slice(0, max)}…` : text);
