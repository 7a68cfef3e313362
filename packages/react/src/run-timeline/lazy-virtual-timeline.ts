import { lazyPart } from '../components/lazy-part';

/**
 * The windowed list (virtual-timeline.tsx): only a run of more than `virtualizeAbove` rows is windowed,
 * so it is a chunk of its own, fetched once a run has half that many rows, or when first drawn.
 */
export const virtualTimeline = /* @__PURE__ */ lazyPart(() => import('./virtual-timeline'));
