// The one stdout line a child-process server prints once it listens, followed by JSON
// `{ url, apiUrl, port, pid }`. Tests and scripts wait for it instead of polling the port.
export const readyLinePrefix = 'STEPLINE_SERVER_READY ';

export interface ReadyLine {
  url: string;
  apiUrl: string;
  port: number;
  pid: number;
}

export function formatReadyLine(ready: ReadyLine): string {
  return `${readyLinePrefix}${JSON.stringify(ready)}\n`;
}

export function parseReadyLine(line: string): ReadyLine | undefined {
  if (!line.startsWith(readyLinePrefix)) return undefined;
  return JSON.parse(line.slice(readyLinePrefix.length)) as ReadyLine;
}
