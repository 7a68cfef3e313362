import '@stepline/react/styles.css';
import './demo.css';
import { SteplineProvider } from '@stepline/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// The demo's own queries (the workflow picker, the headless page) need a client of their own: the
// Stepline provider does not provide one. Stepline's runs list and mutations use this one too.
const queryClient = new QueryClient();

// The page talks to its own origin only: the Stepline route (server/demo-route.ts, mounted by Vite in dev
// and by the test server in e2e) reaches Mastra for it.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SteplineProvider route="/stepline" pollIntervalMs={1000}>
        <App />
      </SteplineProvider>
    </QueryClientProvider>
  </StrictMode>,
);
