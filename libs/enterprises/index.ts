export {
  CORRECTABLE_FIELDS,
  type CorrectableField,
  ENTERPRISE_STREAM,
  type EnterpriseCommand,
  enterpriseDecider,
  type EnterpriseEvent,
  type EnterpriseProfile,
  type EnterpriseState,
} from './domain/enterprise.js';
export { isValidUscc, usccCheckCharacter, withUsccCheckCharacter } from './domain/uscc.js';
