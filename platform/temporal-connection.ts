/**
 * Temporal connection settings: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*,
 * TEMPORAL_PROFILE (read by @temporalio/envconfig, as the temporal CLI does); when TEMPORAL_ADDRESS is unset,
 * the embedded dev server of a running `ledgerbridge start`.
 */
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { Connection, Client } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { readRuntime } from './config';
import { loadCodecKeys } from './codecKeys';
import { ledgerbridgeDataConverter } from './dataConverter';
import type { CodecKeySet } from './payloadCodec';

export class TemporalUnreachable extends Error {
  override readonly name = 'TemporalUnreachable';
}

/** The Temporal settings name a file that cannot be read (a TLS certificate or key): nothing is started. */
export class TemporalSettingsInvalid extends Error {
  override readonly name = 'TemporalSettingsInvalid';
}

const TLS_FILES = ['TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH', 'TEMPORAL_TLS_SERVER_CA_CERT_PATH'];

function loadConfig(): ReturnType<typeof loadClientConnectConfig> {
  try {
    return loadClientConnectConfig();
  } catch (err) {
    const { code, path: file } = err as NodeJS.ErrnoException;
    if (code !== 'ENOENT' && code !== 'EACCES') throw err;
    const named = TLS_FILES.find((name) => process.env[name] === file);
    throw new TemporalSettingsInvalid(`the Temporal TLS file ${file}${named ? ` (${named})` : ''} ${code === 'ENOENT' ? 'does not exist' : 'cannot be read'}; ` +
      `point ${named ?? 'the TLS settings (TEMPORAL_TLS_*, or temporal.toml)'} at the certificate or key you were given, or unset it`);
  }
}

export function temporalSettings(): { connectionOptions: ReturnType<typeof loadClientConnectConfig>['connectionOptions']; namespace: string } {
  const config = loadConfig();
  if (!process.env.TEMPORAL_ADDRESS) {
    const runtime = readRuntime();
    if (runtime) return { connectionOptions: { ...config.connectionOptions, address: runtime.temporalAddress }, namespace: runtime.namespace };
  }
  return { connectionOptions: config.connectionOptions, namespace: config.namespace ?? 'default' };
}

/** `keys`: the payload keys; by default LEDGERBRIDGE_CODEC_KEYS or the data dir's key file (platform/codecKeys.ts). */
export async function connectClient(keys?: CodecKeySet): Promise<{ client: Client; connection: Connection }> {
  const { connectionOptions, namespace } = temporalSettings();
  let connection: Connection;
  try {
    connection = await Connection.connect({ ...connectionOptions, connectTimeout: '5s' } as Parameters<typeof Connection.connect>[0]);
  } catch (err) {
    throw new TemporalUnreachable(
      `Temporal is not reachable at ${connectionOptions.address ?? 'localhost:7233'}: ${(err as Error).message}. ` +
        'Start the embedded stack with `npm start`, or set TEMPORAL_ADDRESS to your cluster.',
    );
  }
  // Keys after the connection: with no Temporal at all, that is the first thing to fix.
  try {
    const dataConverter = ledgerbridgeDataConverter(keys ?? loadCodecKeys().keys);
    return { client: new Client({ connection, namespace, dataConverter }), connection };
  } catch (err) {
    await connection.close();
    throw err;
  }
}

export async function connectNative(): Promise<{ connection: NativeConnection; namespace: string }> {
  const { connectionOptions, namespace } = temporalSettings();
  return { connection: await NativeConnection.connect(connectionOptions), namespace };
}
