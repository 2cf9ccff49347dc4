import { type CommandContext, type Decider, DomainError } from '#libs/event-sourcing';
import { isValidUscc } from './uscc.js';
import { isKnownDistrict } from './parks.js';

export const ENTERPRISE_STREAM = 'Enterprise';

/** Stream ids are global: the type prefix keeps an enterprise and a provider with one USCC apart. */
export const enterpriseStreamId = (uscc: string): string => `enterprise-${uscc}`;

/** GB/T 4754 industry codes: a section letter plus two to four digits, or the digits alone (C39, 39, 3911). */
const INDUSTRY_CODE = /^([A-T])?\d{2,4}$/;
/** 行政区划代码: six digits. */
const DISTRICT_CODE = /^\d{6}$/;

/** A six-digit GB/T 2260 code of one of this deployment's districts. */
function checkDistrict(code: string): void {
  check(DISTRICT_CODE.test(code), 'invalid_district_code', `${code} is not a six-digit district code`);
  check(isKnownDistrict(code), 'unknown_district', `${code} is not one of this deployment's districts`);
}

export interface EnterpriseProfile {
  uscc: string;
  name: string;
  industryCode: string;
  districtCode: string;
  parkId: string;
}

export type EnterpriseEvent =
  | { type: 'EnterpriseRegistered'; data: EnterpriseProfile & { aboveDesignatedSize: boolean; statYear: number } }
  | {
      type: 'EnterpriseScaleStatusChanged';
      data: { aboveDesignatedSize: boolean; statYear: number; effectiveFrom: string; source: string };
    }
  | { type: 'EnterpriseMovedToPark'; data: { from: string; to: string; effectiveFrom: string } }
  | { type: 'EnterpriseDetailsCorrected'; data: { field: CorrectableField; old: string; new: string; reason: string } }
  | { type: 'EnterpriseClosed'; data: { reason: string } };

export const CORRECTABLE_FIELDS = ['name', 'industryCode', 'districtCode'] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

export type EnterpriseCommand = CommandContext &
  (
    | { type: 'RegisterEnterprise'; data: EnterpriseProfile & { aboveDesignatedSize: boolean } }
    | { type: 'ChangeScaleStatus'; data: { aboveDesignatedSize: boolean; statYear: number; source?: string } }
    | { type: 'MoveToPark'; data: { parkId: string } }
    | { type: 'CorrectDetails'; data: { field: CorrectableField; value: string; reason: string } }
    | { type: 'CloseEnterprise'; data: { reason: string } }
  );

/** What another aggregate's decision needs to know of an enterprise (loaded by its precondition). */
export interface EnterpriseFacts {
  status: 'active' | 'closed';
  districtCode: string;
}

/** The facts of an object created for an enterprise (a diagnostic, a project): its new id and the enterprise's. */
export interface NewObjectFacts {
  id: string;
  enterprise: EnterpriseFacts;
}

export type EnterpriseState =
  | { status: 'unregistered' }
  | (EnterpriseProfile & {
      status: 'active' | 'closed';
      aboveDesignatedSize: boolean;
      /** The statistical year the scale flag was last set for (入规/退规 is re-set each year). */
      statYear: number;
    });

function active(state: EnterpriseState): Exclude<EnterpriseState, { status: 'unregistered' }> {
  if (state.status === 'unregistered') {
    throw new DomainError('enterprise_not_found', 'No enterprise is registered under this id', 'not_found');
  }
  if (state.status === 'closed') {
    throw new DomainError('enterprise_closed', 'The enterprise is closed; nothing more can be recorded on it');
  }
  return state;
}

function check(condition: boolean, code: string, message: string): void {
  if (!condition) throw new DomainError(code, message, 'invalid');
}

export const enterpriseDecider: Decider<EnterpriseCommand, EnterpriseState, EnterpriseEvent> = {
  initialState: () => ({ status: 'unregistered' }),

  decide(command, state) {
    const today = command.now.toISOString().slice(0, 10);
    switch (command.type) {
      case 'RegisterEnterprise': {
        if (state.status !== 'unregistered') {
          throw new DomainError(
            'enterprise_already_registered',
            `An enterprise with USCC ${command.data.uscc} is registered`,
          );
        }
        const { uscc, industryCode, districtCode } = command.data;
        check(isValidUscc(uscc), 'invalid_uscc', `${uscc} is not a valid unified social credit code (GB 32100-2015)`);
        check(INDUSTRY_CODE.test(industryCode), 'invalid_industry_code', `${industryCode} is not a GB/T 4754 code`);
        checkDistrict(districtCode);
        return [
          {
            type: 'EnterpriseRegistered',
            data: { ...command.data, statYear: command.now.getUTCFullYear() },
          },
        ];
      }
      case 'ChangeScaleStatus': {
        const enterprise = active(state);
        const { aboveDesignatedSize, statYear } = command.data;
        check(
          statYear >= 2000 && statYear <= command.now.getUTCFullYear() + 1,
          'invalid_stat_year',
          `${statYear} is not a plausible statistical year`,
        );
        if (enterprise.aboveDesignatedSize === aboveDesignatedSize && enterprise.statYear === statYear) {
          throw new DomainError(
            'no_change',
            `The scale status for ${statYear} is already ${aboveDesignatedSize}`,
            'invalid',
          );
        }
        return [
          {
            type: 'EnterpriseScaleStatusChanged',
            data: { aboveDesignatedSize, statYear, effectiveFrom: today, source: command.data.source ?? 'statistics' },
          },
        ];
      }
      case 'MoveToPark': {
        const enterprise = active(state);
        if (enterprise.parkId === command.data.parkId) {
          throw new DomainError('no_change', `The enterprise is already in park ${command.data.parkId}`, 'invalid');
        }
        return [
          {
            type: 'EnterpriseMovedToPark',
            data: { from: enterprise.parkId, to: command.data.parkId, effectiveFrom: today },
          },
        ];
      }
      case 'CorrectDetails': {
        const enterprise = active(state);
        const { field, value, reason } = command.data;
        if (field === 'industryCode')
          check(INDUSTRY_CODE.test(value), 'invalid_industry_code', `${value} is not a GB/T 4754 code`);
        if (field === 'districtCode') checkDistrict(value);
        if (enterprise[field] === value) throw new DomainError('no_change', `${field} is already ${value}`, 'invalid');
        return [{ type: 'EnterpriseDetailsCorrected', data: { field, old: enterprise[field], new: value, reason } }];
      }
      case 'CloseEnterprise':
        active(state);
        return [{ type: 'EnterpriseClosed', data: { reason: command.data.reason } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'EnterpriseRegistered':
        return { status: 'active', ...event.data };
      case 'EnterpriseScaleStatusChanged':
        return state.status === 'unregistered'
          ? state
          : { ...state, aboveDesignatedSize: event.data.aboveDesignatedSize, statYear: event.data.statYear };
      case 'EnterpriseMovedToPark':
        return state.status === 'unregistered' ? state : { ...state, parkId: event.data.to };
      case 'EnterpriseDetailsCorrected':
        return state.status === 'unregistered' ? state : { ...state, [event.data.field]: event.data.new };
      case 'EnterpriseClosed':
        return state.status === 'unregistered' ? state : { ...state, status: 'closed' };
    }
  },
};
