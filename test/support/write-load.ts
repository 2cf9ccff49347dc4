import { withUsccCheckCharacter } from '#libs/enterprises';

/** One registration sent by the load: what came back, or the network error instead. */
export interface WriteRecord {
  uscc: string;
  sentAt: number;
  ms: number;
  status?: number;
  retryAfter?: string | null;
  problemType?: string;
  /** The network error's code when no answer came (the connection refused, reset, closed). */
  error?: string;
}

let next = Math.floor(Math.random() * 1e8);

/**
 * Writers that keep registering new enterprises through `POST /v1/enterprises` (keep-alive connections,
 * as a real client), recording every outcome, until stopped. A writer that gets no answer waits a moment.
 */
export class WriteLoad {
  readonly records: WriteRecord[] = [];
  private stopped = false;
  private readonly writers: Promise<void>[];

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    writers = 4,
  ) {
    this.writers = Array.from({ length: writers }, () => this.write());
  }

  async stop(): Promise<WriteRecord[]> {
    this.stopped = true;
    await Promise.all(this.writers);
    return this.records;
  }

  /** The records since `since` (a `Date.now()`). */
  after(since: number): WriteRecord[] {
    return this.records.filter((record) => record.sentAt >= since);
  }

  private async write(): Promise<void> {
    while (!this.stopped) {
      const uscc = withUsccCheckCharacter(`91520900${String(next++ % 1e9).padStart(9, '0')}`);
      const record: WriteRecord = { uscc, sentAt: Date.now(), ms: 0 };
      try {
        const response = await fetch(`${this.baseUrl}/v1/enterprises`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            uscc,
            name: `负载测试企业${uscc.slice(8, 17)}`,
            industryCode: 'C39',
            districtCode: '520900',
            parkId: 'gaxq-dz',
            aboveDesignatedSize: true,
          }),
          signal: AbortSignal.timeout(20_000),
        });
        record.status = response.status;
        record.retryAfter = response.headers.get('retry-after');
        const body = (await response.json()) as { type?: string };
        if (body.type) record.problemType = body.type;
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        record.error = cause?.code ?? (error as Error).name;
      }
      record.ms = Date.now() - record.sentAt;
      this.records.push(record);
      if (record.error) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
