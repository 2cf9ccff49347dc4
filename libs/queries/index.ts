export { decodeCursor, encodeCursor, InvalidCursorError, type Page, type PageRequest, toPage } from './pagination.js';
export { daysBetween, type ReadScope, readScope, today } from './read-scope.js';
