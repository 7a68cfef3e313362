/** What an SSE stream tells the transport, as the EventSource spec reads it. */
export interface SseEventHandlers {
  /** An event's data (its `data:` lines joined by line breaks), for events of type `message` only. */
  readonly onData: (data: string) => void;
  /** The `id:` of an event (`''` for an empty one, which clears the last event id), at its end. */
  readonly onId: (id: string) => void;
  /** A `retry:` hint made of digits only, in milliseconds. */
  readonly onRetry: (retryMs: number) => void;
  /** An event held more than `maxLength` characters: it is skipped, up to its closing blank line. */
  readonly onOverflow: () => void;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;

/**
 * Text -> SSE events, fed in any pieces (a line, a CRLF or an event may be split across them), as the
 * spec's "parse an event stream": LF, CR and CRLF line endings, one leading BOM dropped, comments and
 * unknown fields ignored, one space after a field's colon dropped. Only what the SSE transport reads is
 * kept: data of `message` events, ids, retry hints. The stream's own parser rather than a dependency's:
 * a quarter of its code (nothing to report for comments or unknown fields), and an event's data is never
 * wrapped in a message object.
 *
 * @example
 * const parser = createSseEventParser(handlers, 64 * 1024 * 1024);
 * parser.feed('id: 1\ndata: {"type":"start"}\n\n');
 */
export function createSseEventParser(handlers: SseEventHandlers, maxLength: number) {
  /** Pieces of the line that has no line break yet (one piece per feed: joined once, when it ends). */
  let held: string[] = [];
  let heldLength = 0;
  let data = '';
  let dataLines = 0;
  let type: string | undefined;
  let id: string | undefined;
  let atStart = true;
  /** The last feed ended with a CR: a LF starting the next one is the second half of a CRLF. */
  let afterCR = false;
  /** After an overflow, lines are ignored up to the event's blank line. */
  let discarding = false;

  const overflow = () => {
    held = [];
    heldLength = 0;
    data = '';
    dataLines = 0;
    type = undefined;
    id = undefined;
    discarding = true;
    handlers.onOverflow();
  };

  const endEvent = () => {
    if (discarding) discarding = false;
    else {
      if (id !== undefined) handlers.onId(id);
      if (dataLines > 0 && (type === undefined || type === 'message')) handlers.onData(data);
    }
    data = '';
    dataLines = 0;
    type = undefined;
    id = undefined;
  };

  const addData = (value: string) => {
    data = dataLines === 0 ? value : `${data}\n${value}`;
    dataLines++;
    if (data.length > maxLength) overflow();
  };

  /** One line, without its line break. */
  const line = (text: string, start: number, end: number) => {
    if (start === end) {
      endEvent();
      return;
    }
    if (discarding) return;
    const first = text.charCodeAt(start);
    // `data:` first: nearly every line of a stream is one.
    if (
      first === 100 &&
      text.charCodeAt(start + 1) === 97 &&
      text.charCodeAt(start + 2) === 116 &&
      text.charCodeAt(start + 3) === 97 &&
      text.charCodeAt(start + 4) === COLON
    ) {
      addData(text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end));
      return;
    }
    // `id:` next: the relay sends one per event.
    if (first === 105 && text.charCodeAt(start + 1) === 100 && text.charCodeAt(start + 2) === COLON) {
      const value = text.slice(text.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end);
      if (!value.includes('\0')) id = value;
      return;
    }
    if (first === COLON) return;
    // The line on its own: a search of the whole text for a colon a line may lack would be quadratic.
    const own = text.slice(start, end);
    const colon = own.indexOf(':');
    const field = colon === -1 ? own : own.slice(0, colon);
    const value = colon === -1 ? '' : own.slice(own.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    switch (field) {
      case 'data':
        addData(value);
        return;
      case 'event':
        type = value === '' ? undefined : value;
        return;
      case 'id':
        if (!value.includes('\0')) id = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry(Number.parseInt(value, 10));
        return;
    }
  };

  /** Where the next line starts after the line break at `end` (a CRLF is one break, even split). */
  const after = (text: string, end: number) => {
    const next = end + 1;
    if (text.charCodeAt(end) !== CR) return next;
    if (next === text.length) afterCR = true;
    return text.charCodeAt(next) === LF ? next + 1 : next;
  };

  const hold = (text: string, start: number) => {
    held.push(start === 0 ? text : text.slice(start));
    heldLength += text.length - start;
    if (heldLength + data.length > maxLength) overflow();
  };

  return {
    feed(text: string): void {
      if (text === '') return;
      let start = 0;
      if (atStart) {
        atStart = false;
        if (text.charCodeAt(0) === 0xfeff) start = 1;
      }
      if (afterCR) {
        afterCR = false;
        if (text.charCodeAt(start) === LF) start++;
      }
      // Each line break is found once: searching again from every line for a LF that a CR-only stream
      // never sends would be quadratic.
      let lf = text.indexOf('\n', start);
      let cr = text.indexOf('\r', start);
      if (heldLength > 0) {
        const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
        if (end !== -1) {
          // The line held from the pieces before ends here.
          held.push(text.slice(start, end));
          const whole = held.join('');
          held = [];
          heldLength = 0;
          line(whole, 0, whole.length);
          start = after(text, end);
          if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
        }
      }
      if (cr === -1) {
        // LF line breaks only: nearly every read.
        for (; lf !== -1; lf = text.indexOf('\n', start)) {
          line(text, start, lf);
          start = lf + 1;
        }
      } else
        for (;;) {
          if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
          if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
          const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
          if (end === -1) break;
          line(text, start, end);
          start = after(text, end);
        }
      if (start < text.length && !discarding) hold(text, start);
    },
  };
}
