import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useRunConnection } from '../hooks/use-run-connection';
import { useRunController } from '../run-scope';

export interface CancelRunButtonProps {
  readonly className?: string;
}

/**
 * "Cancel run", confirmed before anything is sent: a cancel stops the steps that are running and cannot
 * be undone. The question offers "Keep running" first (focus goes there, Escape picks it); "Cancel run"
 * then sends once and reads "Cancelling…" until the server confirms.
 *
 * @example
 * <RunScope controller={controller}><CancelRunButton /></RunScope>
 */
export function CancelRunButton({ className }: CancelRunButtonProps): ReactNode {
  const controller = useRunController('CancelRunButton');
  const cancelling = useRunConnection((connection) => connection.cancelling);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const keepRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openerRef.current?.focus();
    }
  }, [confirming]);

  const keepRunning = () => {
    returnFocus.current = true;
    setConfirming(false);
  };
  const cancel = () => {
    setConfirming(false);
    setError(undefined);
    controller.cancel().catch((caught: unknown) => {
      setError(caught instanceof Error ? caught.message : String(caught));
    });
  };

  const onEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') keepRunning();
  };

  const classes = className ? `stepline-cancel ${className}` : 'stepline-cancel';
  return (
    <div className={classes} data-state={confirming ? 'confirming' : cancelling ? 'cancelling' : 'idle'}>
      {confirming ? (
        <fieldset className="stepline-cancel__confirm">
          <legend className="stepline-cancel__question">Cancel this run? Running steps stop.</legend>
          <button
            ref={keepRef}
            type="button"
            className="stepline-button"
            onClick={keepRunning}
            onKeyDown={onEscape}
          >
            Keep running
          </button>
          <button
            type="button"
            className="stepline-button"
            data-tone="negative"
            onClick={cancel}
            onKeyDown={onEscape}
          >
            Cancel run
          </button>
        </fieldset>
      ) : (
        <button
          ref={openerRef}
          type="button"
          className="stepline-button stepline-header__cancel"
          data-tone="negative"
          disabled={cancelling}
          onClick={() => setConfirming(true)}
        >
          {cancelling ? 'Cancelling…' : 'Cancel run…'}
        </button>
      )}
      {error !== undefined && (
        <p className="stepline-header__error" role="alert">
          Could not cancel the run: {error}
        </p>
      )}
    </div>
  );
}
