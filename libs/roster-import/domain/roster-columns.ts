/**
 * The columns of a statistics bureau's list of enterprises (规上工业企业名录) and the headers they go by. A
 * header is compared after NFKC (full-width letters and brackets become half-width), without white space,
 * `*` or `:` and without a bracketed note ("行业代码（GB/T 4754-2017）" is "行业代码"), and in lower case.
 */
export const ROSTER_COLUMNS = {
  uscc: {
    header: '统一社会信用代码',
    aliases: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', 'uscc'],
  },
  name: {
    header: '企业名称',
    aliases: ['企业名称', '单位名称', '单位详细名称', '企业详细名称', '名称', 'name'],
  },
  industryCode: {
    header: '行业代码',
    aliases: [
      '行业代码',
      '行业分类代码',
      '行业类别代码',
      '行业小类代码',
      '国民经济行业代码',
      '国民经济行业分类代码',
      '国民经济行业分类',
      'industrycode',
    ],
  },
  districtCode: {
    header: '所属区县',
    aliases: [
      '所属区县',
      '所在区县',
      '区县',
      '县区',
      '所属区',
      '所属区县代码',
      '区县代码',
      '所属区县名称',
      '区县名称',
      '行政区划代码',
      '区划代码',
      'districtcode',
    ],
  },
  parkId: {
    header: '所属园区',
    aliases: ['所属园区', '所在园区', '园区', '园区名称', '园区代码', '园区编号', '所属开发区', '开发区', 'parkid'],
  },
  aboveDesignatedSize: {
    header: '是否规上',
    aliases: [
      '是否规上',
      '是否规上企业',
      '是否规模以上',
      '是否规模以上企业',
      '是否规模以上工业企业',
      '规上',
      '规上企业',
      '规模以上',
      'abovedesignatedsize',
    ],
  },
} as const satisfies Record<string, { header: string; aliases: readonly string[] }>;

export type RosterField = keyof typeof ROSTER_COLUMNS;
export const ROSTER_FIELDS = Object.keys(ROSTER_COLUMNS) as RosterField[];

/** A header as it is compared with the aliases. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[\s*:]/g, '')
    .toLowerCase();
}

const FIELD_BY_ALIAS = new Map<string, RosterField>(
  ROSTER_FIELDS.flatMap((field) => ROSTER_COLUMNS[field].aliases.map((alias) => [headerKey(alias), field] as const)),
);

/** The roster field a header names, if any. */
export const fieldOfHeader = (text: string): RosterField | undefined => FIELD_BY_ALIAS.get(headerKey(text));
