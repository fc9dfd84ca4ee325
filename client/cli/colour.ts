/**
 * Colour for people at a terminal only: none when the output is piped or redirected, with NO_COLOR set
 * (https://no-color.org: any non-empty value) or on a dumb terminal, so scripts and logs never see escapes.
 */
export function colourWanted(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}

const STYLES = { bold: '1', red: '31', yellow: '33' } as const;
export type Style = keyof typeof STYLES;

export const paint = (style: Style, text: string) => `\x1b[${STYLES[style]}m${text}\x1b[0m`;

/** Words in a table that ask for a person's eye. */
const ALARMS: Record<string, Style> = { failed: 'red', 'needs-attention': 'red', 'timed-out': 'red', terminated: 'yellow', cancelled: 'yellow' };

export const alarmOf = (text: string): Style | undefined => ALARMS[text];
