import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '#libs/event-store';

/** A valid envelope; a test names only what it is about. */
export function anEventMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  const commandId = randomUUID();
  return {
    actor: { userId: 'key-test', role: 'officer', orgId: '520900' },
    source: 'api',
    commandId,
    correlationId: commandId,
    causationId: commandId,
    ...overrides,
  };
}

/** An event with a ~300-byte body, about the size of a scored indicator. */
export function aNewEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'IndicatorScored',
    data: {
      indicatorCode: 'F4',
      points: 7.7,
      selectedOptions: ['plan', 'production', 'quality', 'equipment', 'energy', 'warehouse', 'procurement'],
      evidenceIds: ['sha256:7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb0a9c5f1c2d3e4f'],
      note: '生产、质量、设备环节已实现数据自动采集',
    },
    ...overrides,
  };
}
