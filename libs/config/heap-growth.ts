import v8 from 'node:v8';

/**
 * How far V8 lets the heap grow past what its last full collection found live: twice that, instead of the
 * up to four times it picks by itself when collecting is cheap. A rebuild keeps about 50–115 MB live but
 * makes garbage fast; left to V8, a full collection that happened to meet 115 MB live let the heap reach
 * 470 MB before the next, and the whole process 587 and 788 MB in two of eleven rebuilds of the province log.
 * Bounded, the same rebuild peaked at 246–288 MB in twenty runs, about as fast (31.5–31.6 s against 29.9–31.8 s
 * in three alternating pairs): the extra full collections mark only the live set.
 *
 * Call it first thing in a process that runs projections; it is a V8 flag, set for the whole process.
 */
export function boundHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=100');
}
