import { excerpt } from '../util/stepline-error';

/**
 * What an error response may say, read safely: its body is read only up to a limit in size and time (a
 * server may send an error status with a body that never ends, or stalls) and every header value Stepline
 * sent is blanked out of it (a server may echo the token it rejected).
 */
const errorBodyLimit = 4096;
/** A body that stops sending (and never ends) explains nothing more after this long. */
const errorBodyWaitMs = 2_000;

/** Enough of an error body to explain it, without waiting on a body that never ends or stalls. */
export async function readTextPrefix(response: Response, waitMs = errorBodyWaitMs): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<'stalled'>((resolve) => {
    timer = setTimeout(() => resolve('stalled'), waitMs);
  });
  try {
    while (text.length < errorBodyLimit) {
      const read = await Promise.race([reader.read(), stalled]);
      if (read === 'stalled' || read.done) break;
      text += decoder.decode(read.value, { stream: true });
    }
  } catch {
    // The body is only an explanation: the status already says what failed.
  } finally {
    clearTimeout(timer);
    void reader.cancel().catch(() => {});
  }
  return text.slice(0, errorBodyLimit).trim();
}

/** Every header value, and each word of it (`Bearer <token>`), that could be echoed back in an error. */
export function collectSecrets(headers: Record<string, string>, secrets: Set<string>): void {
  for (const value of Object.values(headers)) {
    for (const part of [value, ...value.split(/\s+/)]) if (part.length >= 6) secrets.add(part);
  }
}

export function redact(text: string, secrets: ReadonlySet<string>): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    result = result.split(secret).join('[redacted]');
  }
  return result;
}

/** Query parameters Stepline itself sets: ids and paging, not secrets, and what an error needs to say. */
const ownQueryParameters = new Set(['runId', 'offset', 'page', 'perPage', 'status', 'resourceId']);

/**
 * The parts of a URL that may be secret: its user name and password, and the values of query parameters
 * Stepline did not set (`?token=…` in a base URL). A runtime's error may quote the URL.
 */
export function collectUrlSecrets(url: string, secrets: Set<string>): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  for (const part of [parsed.username, parsed.password]) {
    if (part === '') continue;
    secrets.add(part);
    try {
      secrets.add(decodeURIComponent(part));
    } catch {}
  }
  for (const [name, value] of parsed.searchParams) {
    if (ownQueryParameters.has(name) || value.length < 4) continue;
    secrets.add(value);
    secrets.add(encodeURIComponent(value));
  }
}

/** A message from elsewhere (a runtime, a client library), cut to a readable length with secrets blanked. */
export function safeMessage(message: string, secrets: ReadonlySet<string>, length = 500): string {
  return excerpt(
    redact(message.length > length * 4 ? message.slice(0, length * 4) : message, secrets),
    length,
  );
}
