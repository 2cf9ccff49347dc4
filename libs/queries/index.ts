export { decodeCursor, encodeCursor, InvalidCursorError, type Page, type PageRequest, toPage } from './pagination.js';
export { daysBetween, orNotFound, type ReadScope, readScope, today } from './read-scope.js';
