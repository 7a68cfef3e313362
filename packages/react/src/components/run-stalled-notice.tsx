import type { ConnectionState } from '@stepline/client';
import { useState } from 'react';
import { useRunConnection } from '../hooks/use-run-connection';
import { useRunController } from '../run-scope';

export interface RunStalledNoticeProps {
  /** Offer a cancel button too. Default true; `<RunHeader>` has its own and turns this off. */
  readonly showCancel?: boolean;
  readonly className?: string;
}

type Shown = Pick<ConnectionState, 'stalled' | 'restarting' | 'cancelling'>;

const select = (connection: ConnectionState): Shown => ({
  stalled: connection.stalled,
  restarting: connection.restarting,
  cancelling: connection.cancelling,
});
const equal = (a: Shown, b: Shown) =>
  a.stalled === b.stalled && a.restarting === b.restarting && a.cancelling === b.cancelling;

/**
 * Says in words that the run in scope is stalled (the server has nothing running for it and the stored
 * run has not moved: the process that ran it most likely died), with a Restart button (from the last
 * stored state) and a Cancel button. Renders nothing otherwise. `<RunHeader>` includes it.
 *
 * @example
 * <RunScope controller={controller}><RunStalledNotice /></RunScope>
 */
export function RunStalledNotice({ showCancel = true, className }: RunStalledNoticeProps) {
  const controller = useRunController('RunStalledNotice');
  const { stalled, restarting, cancelling } = useRunConnection(select, equal);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  if (!stalled && !restarting && failure === undefined) return null;

  const act = (what: string, action: () => Promise<void>) => () => {
    setFailure(undefined);
    action().catch((error: unknown) => {
      setFailure(`Could not ${what} the run: ${error instanceof Error ? error.message : String(error)}`);
    });
  };

  return (
    <div className={className ? `stepline-stalled ${className}` : 'stepline-stalled'} data-stalled={stalled}>
      {(stalled || restarting) && (
        <p className="stepline-stalled__text" role="status">
          <strong>Stalled</strong> — nothing is running this run on the server and it has not moved for a
          while; the process that ran it may have stopped. Restart it from where it stopped, or cancel it.
        </p>
      )}
      {(stalled || restarting) && (
        <div className="stepline-stalled__actions">
          <button
            type="button"
            className="stepline-button stepline-stalled__restart"
            disabled={restarting}
            onClick={act('restart', () => controller.restart())}
          >
            {restarting ? 'Restarting…' : 'Restart'}
          </button>
          {showCancel && (
            <button
              type="button"
              className="stepline-button stepline-stalled__cancel"
              data-tone="negative"
              disabled={cancelling}
              onClick={act('cancel', () => controller.cancel())}
            >
              {cancelling ? 'Cancelling…' : 'Cancel run'}
            </button>
          )}
        </div>
      )}
      {failure !== undefined && (
        <p className="stepline-stalled__error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
