import { DomainError } from '#libs/event-sourcing';
import { districtName, type EnterpriseState } from '#libs/enterprises/domain';
import { fieldOfHeader, ROSTER_COLUMNS, ROSTER_FIELDS, type RosterField } from './roster-columns.js';
import {
  type Cell,
  cellText,
  clip,
  type Parsed,
  parseDistrict,
  parseIndustryCode,
  parseName,
  parsePark,
  parseScale,
  parseUscc,
  parkInDistrict,
  type RefusalCode,
  sameIndustry,
} from './roster-cells.js';

/** One row of a sheet, numbered as the spreadsheet numbers it (the first row is 1). */
export interface SheetRow {
  row: number;
  cells: readonly Cell[];
}

/** A row that is not applied: where (row, and the column's header as the file has it) and why. */
export interface Refusal {
  row: number;
  column: string;
  code: RefusalCode | (string & {});
  reason: string;
  /** The cell as found, when there was one. */
  value?: string;
}

/** A row the file gives, read and normalised; a field is absent when the file has no column for it. */
export interface RosterRow {
  row: number;
  uscc: string;
  name?: string;
  industryCode?: string;
  districtCode?: string;
  parkId?: string;
  aboveDesignatedSize?: boolean;
}

export interface RosterColumn {
  index: number;
  /** The header as the file has it. */
  header: string;
}

export interface RosterRead {
  headerRow: number;
  columns: Partial<Record<RosterField, RosterColumn>>;
  /** The rows that may be applied: valid, and each enterprise's first row. */
  rows: RosterRow[];
  refused: Refusal[];
  /** Data rows that hold anything. */
  total: number;
}

export type RegisterEntry = Required<RosterRow>;

export interface FieldChange {
  field: RosterField;
  column: string;
  from: string | boolean;
  to: string | boolean;
}

export interface ChangeEntry {
  row: number;
  uscc: string;
  name: string;
  changes: FieldChange[];
}

/** What an import would do (a dry run) or did: registrations, changes, rows without change, refusals. */
export interface RosterPlan {
  rows: number;
  register: RegisterEntry[];
  change: ChangeEntry[];
  unchanged: number;
  refused: Refusal[];
}

/** An enterprise as recorded. */
export type RecordedEnterprise = Exclude<EnterpriseState, { status: 'unregistered' }>;

/** The districts the caller acts for (`all` for an admin). */
export type RosterScope = 'all' | readonly string[];

/** A header is looked for in this many rows at the top of a sheet (a title line or two often comes first). */
export const HEADER_SEARCH_ROWS = 10;

/** The columns of a header row (the first column of each field), or null for a row that is not one. */
export function rosterHeader(cells: readonly Cell[]): Partial<Record<RosterField, RosterColumn>> | null {
  const columns: Partial<Record<RosterField, RosterColumn>> = {};
  cells.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const field = fieldOfHeader(cell);
    if (field && !columns[field]) columns[field] = { index, header: cellText(cell) };
  });
  return columns.uscc ? columns : null;
}

const isEmpty = (cells: readonly Cell[]) => cells.every((cell) => cellText(cell) === '');

/**
 * Reads a sheet: finds the header (a row naming the 统一社会信用代码 column, among the first ten), reads and
 * normalises each row after it, and refuses the cells it cannot take and the second row of an enterprise.
 */
export function readRoster(rows: readonly SheetRow[]): RosterRead {
  const headerAt = rows.findIndex((row) => row.row > HEADER_SEARCH_ROWS || rosterHeader(row.cells) !== null);
  if (headerAt < 0 || rows[headerAt]!.row > HEADER_SEARCH_ROWS) {
    throw new DomainError(
      'roster_header_not_found',
      `No header row naming the USCC column (统一社会信用代码) among the first ${HEADER_SEARCH_ROWS} rows`,
      'invalid',
      { expected: ROSTER_FIELDS.map((field) => ROSTER_COLUMNS[field].header) },
    );
  }
  const headerRow = rows[headerAt]!;
  const columns = rosterHeader(headerRow.cells)!;
  const read: RosterRead = { headerRow: headerRow.row, columns, rows: [], refused: [], total: 0 };
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of rows.slice(headerAt + 1)) {
    if (isEmpty(cells)) continue;
    read.total++;
    const refusals: Refusal[] = [];
    const take = <T>(field: RosterField, parse: (cell: Cell) => Parsed<T>): T | undefined => {
      const column = columns[field];
      if (!column) return undefined;
      const cell = cells[column.index] ?? null;
      const parsed = parse(cell);
      if ('value' in parsed) return parsed.value;
      const value = cellText(cell);
      refusals.push({
        row,
        column: column.header,
        code: parsed.code,
        reason: parsed.reason,
        ...(value ? { value: clip(value) } : {}),
      });
      return undefined;
    };
    const uscc = take('uscc', parseUscc);
    if (uscc !== undefined) {
      const first = firstRowOf.get(uscc);
      if (first !== undefined) {
        read.refused.push({
          row,
          column: columns.uscc!.header,
          code: 'duplicate_in_file',
          reason: `与第 ${first} 行重复`,
          value: uscc,
        });
        continue;
      }
      firstRowOf.set(uscc, row);
    }
    const fields = {
      name: take('name', parseName),
      industryCode: take('industryCode', parseIndustryCode),
      districtCode: take('districtCode', parseDistrict),
      parkId: take('parkId', parsePark),
      aboveDesignatedSize: take('aboveDesignatedSize', parseScale),
    };
    if (refusals.length > 0 || uscc === undefined) {
      read.refused.push(...refusals);
      continue;
    }
    const defined = Object.entries(fields).filter(([, value]) => value !== undefined);
    read.rows.push({ row, uscc, ...(Object.fromEntries(defined) as Partial<RosterRow>) });
  }
  return read;
}

