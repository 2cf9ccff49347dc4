import { describe, expect, it } from '@jest/globals';
import { DomainError } from '#libs/event-sourcing';
import { withUsccCheckCharacter } from '#libs/enterprises/domain';
import type { Cell } from './roster-cells.js';
import {
  changeCommands,
  importReason,
  planRoster,
  readRoster,
  type RecordedEnterprise,
  registration,
  type RosterScope,
  type SheetRow,
} from './roster.js';

const HEADER = ['统一社会信用代码', '企业名称', '行业代码', '所属区县', '所属园区', '是否规上'];
const A = withUsccCheckCharacter('91520900MA6H00001');
const B = withUsccCheckCharacter('91520900MA6H00002');
const C = withUsccCheckCharacter('91520115MA6H00003');
/** A's code with a wrong check character. */
const A_BAD = A.slice(0, 17) + (A.endsWith('0') ? '1' : '0');

const recordedA: RecordedEnterprise = {
  status: 'active',
  uscc: A,
  name: '贵州贵安甲精密制造有限公司',
  industryCode: 'C34',
  districtCode: '520900',
  parkId: 'gaxq-dz',
  aboveDesignatedSize: true,
  statYear: 2026,
};
const rowA: Cell[] = [A, '贵州贵安甲精密制造有限公司', 'C34', '520900', 'gaxq-dz', '是'];

/** A sheet: the header in row 1, then the rows from row 2 on, as a spreadsheet numbers them. */
const sheet = (rows: Cell[][], header: Cell[] = HEADER): SheetRow[] =>
  [header, ...rows].map((cells, index) => ({ row: index + 1, cells }));

/** Given what is recorded, when a sheet is imported in a scope, then the plan. */
function given(...recorded: RecordedEnterprise[]) {
  return {
    when(rows: SheetRow[], scope: RosterScope = ['520900']) {
      const plan = planRoster(readRoster(rows), new Map(recorded.map((e) => [e.uscc, e])), scope);
      return { then: (expected: object) => expect(plan).toMatchObject(expected), plan };
    },
  };
}

