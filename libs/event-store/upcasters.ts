/** Turns an event stored under an old schema version into the next version's shape. */
export interface Upcaster {
  type: string;
  fromSchemaVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

export class DuplicateUpcasterError extends Error {}

/** Upcasters keyed by (type, schema version); reads apply them in a chain up to the newest shape. */
export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): void {
    const key = `${upcaster.type}@${upcaster.fromSchemaVersion}`;
    if (this.byKey.has(key)) throw new DuplicateUpcasterError(`An upcaster for ${key} is already registered`);
    this.byKey.set(key, upcaster);
  }

  get isEmpty(): boolean {
    return this.byKey.size === 0;
  }

  apply(
    type: string,
    schemaVersion: number,
    data: Record<string, unknown>,
  ): { schemaVersion: number; data: Record<string, unknown> } {
    let version = schemaVersion;
    let current = data;
    for (let upcaster = this.byKey.get(`${type}@${version}`); upcaster;) {
      current = upcaster.upcast(current);
      version += 1;
      upcaster = this.byKey.get(`${type}@${version}`);
    }
    return { schemaVersion: version, data: current };
  }
}
