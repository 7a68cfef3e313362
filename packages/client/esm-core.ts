// The ESM build's one module of code (see tsup.esm.config.ts): the main entry and `/wire` together,
// plus what `/server` and `/testing` take from them, so all four share one copy (one `SteplineError`
// class, one frame lane). Not an entry of the package: `dist/index.js` and `dist/wire.js` re-export
// their own names from it.
export * from './src/index';
// Taken by /server and /testing (the build fails when they import a module of the core that is not here).
export * from './src/model/output-positions';
export * from './src/model/run-reducer';
export * from './src/model/run-state';
export * from './src/transport/http-error';
export * from './src/transport/http-request';
export * from './src/transport/mastra-http-transport';
export * from './src/transport/runs-across-workflows';
export * from './src/transport/sse-transport';
export * from './src/util/diagnosis';
export * from './src/util/read-ahead';
export * from './src/util/stepline-error';
export * from './src/util/timer-delay';
export * from './src/wire';
export * from './src/wire/chunk-source';
export * from './src/wire/mastra-stream-parser';
export * from './src/wire/normalize-event';
export * from './src/wire/normalize-snapshot';
export * from './src/wire/record-splitter';
export * from './src/wire/wire-values';
