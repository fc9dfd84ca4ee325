/**
 * JSON lines logger carrying tenant, flow and workflow id. Values under keys that look like secrets are
 * replaced before anything is written, so a careless `log.info('saved', { connection })` cannot leak a password.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Fields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /pass(word)?|secret|token|session|credential|api[-_]?key|authorization|cookie/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

export function createLogger(
  options: { level?: Level; write?: (line: string) => void; base?: Fields } = {},
): Logger {
  const min = ORDER[options.level ?? ((process.env.LEDGERBRIDGE_LOG_LEVEL as Level | undefined) ?? 'info')] ?? ORDER.info;
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const base = options.base ?? {};
  const emit = (level: Level, message: string, fields?: Fields) => {
    if (ORDER[level] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level, message, ...(redact({ ...base, ...fields }) as Fields) }));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...options, base: { ...base, ...fields } }),
  };
}

export const silentLogger: Logger = createLogger({ write: () => {} });

/** A logger whose every line also carries the fields `ambient` gives at that moment (the caller's own win). */
export function withAmbientFields(log: Logger, ambient: () => Fields): Logger {
  const and = (fields?: Fields) => ({ ...ambient(), ...fields });
  return {
    debug: (m, f) => log.debug(m, and(f)),
    info: (m, f) => log.info(m, and(f)),
    warn: (m, f) => log.warn(m, and(f)),
    error: (m, f) => log.error(m, and(f)),
    child: (fields) => withAmbientFields(log.child(fields), ambient),
  };
}

/** Log levels of the Temporal SDK (`@temporalio/worker`'s LogLevel). */
export type TemporalLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/**
 * The Temporal SDK's log entries into our logger. What workflows and activities say (`log.info` in workflow
 * code) is forwarded from debug up, carrying tenant, flow and workflow id (read from the business workflow id
 * `<tenant>/<flow>/<key>`); the SDK's own worker and core chatter only from warn up.
 */
export function forwardTemporalLog(log: Logger): (level: TemporalLevel, message: string, meta?: Fields) => void {
  return (level, message, meta = {}) => {
    const { sdkComponent, namespace: _namespace, taskQueue: _taskQueue, workflowId, ...rest } = meta;
    const ours = sdkComponent === 'workflow' || sdkComponent === 'activity';
    const fields: Fields = { ...(typeof workflowId === 'string' ? businessIds(workflowId) : {}), ...rest, sdk: sdkComponent };
    switch (level) {
      case 'ERROR': return log.error(message, fields);
      case 'WARN': return log.warn(message, fields);
      case 'INFO': return ours ? log.info(message, fields) : undefined;
      case 'DEBUG': return ours ? log.debug(message, fields) : undefined;
      default: return undefined;
    }
  };
}

/** Tenant and flow as a business workflow id `<tenant>/<flow>/<key>` names them, with the id itself. */
export function businessIds(workflowId: string): Fields {
  const [tenant, segment] = workflowId.split('/');
  // A scheduled run's id is its schedule's prefix with the scheduled time appended: `acme/invoices-2026-12-02T04:00:00Z`.
  const flow = segment?.replace(/-\d{4}-\d{2}-\d{2}T[\d:.]+Z$/, '');
  return flow === undefined ? { workflowId } : { tenant, flow, workflowId };
}
