import { ProjectWrite } from '../project-command.js';

export class ApproveProject extends ProjectWrite<{
  approvalNo: string;
  approvedBudget: number;
  subsidyRate?: number;
  subsidyCap?: number;
}> {}
