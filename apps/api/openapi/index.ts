import { registeredComponents } from './components.js';
// Each module registers its schemas as it loads.
import './objects.js';
import './records.js';

/** What the service answers, as OpenAPI 3.0 `components.schemas` (zod schemas in objects.ts and records.ts). */
export const responseComponents = (): Record<string, object> => registeredComponents();