describe('planRoster', () => {
  it('should register an enterprise the record does not hold, its fields normalised', () =>
    given()
      .when(sheet([[B, ' 贵州贵安乙电子有限公司 ', 3911, '贵安新区', '贵安电子信息产业园', 'Y']]))
      .then({
        rows: 1,
        register: [
          {
            row: 2,
            uscc: B,
            name: '贵州贵安乙电子有限公司',
            industryCode: 'C3911',
            districtCode: '520900',
            parkId: 'gaxq-dz',
            aboveDesignatedSize: true,
          },
        ],
        change: [],
        unchanged: 0,
        refused: [],
      }));

  it('should count a row that matches the record as unchanged', () =>
    given(recordedA)
      .when(sheet([rowA]))
      .then({ register: [], change: [], unchanged: 1, refused: [] }));

  it('should treat an industry code without its section letter as the same code', () =>
    given({ ...recordedA, industryCode: '34' })
      .when(sheet([rowA]))
      .then({ unchanged: 1 }));

  it('should list the changed fields of a known enterprise with their column, old and new value', () =>
    given(recordedA)
      .when(sheet([[A, '贵州贵安甲智能制造有限公司', 'C34', '520900', '贵安高端装备产业园', '否']]))
      .then({
        change: [
          {
            row: 2,
            uscc: A,
            name: '贵州贵安甲智能制造有限公司',
            changes: [
              {
                field: 'name',
                column: '企业名称',
                from: '贵州贵安甲精密制造有限公司',
                to: '贵州贵安甲智能制造有限公司',
              },
              { field: 'parkId', column: '所属园区', from: 'gaxq-dz', to: 'gaxq-zb' },
              { field: 'aboveDesignatedSize', column: '是否规上', from: true, to: false },
            ],
          },
        ],
        unchanged: 0,
      }));

  it('should compare only the columns the file has', () =>
    given(recordedA)
      .when(sheet([[A, '0']], ['社会信用代码', '是否规模以上工业企业（是/否）']))
      .then({
        change: [
          {
            changes: [{ field: 'aboveDesignatedSize', column: '是否规模以上工业企业（是/否）', from: true, to: false }],
          },
        ],
      }));

  it('should find the header under a title line and keep the spreadsheet row numbers', () =>
    given()
      .when([
        { row: 1, cells: ['2026年规上工业企业名录'] },
        { row: 2, cells: [] },
        {
          row: 3,
          cells: ['序号', ' 统一社会信用代码 ', '单位详细名称', '行业代码（GB/T 4754-2017）', '区县', '园区', '规上'],
        },
        { row: 4, cells: [1, B, '贵州贵安乙电子有限公司', 'c39', 520900, 'gaxq-dz', true] },
      ])
      .then({ register: [{ row: 4, uscc: B, industryCode: 'C39', districtCode: '520900' }] }));

  describe('refusals', () => {
    it.each([
      ['bad_uscc', '统一社会信用代码', [A_BAD, ...rowA.slice(1)], '统一社会信用代码校验位不符'],
      ['bad_uscc', '统一社会信用代码', [915209001234567900, ...rowA.slice(1)], '统一社会信用代码被存成了数字'],
      ['missing_value', '企业名称', [B, '', 'C39', '520900', 'gaxq-dz', '是'], '缺少企业名称'],
      ['bad_industry_code', '行业代码', [B, '乙', 'B39', '520900', 'gaxq-dz', '是'], '门类 B 与大类 39 不符'],
      ['bad_industry_code', '行业代码', [B, '乙', '制造业', '520900', 'gaxq-dz', '是'], 'GB/T 4754'],
      ['unknown_district', '所属区县', [B, '乙', 'C39', '北京市朝阳区', 'gaxq-dz', '是'], '未知的区县：北京市朝阳区'],
      ['unknown_park', '所属园区', [B, '乙', 'C39', '520900', '某某工业园', '是'], '未知的园区：某某工业园'],
      ['park_not_in_district', '所属园区', [B, '乙', 'C39', '520900', '观山湖工业园', '是'], '属于观山湖区'],
      ['bad_value', '是否规上', [B, '乙', 'C39', '520900', 'gaxq-dz', '也许'], '是否规上应填'],
      [
        'out_of_scope',
        '所属区县',
        [C, '丙', 'C39', '520115', 'gsh-gy', '是'],
        '不在您的管辖区县内：观山湖区（520115）',
      ],
    ])('should refuse with %s in column %s', (code, column, row, reason) =>
      given()
        .when(sheet([row]))
        .then({ register: [], refused: [{ row: 2, column, code, reason: expect.stringContaining(reason) }] }),
    );

    it('should refuse a known enterprise recorded outside the scope', () =>
      given({ ...recordedA, districtCode: '520115', parkId: 'gsh-gy' })
        .when(sheet([rowA]), ['520900'])
        .then({ change: [], refused: [{ row: 2, column: '统一社会信用代码', code: 'out_of_scope' }] }));

    it('should let an admin import every district', () =>
      given()
        .when(sheet([[C, '丙', 'C39', '520115', 'gsh-gy', '是']]), 'all')
        .then({ register: [{ uscc: C }], refused: [] }));

    it('should refuse every later row of an enterprise, naming its first row', () =>
      given()
        .when(
          sheet([
            rowA,
            [B, '乙', 'C39', '520900', 'gaxq-dz', '是'],
            [A.toLowerCase(), '甲二', 'C39', '520900', 'gaxq-dz', '否'],
          ]),
        )
        .then({
          register: [
            { row: 2, uscc: A },
            { row: 3, uscc: B },
          ],
          refused: [{ row: 4, column: '统一社会信用代码', code: 'duplicate_in_file', reason: '与第 2 行重复' }],
        }));

    it('should refuse a new enterprise when the file lacks a column it needs', () =>
      given()
        .when(sheet([[B, '1']], ['统一社会信用代码', '是否规上']))
        .then({
          register: [],
          refused: ['企业名称', '行业代码', '所属区县', '所属园区'].map((column) => ({
            row: 2,
            column,
            code: 'missing_value',
          })),
        }));

    it('should refuse a closed enterprise', () =>
      given({ ...recordedA, status: 'closed' })
        .when(sheet([rowA]))
        .then({ unchanged: 0, refused: [{ code: 'enterprise_closed' }] }));

    it('should list each bad cell of a row', () =>
      given()
        .when(sheet([[B, '', 'X', '000000', 'gaxq-dz', '是']]))
        .then({
          refused: [{ column: '企业名称' }, { column: '行业代码' }, { column: '所属区县', code: 'unknown_district' }],
        }));
  });

  it('should skip empty rows and throw when no row names the USCC column', () => {
    expect(given().when(sheet([[], [null, ''], rowA])).plan).toMatchObject({ rows: 1, register: [{ row: 4 }] });
    expect(() => readRoster(sheet([rowA], ['编号', '名称']))).toThrow(DomainError);
  });
});

describe('changeCommands', () => {
  it('should send a correction with the import reason, a park move and a scale change, the district last', () => {
    const { plan } = given(recordedA).when(
      sheet([[A, '贵州贵安甲智能制造有限公司', 'C34', '520900', 'gaxq-zb', '否']]),
      'all',
    );
    const moved = { ...plan.change[0]!, changes: [...plan.change[0]!.changes] };
    moved.changes.push({ field: 'districtCode', column: '所属区县', from: '520900', to: '520115' });
    moved.changes.sort((a, b) => (a.field === 'districtCode' ? 1 : b.field === 'districtCode' ? -1 : 0));

    expect(changeCommands(moved, importReason('名录.xlsx'), 2026).map((c) => c.command)).toEqual([
      {
        type: 'CorrectDetails',
        data: { field: 'name', value: '贵州贵安甲智能制造有限公司', reason: '名录导入 名录.xlsx' },
      },
      { type: 'MoveToPark', data: { parkId: 'gaxq-zb' } },
      { type: 'ChangeScaleStatus', data: { aboveDesignatedSize: false, statYear: 2026 } },
      { type: 'CorrectDetails', data: { field: 'districtCode', value: '520115', reason: '名录导入 名录.xlsx' } },
    ]);
  });

  it('should register with the row fields', () => {
    const { plan } = given().when(sheet([[B, '乙', 'C39', '520900', 'gaxq-dz', 'N']]));
    expect(registration(plan.register[0]!)).toEqual({
      type: 'RegisterEnterprise',
      data: {
        uscc: B,
        name: '乙',
        industryCode: 'C39',
        districtCode: '520900',
        parkId: 'gaxq-dz',
        aboveDesignatedSize: false,
      },
    });
  });
});
