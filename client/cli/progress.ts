/**
 * A progress bar on stderr for long waits (stdout stays clean for --json). On a terminal it redraws one line;
 * elsewhere (CI logs, tests) it prints a line only when the text changes.
 */
export interface Progress {
  /** `fraction` in 0…1, or undefined when the total is not known yet. */
  update(text: string, fraction?: number): void;
  done(): void;
}

const WIDTH = 24;

export function createProgress(stream: { write(s: string): unknown; isTTY?: boolean } = process.stderr): Progress {
  let last = '';
  return {
    update(text, fraction) {
      const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(Math.min(1, Math.max(0, fraction)) * WIDTH)).padEnd(WIDTH, '-')}] `;
      const line = `${bar}${text}`;
      if (line === last) return;
      stream.write(stream.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
      last = line;
    },
    done() {
      if (stream.isTTY && last) stream.write('\n');
      last = '';
    },
  };
}
