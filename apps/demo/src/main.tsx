import '@stepline/react/styles.css';
import './demo.css';
import { SteplineProvider } from '@stepline/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// The API is served from the page's own origin (Vite's proxy in dev, the test server in e2e).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SteplineProvider baseUrl={window.location.origin} pollIntervalMs={1000}>
      <App />
    </SteplineProvider>
  </StrictMode>,
);
