/** `ledgerbridge codec-server`: lets the Temporal UI (and `temporal workflow show`) read encrypted payloads. */
import type { Command } from '../command';
import { CliError, EXIT } from '../output';
import { flag, hasFlag } from '../args';
import { loadCodecKeys } from '../../../platform/codecKeys';
import { CODEC_TOKEN_ENV, DEFAULT_CODEC_PORT, devUiOrigins, startCodecServer } from '../../../platform/codecServer';

export const codecServer: Command = {
  name: 'codec-server',
  summary: 'Serve the Temporal codec-server protocol (POST /encode, /decode) so an authorised Temporal UI shows decrypted payloads',
  usage:
    'codec-server [--port N] [--host ADDRESS] [--ui-origin ORIGIN]... [--trust-ui-origin]\n\n' +
    `Keys: LEDGERBRIDGE_CODEC_KEYS (newest first) or the key file in the data dir, as the workers read them.\n` +
    `Callers send Authorization: Bearer <${CODEC_TOKEN_ENV}> (never a flag: argv shows in \`ps\`). CORS answers only\n` +
    `--ui-origin (repeatable; default the dev server's UI, http://127.0.0.1:8233 and http://localhost:8233).\n` +
    'In the Temporal UI set the codec endpoint to this URL; "Pass the user access token" (a UI with login, https\n' +
    'endpoints only) sends the UI\'s own token, which only a proxy that maps it to this one can use.\n' +
    '--trust-ui-origin accepts requests carrying the UI\'s Origin without a token, for the dev UI, which has no\n' +
    'login: any local process can send that header, so only on loopback. ' +
    `Default port ${DEFAULT_CODEC_PORT}, host 127.0.0.1.`,
  examples: [
    `${CODEC_TOKEN_ENV}=$(openssl rand -hex 32) ledgerbridge codec-server --host 0.0.0.0 --ui-origin https://temporal.example.com`,
    `temporal workflow show -w demo/connection-check/demo:24so --codec-endpoint http://127.0.0.1:${DEFAULT_CODEC_PORT} --codec-auth "Bearer $${CODEC_TOKEN_ENV}"`,
    'ledgerbridge codec-server --trust-ui-origin --port 8240   # beside a dev server started with --ui-codec-endpoint http://127.0.0.1:8240',
  ],
  booleans: ['trust-ui-origin'],
  longRunning: true,
  async run(args, ctx) {
    const port = Number(flag(args, 'port') ?? DEFAULT_CODEC_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${flag(args, 'port')}: expected a port number, e.g. --port ${DEFAULT_CODEC_PORT}`);
    const token = process.env[CODEC_TOKEN_ENV] || undefined;
    const trustUiOrigin = hasFlag(args, 'trust-ui-origin');
    if (!token && !trustUiOrigin) {
      throw new CliError(`set ${CODEC_TOKEN_ENV} to the bearer token callers must send (e.g. openssl rand -hex 32), or pass --trust-ui-origin for a local dev UI`);
    }
    const { keys, source } = loadCodecKeys();
    const server = await startCodecServer({
      keys, port, host: flag(args, 'host') ?? '127.0.0.1', token, trustUiOrigin,
      uiOrigins: args.flags.get('ui-origin') ?? devUiOrigins(8233),
    });
    ctx.out.note(`codec server ${server.url} (keys ${keys.ids.join(', ')} from ${source}; ${token ? 'bearer token required' : 'no token set'}` +
      `${trustUiOrigin ? ', the UI origin trusted without one' : ''}); Ctrl-C stops it`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    await server.close();
    return EXIT.ok;
  },
};
