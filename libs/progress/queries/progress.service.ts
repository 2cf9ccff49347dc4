import { Injectable } from '@nestjs/common';
import type { Principal } from '#libs/auth';
import { currentReadTarget } from '#libs/database';
import { readScope } from '#libs/queries';
import { READS } from '#libs/read-models';
import { type Progress, type ProgressGrouping, ProgressReadRepository } from './progress-read.repository.js';

/** "Within 12 months" moves with the clock: a cached answer is recomputed after this long at the latest. */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 500;

/**
 * The progress figures aggregate every enterprise, diagnostic and project in scope: a few milliseconds of
 * database work that dashboards ask for far more often than the data changes. An answer is kept until the
 * read models it came from move (their checkpoints, checked with one small query per request) or it is a
 * minute old; concurrent requests for the same figures share one computation.
 */
@Injectable()
export class ProgressService {
  private readonly cache = new Map<string, { state: string; at: number; progress: Promise<Progress> }>();

  constructor(private readonly repository: ProgressReadRepository) {}

  async progress(principal: Principal, groupBy: ProgressGrouping, districtCode: string | undefined): Promise<Progress> {
    const scope = readScope(principal);
    // Per database too: equal checkpoints mean equal figures on a replica and the primary, but a computation
    // shared across them would share its failure (a replica going away would fail a read routed to the primary).
    const key = JSON.stringify([currentReadTarget()?.name ?? 'primary', scope, groupBy, districtCode ?? null]);
    const state = await this.repository.readModelState(READS.progress);
    const cached = this.cache.get(key);
    if (cached && cached.state === state && Date.now() - cached.at < MAX_AGE_MS) return cached.progress;
    const progress = this.repository.progress(scope, groupBy, districtCode);
    this.cache.delete(key);
    this.cache.set(key, { state, at: Date.now(), progress });
    if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    progress.catch(() => this.cache.delete(key));
    return progress;
  }
}
