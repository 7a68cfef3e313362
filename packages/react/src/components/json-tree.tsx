import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { toJsonText, toPlainJson } from './json-view';
import { visuallyHidden } from './visually-hidden';

export interface JsonTreeProps {
  /** Any value: shown as JSON text (never as HTML), objects and arrays collapsible. */
  readonly value: unknown;
  /** The caption, also the accessible name of the copy button's target. */
  readonly label: string;
  /** Levels open at first. Default 2. */
  readonly openDepth?: number;
  readonly className?: string;
}

/** Items of an array or keys of an object drawn before a "Show n more" button. */
const itemsShown = 100;
/** Characters of a string drawn before it is cut (the copy button copies all of it). */
const stringShown = 5_000;

/**
 * A value as a JSON tree: keys, strings, numbers, booleans and null in their own colours, objects and
 * arrays that fold, long lists and strings cut with a way to the rest, and a button that copies the whole
 * value as JSON. Lines never wrap inside a string; the box scrolls sideways instead.
 *
 * @example
 * <JsonTree label="Output" value={step.output} />
 */
export function JsonTree({ value, label, openDepth = 2, className }: JsonTreeProps) {
  const plain = useMemo(() => toPlainJson(value), [value]);
  const labelId = useId();
  return (
    <section
      className={
        className ? `stepline-json stepline-json--tree ${className}` : 'stepline-json stepline-json--tree'
      }
      aria-labelledby={labelId}
    >
      <div className="stepline-json__head">
        <h4 className="stepline-json__label" id={labelId}>
          {label}
        </h4>
        <CopyButton value={value} label={label} />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <div className="stepline-json__value" tabIndex={0}>
        <JsonNode value={plain} depth={0} openDepth={openDepth} />
      </div>
    </section>
  );
}

function CopyButton({ value, label }: { value: unknown; label: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (!clipboard) return null;
  return (
    <button
      type="button"
      className="stepline-link stepline-json__copy"
      onClick={() => {
        clipboard.writeText(toJsonText(value)).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      {copied ? 'Copied' : 'Copy'}
      <span className="stepline-sr-only" style={visuallyHidden}>
        {' '}
        {label}
      </span>
    </button>
  );
}

function JsonNode({
  value,
  depth,
  openDepth,
  name,
  last = true,
}: {
  value: unknown;
  depth: number;
  openDepth: number;
  name?: ReactNode;
  last?: boolean;
}) {
  const comma = last ? null : <span className="stepline-json__punct">,</span>;
  if (typeof value !== 'object' || value === null) {
    return (
      <div className="stepline-json__line">
        {name}
        <JsonScalar value={value} />
        {comma}
      </div>
    );
  }
  return <JsonBranch value={value} depth={depth} openDepth={openDepth} name={name} comma={comma} />;
}

function JsonBranch({
  value,
  depth,
  openDepth,
  name,
  comma,
}: {
  value: object;
  depth: number;
  openDepth: number;
  name: ReactNode;
  comma: ReactNode;
}) {
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray
    ? (value as unknown[]).map((item, index) => [String(index), item])
    : Object.entries(value);
  const [open, setOpen] = useState(depth < openDepth);
  const [all, setAll] = useState(false);
  const [start, end] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="stepline-json__line">
        {name}
        <span className="stepline-json__punct">{start + end}</span>
        {comma}
      </div>
    );
  }
  const shown = all ? entries : entries.slice(0, itemsShown);
  const count = isArray
    ? `${entries.length} ${entries.length === 1 ? 'item' : 'items'}`
    : `${entries.length} ${entries.length === 1 ? 'key' : 'keys'}`;
  return (
    <div className="stepline-json__branch" data-state={open ? 'open' : 'closed'}>
      <div className="stepline-json__line">
        <button
          type="button"
          className="stepline-json__toggle"
          aria-expanded={open}
          onClick={() => setOpen((current) => !current)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <span className="stepline-sr-only" style={visuallyHidden}>
            {open ? 'Fold' : 'Unfold'}
          </span>
        </button>
        {name}
        <span className="stepline-json__punct">{start}</span>
        {!open && (
          <>
            <span className="stepline-json__summary"> {count} </span>
            <span className="stepline-json__punct">{end}</span>
            {comma}
          </>
        )}
      </div>
      {open && (
        <>
          <div className="stepline-json__children">
            {shown.map(([key, item], index) => (
              <JsonNode
                key={key}
                value={item}
                depth={depth + 1}
                openDepth={openDepth}
                last={index === entries.length - 1}
                name={
                  isArray ? undefined : (
                    <>
                      <span className="stepline-json__key">{JSON.stringify(key)}</span>
                      <span className="stepline-json__punct">: </span>
                    </>
                  )
                }
              />
            ))}
            {shown.length < entries.length && (
              <button type="button" className="stepline-link" onClick={() => setAll(true)}>
                Show {entries.length - shown.length} more
              </button>
            )}
          </div>
          <div className="stepline-json__line">
            <span className="stepline-json__punct">{end}</span>
            {comma}
          </div>
        </>
      )}
    </div>
  );
}

function JsonScalar({ value }: { value: unknown }) {
  const [all, setAll] = useState(false);
  if (typeof value === 'string') {
    const cut = !all && value.length > stringShown;
    return (
      <>
        <span className="stepline-json__string">
          {JSON.stringify(cut ? value.slice(0, stringShown) : value)}
        </span>
        {cut && (
          <button type="button" className="stepline-link" onClick={() => setAll(true)}>
            … {value.length - stringShown} more characters
          </button>
        )}
      </>
    );
  }
  const kind =
    value === null || value === undefined ? 'null' : typeof value === 'number' ? 'number' : 'boolean';
  return <span className={`stepline-json__${kind}`}>{String(value)}</span>;
}
