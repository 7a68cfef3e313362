import '@stepline/react/styles.css';
import './preview.css';
import { SteplineProvider } from '@stepline/react';
import type { Decorator, Preview } from '@storybook/react-vite';
import { setupWorker } from 'msw/browser';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { currentReplay, type ReplayOptions, ReplayServer } from '../stories/replay/replay-server';
import { isReplaySpeed, replaySpeeds, setReplaySpeed } from '../stories/replay/replay-speed';
import { expectNoAxeViolations } from '../stories/support/play-helpers';

/** Bumped for every story load, so each one gets a fresh provider (fresh controllers and query cache). */
let loads = 0;

function applySpeed(globals: Record<string, unknown>): void {
  if (isReplaySpeed(globals.speed)) setReplaySpeed(globals.speed);
}

/** Stories render inside `<SteplineProvider baseUrl={location.origin}>`: the msw worker answers there. */
const withStepline: Decorator = (Story, context) => {
  applySpeed(context.globals);
  const theme = context.globals.theme === 'dark' ? 'dark' : 'light';
  return (
    <div className="sb-stepline" data-theme={theme}>
      <SteplineProvider key={`${context.id}:${loads}`} baseUrl={window.location.origin}>
        <Story />
      </SteplineProvider>
    </div>
  );
};

/** The worker script is served from `staticDirs`, next to iframe.html (also in a static build under a sub-path). */
function workerUrl(): string {
  return window.location.pathname.endsWith('/iframe.html')
    ? new URL('mockServiceWorker.js', window.location.href).pathname
    : '/mockServiceWorker.js';
}

const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({
        quiet: true,
        serviceWorker: { url: workerUrl() },
        // The replay answers every Mastra route of the story's run; anything else under /api is a bug.
        // Everything else (modules, fixtures, fonts) goes to the dev server as usual.
        onUnhandledFrame({ frame, defaults }) {
          const request =
            frame.protocol === 'http' ? (frame.data as { request?: Request }).request : undefined;
          if (request && new URL(request.url).pathname.startsWith('/api/')) defaults.error();
        },
      });
      return worker;
    }),
  ],
  async beforeEach(context) {
    // Storybook runs this again when a toolbar global changes: the replay then starts over at the new
    // speed, with a fresh provider (see `loads`).
    loads++;
    currentReplay()?.dispose();
    applySpeed(context.globals);
    const replay = context.parameters.replay as ReplayOptions | undefined;
    if (!replay) return;
    const server = new ReplayServer(replay);
    context.msw.use(...server.handlers());
    await server.ready;
    return () => server.dispose();
  },
  // Every story ends with axe-core on what it left on the canvas (a story's play may check other moments
  // too), colour contrast included, in the light and the dark theme: a new story cannot forget it.
  // `parameters: { axe: false }` opts out, saying why.
  async afterEach({ canvasElement, parameters }) {
    if (parameters.axe === false) return;
    const themed = canvasElement.querySelector<HTMLElement>('.sb-stepline');
    const theme = themed?.dataset.theme;
    try {
      for (const next of ['light', 'dark']) {
        if (themed) themed.dataset.theme = next;
        // The colour transitions the switch starts (120 ms in the stylesheet) run to their end first.
        await new Promise((resolve) => setTimeout(resolve, 300));
        await expectNoAxeViolations(canvasElement, { contrast: true });
      }
    } finally {
      if (themed && theme !== undefined) themed.dataset.theme = theme;
    }
  },
  decorators: [withStepline],
  globalTypes: {
    speed: {
      description: 'Speed of the replayed Mastra streams',
      toolbar: { title: 'Replay speed', icon: 'timer', items: [...replaySpeeds], dynamicTitle: true },
    },
    theme: {
      description: 'Stylesheet theme (data-theme on an ancestor)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { speed: '1', theme: 'light' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
