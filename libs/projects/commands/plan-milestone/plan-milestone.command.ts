import { ProjectWrite } from '../project-command.js';

export class PlanMilestone extends ProjectWrite<{ name: string; due: string; mandatory: boolean }> {}
