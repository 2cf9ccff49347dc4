import type { EnterpriseProfile } from '../../domain/enterprise.js';
import { EnterpriseWrite } from '../enterprise-command.js';

export class RegisterEnterprise extends EnterpriseWrite<EnterpriseProfile & { aboveDesignatedSize: boolean }> {}
