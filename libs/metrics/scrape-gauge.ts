import { Gauge, register } from 'prom-client';

type Labels<L extends string> = Partial<Record<L, string>>;

/**
 * A gauge read when scraped (`read` sets its samples), for what a process does not move itself: a projection's
 * lag, the pool. Registered by the service that can read it, and removed with it (the returned function). A
 * read that fails (the database away) leaves the gauge without samples for that scrape; the scrape answers.
 */
export function scrapeGauge<L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  read: (set: (labels: Labels<L>, value: number) => void) => Promise<void> | void,
): () => void {
  register.removeSingleMetric(name);
  const gauge = new Gauge<L>({
    name,
    help,
    labelNames,
    async collect() {
      this.reset();
      try {
        await read((labels, value) => this.set(labels, value));
      } catch {
        this.reset();
      }
    },
  });
  return () => {
    if (register.getSingleMetric(name) === gauge) register.removeSingleMetric(name);
  };
}
