import { ProjectWrite } from '../project-command.js';

export class RecordAcceptance extends ProjectWrite<{
  result: 'accepted' | 'failed';
  date: string;
  evaluatorOrgId: string;
  findings: string;
  postDiagnosticId?: string;
}> {}
