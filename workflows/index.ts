/** Every workflow the worker runs; the bundle's entry point. */
export { connectionCheck } from './connectionCheck';
export { batchExport } from './batchExport';
