import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type LazyPart, lazyPart, useLazyPart, useLazyPartFailure } from './lazy-part';

afterEach(cleanup);

/** A part whose loads the test settles one by one. */
function controlledPart() {
  const tries: { resolve: (module: { text: string }) => void; reject: (error: unknown) => void }[] = [];
  const part = lazyPart(
    () =>
      new Promise<{ text: string }>((resolve, reject) => {
        tries.push({ resolve, reject });
      }),
  );
  return { part, tries };
}

function Shows({ part }: { part: LazyPart<{ text: string }> }) {
  const loaded = useLazyPart(part);
  const failure = useLazyPartFailure(part);
  if (loaded) return <p>{loaded.text}</p>;
  if (failure !== undefined) return <p>failed: {String((failure as Error).message)}</p>;
  return <p>loading</p>;
}

describe('lazyPart', () => {
  it('a failed load is reported to whoever waits, and a new try clears it and can succeed', async () => {
    const { part, tries } = controlledPart();
    render(<Shows part={part} />);
    expect(screen.getByText('loading')).toBeTruthy();
    await waitFor(() => expect(tries).toHaveLength(1));

    await act(async () => tries[0]!.reject(new Error('chunk gone')));
    await screen.findByText('failed: chunk gone');
    expect(part.get()).toBeUndefined();

    // Trying again shows the stand-in again (the failure is cleared at once), then the part.
    act(() => {
      part.preload().catch(() => {});
    });
    await screen.findByText('loading');
    expect(part.failure()).toBeUndefined();
    expect(tries).toHaveLength(2);
    await act(async () => tries[1]!.resolve({ text: 'the part' }));
    await screen.findByText('the part');
  });

  it('one load at a time: tries while one is under way share it', async () => {
    const { part, tries } = controlledPart();
    const first = part.preload();
    const second = part.preload();
    expect(second).toBe(first);
    expect(tries).toHaveLength(1);
    tries[0]!.resolve({ text: 'x' });
    await expect(first).resolves.toEqual({ text: 'x' });
    expect(part.failure()).toBeUndefined();
  });

  it('a load rejected with nothing still counts as failed', async () => {
    const { part, tries } = controlledPart();
    const load = part.preload();
    tries[0]!.reject(undefined);
    await expect(load).rejects.toBeUndefined();
    expect(part.failure()).toBeInstanceOf(Error);
  });
});
