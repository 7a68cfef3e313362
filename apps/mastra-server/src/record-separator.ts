// Mastra's workflow streams are JSON records each followed by the ASCII record separator (0x1E), with
// no end marker; a record can be split across network chunks at any byte. This decoder is what the
// tests and the fixture recorder use to read them; it is deliberately minimal.
export const recordSeparator = '\x1E';

export interface RecordDecoder {
  /** Feeds one network chunk; returns the records it completed. */
  push(chunk: Uint8Array): unknown[];
  /** Text after the last separator (a record cut off by the end of the body). */
  rest(): string;
}

export function createRecordDecoder(): RecordDecoder {
  // A streaming TextDecoder, so a multi-byte character split across chunks survives.
  const text = new TextDecoder();
  let buffer = '';
  return {
    push(chunk) {
      buffer += text.decode(chunk, { stream: true });
      const parts = buffer.split(recordSeparator);
      buffer = parts.pop() ?? '';
      return parts.filter((part) => part.trim() !== '').map((part) => JSON.parse(part) as unknown);
    },
    rest() {
      return buffer + text.decode();
    },
  };
}

/** Decodes a whole body at once. */
export function decodeRecords(body: Uint8Array | string): unknown[] {
  const decoder = createRecordDecoder();
  const records = decoder.push(typeof body === 'string' ? new TextEncoder().encode(body) : body);
  const rest = decoder.rest();
  if (rest.trim() !== '') records.push(JSON.parse(rest) as unknown);
  return records;
}
