import type { CorrectableField } from '../../domain/enterprise.js';
import { EnterpriseWrite } from '../enterprise-command.js';

export class CorrectEnterpriseDetails extends EnterpriseWrite<{
  field: CorrectableField;
  value: string;
  reason: string;
}> {}
