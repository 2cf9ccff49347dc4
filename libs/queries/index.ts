export {
  type CursorShape,
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  isCursor,
  type Page,
  type PageRequest,
  toPage,
} from './pagination.js';
export { daysBetween, orNotFound, type ReadScope, readScope, today } from './read-scope.js';
