/**
 * Finds the Temporal CLI (which embeds the dev server and UI): $TEMPORAL_CLI_PATH, `temporal` on PATH, then a
 * project-local build in .tools/bin. When none exists it builds v1.5.1 with Go. v1.5.1 because later tags put a
 * `replace` directive in go.mod, which `go install module@version` refuses (see docs/temporal.md).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { toolsDir } from './paths';

export const TEMPORAL_CLI_VERSION = '1.5.1';
const localBinary = path.join(toolsDir, 'bin', 'temporal');

export class TemporalCliMissing extends Error {
  override readonly name = 'TemporalCliMissing';
}

export function locateTemporalCli(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new TemporalCliMissing(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file: fix the path or unset it`);
    }
    return path.resolve(fromEnv);
  }
  const onPath = spawnSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).stdout.trim();
  if (onPath && isExecutable(onPath)) return onPath;
  return isExecutable(localBinary) ? localBinary : undefined;
}

/** Locates the CLI or builds it; `say` reports progress, since the first build takes minutes. */
export async function ensureTemporalCli(say: (line: string) => void = (l) => process.stderr.write(l + '\n')): Promise<string> {
  const found = locateTemporalCli();
  if (found) return found;
  const go = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).stdout.trim();
  if (!go) {
    throw new TemporalCliMissing(
      'The Temporal CLI was not found (TEMPORAL_CLI_PATH, PATH, .tools/bin) and Go is not installed to build it. ' +
        `Install Go ≥ 1.25 and run again, or install the CLI yourself (https://docs.temporal.io/cli) and set TEMPORAL_CLI_PATH.`,
    );
  }
  say(`Building the Temporal CLI v${TEMPORAL_CLI_VERSION} with Go into ${path.dirname(localBinary)} (first time only; a few minutes)…`);
  await goInstall(go, say, {});
  if (!isExecutable(localBinary)) throw new TemporalCliMissing(`go install finished but ${localBinary} is missing`);
  say(`Temporal CLI ready: ${localBinary}`);
  return localBinary;
}

async function goInstall(go: string, say: (line: string) => void, extraEnv: NodeJS.ProcessEnv): Promise<void> {
  const args = [
    'install', '-trimpath',
    '-ldflags', `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
    `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`,
  ];
  const env = { ...process.env, CGO_ENABLED: '0', GOBIN: path.dirname(localBinary), ...extraEnv };
  fs.mkdirSync(env.GOBIN!, { recursive: true });
  let output = '';
  const code = await new Promise<number>((resolve) => {
    const child = spawn(go, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let downloads = 0;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const n = (chunk.toString().match(/go: downloading/g) ?? []).length;
      downloads += n;
      if (n && downloads % 25 < n) say(`  … ${downloads} Go modules downloaded`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code === 0) return;
  // The checksum database may be unreachable through the module proxy; the proxy's own hashes still apply.
  if (/verifying module|sum\.golang\.org/.test(output) && !extraEnv.GOSUMDB) {
    say('  checksum database unreachable: retrying with GOSUMDB=off (modules still come from the module proxy)');
    return goInstall(go, say, { GOSUMDB: 'off' });
  }
  throw new TemporalCliMissing(`go install of the Temporal CLI failed (exit ${code}):\n${output.slice(-2000)}`);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
