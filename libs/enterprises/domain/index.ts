// The enterprise's pure domain: loads no Nest and no database driver.
export {
  CORRECTABLE_FIELDS,
  type CorrectableField,
  ENTERPRISE_STREAM,
  type EnterpriseCommand,
  enterpriseDecider,
  type EnterpriseEvent,
  type EnterpriseFacts,
  type NewObjectFacts,
  type EnterpriseProfile,
  type EnterpriseState,
  enterpriseStreamId,
} from './enterprise.js';
export { districtName, DISTRICTS, parkName, PARKS } from './parks.js';
export { isValidUscc, usccCheckCharacter, withUsccCheckCharacter } from './uscc.js';
