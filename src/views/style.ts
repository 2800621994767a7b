/**
 * The few terminal styles the views use. Every function returns the text unchanged when
 * colour is off (no TTY, NO_COLOR, --no-color), so views never branch on colour themselves.
 */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const plain = (text: string): string => text;

export function createStyle(color: boolean): Style {
  if (!color) return {bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain};
  return {bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39)};
}

/** Removes SGR sequences: for measuring widths of styled text, and for tests. */
export function stripStyle(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
