import { lazyPart } from '../components/lazy-part';

/**
 * The timeline's on-demand parts (step-details.ts), fetched once the page is idle after a timeline
 * mounts, when a person points at a step's rounds, or when first drawn; outside a timeline's first load.
 */
export const stepDetails = /* @__PURE__ */ lazyPart(() => import('./step-details'));

export function preloadStepDetails(): void {
  void stepDetails.preload().catch(() => {});
}
