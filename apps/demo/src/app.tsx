import { HeadlessRunPage } from './headless-run-page';
import { RunPage } from './run-page';
import { RunsPage } from './runs-page';
import { useHashRoute } from './use-hash-route';

export function App() {
  const route = useHashRoute();
  return (
    // The stylesheet's theme on the whole shell: its colours (and dark mode) for the page and the forms.
    <div className="demo stepline-theme">
      <header className="demo__header">
        <a href="#/" className="demo__brand">
          Stepline demo
        </a>
        <span className="demo__tagline">live Mastra workflow runs</span>
      </header>
      <main className="demo__main">
        {route.page === 'runs' ? (
          <RunsPage />
        ) : route.headless ? (
          <HeadlessRunPage workflowId={route.workflowId} runId={route.runId} />
        ) : (
          <RunPage workflowId={route.workflowId} runId={route.runId} />
        )}
      </main>
    </div>
  );
}
