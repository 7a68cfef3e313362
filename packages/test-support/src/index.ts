// Test support shared by the packages' and apps' tests (private: never published). Everything here
// reads the recordings in `fixtures/recorded` or runs under Node; browser code must not import it.

export { countArrayItemsCopied } from './count-array-items-copied';
export type {
  FaultProxy,
  FaultProxyOptions,
  FaultProxyStats,
  FaultProxyTarget,
  FaultProxyThrottle,
} from './fault-proxy';
export { startFaultProxy } from './fault-proxy';
export type { FramedPage } from './framed-page';
export { framedPage } from './framed-page';
export { freePort } from './free-port';
export { chromiumArgs, chromiumPath, launchChromium } from './launch-chromium';
export type { Manifest, RecordedChunk, RecordedScenario, RecordedSegment } from './recorded-fixtures';
export {
  finalSnapshotOf,
  fixturesDir,
  loadAgentManifest,
  loadManifest,
  readSegmentBytes,
  readSegmentChunks,
  readSegmentRecords,
  readSnapshot,
} from './recorded-fixtures';
export { recordedResumeSchema } from './recorded-resume-schemas';
export { reduceOneByOne } from './reduce-one-by-one';
export type { Replay } from './replay';
export { cutAt, cutEvery, replayChunked, replayScenario } from './replay';
export type { ReplayedScenario } from './replayed-scenarios';
export { replayedScenarios } from './replayed-scenarios';
export { projectRun } from './run-projection';
export { stepStartEvent } from './step-start-event';
export { storedSnapshotOf } from './stored-snapshot';
export { suspendedRunSnapshot } from './suspended-run-snapshot';
