import { type RefObject, useLayoutEffect, useRef } from 'react';

/**
 * Keeps a scrolling box at its bottom while text streams in, unless the reader scrolled up: the new
 * text comes into view without the page jumping, and reading back is not interrupted.
 */
export function useStickToBottom(ref: RefObject<HTMLElement | null>, content: unknown): void {
  const stuck = useRef(true);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const onScroll = () => {
      stuck.current = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
    };
    box.addEventListener('scroll', onScroll, { passive: true });
    return () => box.removeEventListener('scroll', onScroll);
  }, [ref]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the content grows
  useLayoutEffect(() => {
    const box = ref.current;
    if (box && stuck.current) box.scrollTop = box.scrollHeight;
  }, [ref, content]);
}