const covers = (scope: RosterScope, districtCode: string) => scope === 'all' || scope.includes(districtCode);
const columnOf = (read: RosterRead, field: RosterField) => read.columns[field]?.header ?? ROSTER_COLUMNS[field].header;

/** The fields compared with the record, in the order their commands run (a move to another district last). */
const COMPARED = ['name', 'industryCode', 'parkId', 'aboveDesignatedSize', 'districtCode'] as const;

/**
 * The plan for the rows read, against the enterprises as recorded (keyed by USCC, whatever the caller's
 * scope): a registration for each new enterprise, the changed fields of each known one, a count of those
 * that match the record, and a refusal for each row the caller may not apply.
 */
export function planRoster(
  read: RosterRead,
  recorded: ReadonlyMap<string, RecordedEnterprise>,
  scope: RosterScope,
): RosterPlan {
  const plan: RosterPlan = { rows: read.total, register: [], change: [], unchanged: 0, refused: [...read.refused] };
  for (const row of read.rows) {
    const enterprise = recorded.get(row.uscc);
    const refusals: Refusal[] = [];
    const refuse = (field: RosterField, code: RefusalCode, reason: string, value?: string) =>
      refusals.push({ row: row.row, column: columnOf(read, field), code, reason, ...(value ? { value } : {}) });
    if (row.districtCode !== undefined && !covers(scope, row.districtCode)) {
      refuse(
        'districtCode',
        'out_of_scope',
        `不在您的管辖区县内：${districtName(row.districtCode)}（${row.districtCode}）`,
        row.districtCode,
      );
    }
    if (enterprise && !covers(scope, enterprise.districtCode)) {
      refuse('uscc', 'out_of_scope', '该企业登记在您的管辖区县以外', row.uscc);
    } else if (enterprise?.status === 'closed') {
      refuse('uscc', 'enterprise_closed', '该企业已注销，不再导入其信息', row.uscc);
    }
    const district = row.districtCode ?? enterprise?.districtCode;
    if (row.parkId !== undefined && district !== undefined) {
      const inDistrict = parkInDistrict(row.parkId, district);
      if (!('value' in inDistrict)) refuse('parkId', inDistrict.code, inDistrict.reason, row.parkId);
    }
    if (!enterprise) {
      for (const field of ROSTER_FIELDS) {
        if (row[field] === undefined) {
          refuse(field, 'missing_value', `新登记的企业需要“${ROSTER_COLUMNS[field].header}”列`);
        }
      }
    }
    if (refusals.length > 0) {
      plan.refused.push(...refusals);
    } else if (!enterprise) {
      plan.register.push(row as RegisterEntry);
    } else {
      const changes = COMPARED.flatMap((field): FieldChange[] => {
        const to = row[field];
        const from = enterprise[field];
        if (to === undefined) return [];
        const same = field === 'industryCode' ? sameIndustry(from as string, to as string) : from === to;
        return same ? [] : [{ field, column: columnOf(read, field), from, to }];
      });
      if (changes.length === 0) plan.unchanged++;
      else plan.change.push({ row: row.row, uscc: row.uscc, name: row.name ?? enterprise.name, changes });
    }
  }
  plan.refused.sort((a, b) => a.row - b.row);
  return plan;
}

/** The enterprise commands an import sends, as a route would (their context comes with the write). */
export type RosterCommand =
  | { type: 'RegisterEnterprise'; data: Omit<RegisterEntry, 'row'> }
  | { type: 'CorrectDetails'; data: { field: 'name' | 'industryCode' | 'districtCode'; value: string; reason: string } }
  | { type: 'MoveToPark'; data: { parkId: string } }
  | { type: 'ChangeScaleStatus'; data: { aboveDesignatedSize: boolean; statYear: number } };

export function registration({ row: _, ...data }: RegisterEntry): RosterCommand {
  return { type: 'RegisterEnterprise', data };
}

/**
 * The commands of a changed row, one per field, in the order they run: corrections (with the import's
 * reason), a move to another park, the scale status for `statYear`, and a move to another district last.
 */
export function changeCommands(
  entry: ChangeEntry,
  reason: string,
  statYear: number,
): { change: FieldChange; command: RosterCommand }[] {
  return entry.changes.map((change) => {
    switch (change.field) {
      case 'parkId':
        return { change, command: { type: 'MoveToPark', data: { parkId: String(change.to) } } };
      case 'aboveDesignatedSize':
        return {
          change,
          command: { type: 'ChangeScaleStatus', data: { aboveDesignatedSize: change.to === true, statYear } },
        };
      case 'name':
      case 'industryCode':
      case 'districtCode':
        return {
          change,
          command: { type: 'CorrectDetails', data: { field: change.field, value: String(change.to), reason } },
        };
      case 'uscc':
        throw new Error('The USCC is the key: it never changes');
    }
  });
}

/** The reason a correction made by an import records. */
export const importReason = (fileName: string): string => `名录导入 ${fileName}`;

const RULE_REASONS: Record<string, string> = {
  enterprise_already_registered: '该统一社会信用代码已登记',
  enterprise_not_found: '未找到该企业，或它不在您的管辖区县内',
  enterprise_closed: '该企业已注销，不再导入其信息',
  forbidden: '不在您的管辖区县内',
  no_change: '与登记的信息相同，无需变更',
  invalid_uscc: '统一社会信用代码校验位不符',
  invalid_industry_code: '行业代码不是 GB/T 4754 代码',
  unknown_district: '未知的区县',
  conflict: '该企业正被同时修改，请稍后再导入',
};

/** A rule's refusal while applying, in words for people (the rule's own message for one not listed). */
export const ruleReason = (code: string, message: string): string => RULE_REASONS[code] ?? message;
