import { describe, expect, it } from 'vitest';
import { AppendOnlyList } from '../util/append-only-list';
import { selectWrittenText, type WrittenText } from './transcript-selectors';

function feed(writes: readonly unknown[]): WrittenText {
  let list = AppendOnlyList.empty<unknown>();
  let written = selectWrittenText(list);
  for (const write of writes) {
    list = list.append(write);
    written = selectWrittenText(list, written);
  }
  return written;
}

describe('selectWrittenText', () => {
  it('joins writer.write(token) tokens, repeats kept', () => {
    const tokens = ['the', ' cat', ' and', ' the', ' cat'];
    expect(feed(tokens).text).toBe('the cat and the cat');
    expect(selectWrittenText(AppendOnlyList.from(tokens)).text).toBe('the cat and the cat');
  });

  it('leaves status lines and objects alone', () => {
    expect(feed(['warming up', 'done']).text).toBeUndefined();
    expect(feed(['the', ' cat', { progress: 1 }, ' sat']).text).toBeUndefined();
    expect(feed(['the']).text).toBeUndefined();
  });

  it('reads only the writes added since the previous result', () => {
    const before = feed(['the', ' cat']);
    // A list whose old items cannot be read again: only the new one may be touched.
    const grown = before.writes.append(' sat');
    const at = grown.at.bind(grown);
    const read: number[] = [];
    Object.defineProperty(grown, 'at', {
      value: (index: number) => {
        read.push(index);
        return at(index);
      },
    });
    const after = selectWrittenText(grown, before);
    expect(after.text).toBe('the cat sat');
    expect(read).not.toContain(0);
    expect(selectWrittenText(grown, after)).toBe(after);
  });

  it('starts over for writes that are not the previous ones grown', () => {
    const before = feed(['the', ' cat']);
    expect(selectWrittenText(AppendOnlyList.from(['a', ' dog', ' ran']), before).text).toBe('a dog ran');
  });
});
