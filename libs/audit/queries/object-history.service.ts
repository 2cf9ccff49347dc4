import { Injectable } from '@nestjs/common';
import { canSee, type Principal } from '#libs/auth';
import { EnterpriseReadRepository } from '#libs/enterprises';
import { DomainError } from '#libs/event-sourcing';
import { EventStore } from '#libs/event-store';
import { ProviderReadRepository } from '#libs/providers';
import { decodeCursor, encodeCursor, orNotFound, type Page, type PageRequest, readScope } from '#libs/queries';
import { type AggregateType, AUDITED_AGGREGATES } from '../domain/audited-aggregates.js';
import { foldEntry, type HistoryEntry } from '../history-entry.js';
import { providersNamedBy, summarize } from '../domain/summaries.js';
import type { Lang } from '#libs/labels';

export interface ObjectHistory extends Page<HistoryEntry> {
  aggregateType: AggregateType;
  aggregateId: string;
}

export interface ObjectAsOf {
  aggregateType: AggregateType;
  aggregateId: string;
  asOf: string | null;
  version: number;
  recordedAt: string;
  state: unknown;
}

/**
 * One object's timeline and its state as of a moment, from its event stream: every event with who, when,
 * why and the field-level changes it made (the aggregate's own `evolve`, before and after). Corrections and
 * withdrawals are events like any other: they show, nothing is hidden.
 */
/** How many objects' timelines are kept in memory (the most recently read). */
const TIMELINES_KEPT = 200;

@Injectable()
export class ObjectHistoryService {
  private readonly timelines = new Map<string, { state: unknown; entries: HistoryEntry[] }>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly enterprises: EnterpriseReadRepository,
    private readonly providers: ProviderReadRepository,
  ) {}

  /** One object's entries, a page at a time, each summed up in `lang` (Chinese unless English is asked for). */
  async history(
    principal: Principal,
    type: AggregateType,
    id: string,
    page: PageRequest,
    lang: Lang = 'zh',
  ): Promise<ObjectHistory> {
    const { state, entries } = await this.timeline(type, id);
    await this.authorize(principal, type, id, state);
    const after = page.cursor ? decodeCursor(page.cursor, ['number'] as const)[0] : 0;
    const chosen = entries.filter((entry) => entry.version > after).slice(0, page.limit);
    // Providers by name: the summaries are written again with the names of those the page's events mention.
    const named = await this.providers.names([...new Set(chosen.flatMap((entry) => providersNamedBy(entry.data)))]);
    const names = { provider: (uscc: string) => named.get(uscc) ?? uscc };
    const items = chosen.map((entry) => ({ ...entry, summary: summarize(entry.type, entry.data, lang, names) }));
    const last = items.at(-1);
    return {
      aggregateType: type,
      aggregateId: id,
      items,
      nextCursor: last && last.version < entries.length ? encodeCursor([last.version]) : null,
    };
  }

  /**
   * The object's entries and folded state. A stream only grows, so the entries up to a version never change:
   * they are kept (for the most recently read objects) and only newer events are read and folded.
   */
  private async timeline(type: AggregateType, id: string): Promise<{ state: unknown; entries: HistoryEntry[] }> {
    const aggregate = AUDITED_AGGREGATES[type];
    const streamId = aggregate.streamId(id);
    const known = this.timelines.get(streamId);
    const version = await this.eventStore.streamVersion(streamId);
    if (known && known.entries.length === version) return known;
    const base = known && version !== null && known.entries.length < version ? known : undefined;
    const events = await this.eventStore.readStream(streamId, { afterVersion: base?.entries.length ?? 0 });
    let state = base?.state ?? aggregate.initialState();
    const entries = [...(base?.entries ?? [])];
    for (const event of events) {
      const folded = foldEntry(aggregate, state, event);
      entries.push(folded.entry);
      state = folded.state;
    }
    const timeline = { state, entries };
    this.timelines.delete(streamId);
    this.timelines.set(streamId, timeline);
    if (this.timelines.size > TIMELINES_KEPT) this.timelines.delete(this.timelines.keys().next().value!);
    return timeline;
  }

  /**
   * An object's detail: as it stands now from its read model (`now`, null when absent or outside the caller's
   * scope: 404), or, when `asOf` or `version` is given, as recorded then from its events.
   */
  async nowOrAsOf<T>(
    principal: Principal,
    type: AggregateType,
    id: string,
    at: { asOf?: Date | undefined; version?: number | undefined },
    now: () => Promise<T | null>,
  ): Promise<T | ObjectAsOf> {
    if (at.asOf !== undefined || at.version !== undefined) return this.asOf(principal, type, id, at);
    const { code, message } = AUDITED_AGGREGATES[type].notFound;
    return orNotFound(await now(), code, message);
  }

  /** The object as recorded up to `asOf` (and at most `version`): what the service knew then. */
  async asOf(
    principal: Principal,
    type: AggregateType,
    id: string,
    at: { asOf?: Date | undefined; version?: number | undefined },
  ): Promise<ObjectAsOf> {
    const aggregate = AUDITED_AGGREGATES[type];
    await this.authorize(principal, type, id, (await this.timeline(type, id)).state);
    const then = await this.eventStore.readStream(aggregate.streamId(id), {
      ...(at.asOf ? { recordedUntil: at.asOf } : {}),
      ...(at.version ? { toVersion: at.version } : {}),
    });
    const state = then.reduce<unknown>(
      (s, e) => aggregate.evolve(s, { type: e.type, data: e.data }),
      aggregate.initialState(),
    );
    const last = then.at(-1);
    if (!last || !aggregate.exists(state)) {
      throw new DomainError('not_yet_recorded', `Nothing was recorded about ${id} by then`, 'not_found');
    }
    return {
      aggregateType: type,
      aggregateId: id,
      asOf: at.asOf?.toISOString() ?? null,
      version: last.version,
      recordedAt: last.recordedAt.toISOString(),
      state,
    };
  }

  /** Outside the caller's scope (or never recorded) the object answers as if it did not exist. */
  private async authorize(principal: Principal, type: AggregateType, id: string, state: unknown): Promise<void> {
    const aggregate = AUDITED_AGGREGATES[type];
    const notFound = () => new DomainError('not_found', `No ${type.slice(0, -1)} exists under this id`, 'not_found');
    if (!aggregate.exists(state)) throw notFound();
    const scoped = aggregate.scope(state, id);
    if (scoped === null || canSee(principal, scoped)) return;
    if (type === 'enterprises' && principal.role === 'assessor') {
      if (await this.enterprises.isVisible(readScope(principal), id)) return;
    }
    throw notFound();
  }
}
