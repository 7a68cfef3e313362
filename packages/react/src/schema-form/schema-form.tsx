import { type JsonSchema, validateJsonSchema } from '@stepline/client';
import {
  type FormEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { visuallyHidden } from '../components/visually-hidden';
import { type EnumOption, fieldKind, schemaProperties } from './field-kind';
import { type FieldPath, isPathPrefix, isPlainObject, pathKey, setAt } from './field-path';
import { fieldTitle } from './field-title';
import { focusFirstInvalid } from './focus-first-invalid';
import type { FormDecision } from './form-decision';
import { type FormIssue, issueTarget, placeIssues, rootTitle } from './issue-placement';
import { ObjectProperties } from './object-field';
import { schemaDefaults } from './schema-defaults';
import { SchemaField } from './schema-field';
import { SchemaFormContext, type SchemaFormContextValue } from './schema-form-context';
import { submitErrorIssues, submitErrorMessage } from './submit-error';

/** A shortcut button (`quickDecisions` returns these): submits `value` in one click. */
export interface SchemaFormQuickAction {
  readonly label: string;
  /** Merged over the form's value when both are objects, so notes already typed are sent along. */
  readonly value: unknown;
  /** Becomes `data-tone` on the button, for styling approve / reject differently. */
  readonly tone?: 'positive' | 'negative' | 'neutral';
}

/** What `renderActions` gets to draw its own buttons. */
export interface SchemaFormActionsState {
  /** `onSubmit`'s promise has not settled yet; a submit now is ignored. */
  readonly pending: boolean;
  readonly disabled: boolean;
  /**
   * Validates and submits the form's value, or `override` merged over it (as a quick action does). Goes
   * through the same validation and pending guard as the submit button.
   */
  submit(override?: unknown): Promise<void>;
  readonly quickActions: readonly SchemaFormQuickAction[];
  /** The form's deciding question (the `decision` prop), when it has one. */
  readonly decision: FormDecision | undefined;
  /** Submits the form with the deciding property set to `option` (what a decision button does). */
  decide(option: EnumOption): Promise<void>;
}

export interface SchemaFormProps {
  /** The JSON Schema (draft-07) of the value, e.g. a step's `resumeSchema`. Without one: a JSON box. */
  readonly schema: JsonSchema | undefined;
  /** Controlled value; leave `undefined` for an uncontrolled form. Seed it with `schemaDefaults`. */
  readonly value?: unknown;
  /**
   * The uncontrolled form's first value; the schema's defaults fill what it leaves out. Read once: to
   * start over, change the form's `key`.
   */
  readonly defaultValue?: unknown;
  /** Every edit, with the whole new value. */
  readonly onValueChange?: (value: unknown) => void;
  /**
   * Called with a value that passed the schema; may return a promise (its result is ignored, so
   * `mutateAsync` fits as it is). While that promise is pending the form does not submit again. A
   * rejection with `issues` (`{ path, message }[]`, as a `SteplineError` with code `validation` has) is
   * shown on the fields; any other rejection as an alert above them.
   */
  readonly onSubmit: (value: unknown) => unknown;
  /** The submit button's text; "Submit" by default. */
  readonly submitLabel?: ReactNode;
  readonly disabled?: boolean;
  /** Prefix of every id in the form (a `useId` value by default). Must be unique on the page. */
  readonly idPrefix?: string;
  /**
   * The question the form's buttons answer, e.g. `formDecision(schema)`: its property is not drawn as a
   * field; each answer is a primary button that submits the form with it ("Approve", "Reject"), and
   * there is no generic submit button. Enter in a field never answers: it says which buttons to press.
   */
  readonly decision?: FormDecision;
  /** Shortcut buttons before the submit button, e.g. `quickDecisions(schema)`. */
  readonly quickActions?: readonly SchemaFormQuickAction[];
  /** Extra content at the end of the actions row, e.g. a Cancel button (`type="button"`). */
  readonly children?: ReactNode;
  /** Replaces the whole actions row (quick actions, submit button and `children`). */
  readonly renderActions?: (state: SchemaFormActionsState) => ReactNode;
  /** The form's accessible name, e.g. "Review the brief". */
  readonly 'aria-label'?: string;
  readonly className?: string;
}

const noQuickActions: readonly SchemaFormQuickAction[] = [];

/**
 * A form generated from a JSON Schema, for the resume data of a suspended step. Strings are inputs (or
 * textareas for prose), numbers number inputs, booleans checkboxes, enums radio groups (up to four
 * options) or selects, objects fieldsets, lists have Add / Remove buttons; anything else (`anyOf`, maps)
 * is edited as JSON. Defaults come from the schema's `default`s, titles from `title` or the property name,
 * help text from `description`.
 *
 * On submit the value is checked with `validateJsonSchema`; problems are shown on their fields (linked
 * with `aria-describedby`), focus moves to the first, and `onSubmit` is not called. After a failed submit
 * the fields are checked again on every edit.
 *
 * @example
 * const resume = useResumeStep({ workflowId, runId });
 * const schema = details.steps['editorial-round.review']?.resumeSchema;
 * <SchemaForm
 *   schema={schema}
 *   quickActions={quickDecisions(schema)}
 *   submitLabel="Send review"
 *   onSubmit={(resumeData) => resume.mutateAsync({ step: 'editorial-round.review', resumeData })}
 * />
 */
export function SchemaForm({
  schema,
  value: controlledValue,
  defaultValue,
  onValueChange,
  onSubmit,
  submitLabel = 'Submit',
  disabled = false,
  idPrefix,
  quickActions = noQuickActions,
  decision,
  children,
  renderActions,
  'aria-label': ariaLabel,
  className,
}: SchemaFormProps): ReactNode {
  const generatedId = useId();
  const prefix = idPrefix ?? `stepline-form${generatedId}`;
  const controlled = controlledValue !== undefined;
  const [internalValue, setInternalValue] = useState(() => schemaDefaults(schema, defaultValue));
  // The schema often arrives after the first render (workflow details still loading): fill the gaps the
  // new schema's defaults cover, keeping whatever was already typed. By content, so an inline schema
  // literal does not count as a change.
  const schemaKey = useMemo(() => JSON.stringify(schema ?? null), [schema]);
  const [seededFor, setSeededFor] = useState(schemaKey);
  if (seededFor !== schemaKey) {
    setSeededFor(schemaKey);
    if (!controlled) setInternalValue((current: unknown) => schemaDefaults(schema, current));
  }
  const value = controlled ? controlledValue : internalValue;

  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<readonly FormIssue[]>([]);
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  /** Enter (or a bare `submit()`) on a form with a decision: no answer was chosen, nothing is sent. */
  const [undecided, setUndecided] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Synchronous guards: state updates land after the event, and two clicks can come before that.
  const pendingRef = useRef(false);
  const parseErrors = useRef(new Map<string, string>());

  // What the callbacks read, so they stay stable across renders. `value` also takes edits made since the
  // last render, so two edits in one event both count.
  const latest = useRef({ value, schema, controlled, disabled, onValueChange, onSubmit, decision });
  latest.current = { value, schema, controlled, disabled, onValueChange, onSubmit, decision };

  const setValue = useCallback((next: unknown, changed: FieldPath) => {
    const current = latest.current;
    current.value = next;
    if (!current.controlled) setInternalValue(next);
    // A server's complaint about a field is answered once the user edits that field.
    setServerIssues((issues) => {
      const kept = issues.filter((issue) => {
        const shownAt = issueTarget(current.schema, issue.path).fieldPath;
        return !isPathPrefix(shownAt, changed) && !isPathPrefix(changed, shownAt);
      });
      return kept.length === issues.length ? issues : kept;
    });
    current.onValueChange?.(next);
  }, []);

  const update = useCallback(
    (path: FieldPath, next: unknown) => setValue(setAt(latest.current.value, path, next), path),
    [setValue],
  );

  const setParseError = useCallback((owner: string, message: string | undefined) => {
    if (message === undefined) parseErrors.current.delete(owner);
    else parseErrors.current.set(owner, message);
  }, []);

  const submit = useCallback(async (candidate: unknown) => {
    const current = latest.current;
    if (pendingRef.current || current.disabled) return;
    setFormError(undefined);
    const issues = validateJsonSchema(candidate, current.schema);
    if (parseErrors.current.size > 0 || issues.length > 0) {
      setAttempted(true);
      setServerIssues([]);
      setFocusRequest((count) => count + 1);
      return;
    }
    pendingRef.current = true;
    setPending(true);
    setServerIssues([]);
    try {
      await current.onSubmit(candidate);
    } catch (error) {
      const fieldIssues = submitErrorIssues(error);
      if (fieldIssues === undefined) setFormError(submitErrorMessage(error));
      else setServerIssues(fieldIssues);
      setFocusRequest((count) => count + 1);
    } finally {
      pendingRef.current = false;
      setPending(false);
    }
  }, []);

  const submitWith = useCallback(
    (override?: unknown) => {
      const field = latest.current.decision?.field;
      if (field !== undefined && !(isPlainObject(override) && override[field] !== undefined)) {
        // The answer is only ever a click on one of the decision buttons: whatever the field holds (a
        // default, an unticked `false`) is not taken as one.
        setUndecided(true);
        return Promise.resolve();
      }
      setUndecided(false);
      if (override === undefined) return submit(latest.current.value);
      if (pendingRef.current || latest.current.disabled) return Promise.resolve();
      const current = latest.current.value;
      const merged =
        isPlainObject(current) && isPlainObject(override) ? { ...current, ...override } : override;
      // Show what is being sent: the chosen option appears selected in the form too.
      setValue(merged, []);
      return submit(merged);
    },
    [setValue, submit],
  );

  useEffect(() => {
    if (focusRequest > 0 && formRef.current !== null) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  const placed = useMemo(() => {
    const clientIssues = attempted ? validateJsonSchema(value, schema) : [];
    return placeIssues(schema, [...clientIssues, ...serverIssues]);
  }, [attempted, value, schema, serverIssues]);

  const context = useMemo<SchemaFormContextValue>(
    () => ({
      idPrefix: prefix,
      disabled,
      update,
      setParseError,
      errorsAt: (path) => placed.byField.get(pathKey(path)) ?? [],
    }),
    [prefix, disabled, update, setParseError, placed],
  );

  const alerts = formError === undefined ? placed.form : [formError, ...placed.form];
  const decide = useCallback(
    (option: EnumOption) => {
      const field = latest.current.decision?.field;
      return field === undefined ? Promise.resolve() : submitWith({ [field]: option });
    },
    [submitWith],
  );
  const actionsState: SchemaFormActionsState = {
    pending,
    disabled,
    submit: submitWith,
    quickActions,
    decision,
    decide,
  };
  const hintId = `${prefix}-decision-hint`;
  const rootIsObject = fieldKind(schema) === 'object';
  // Other root fields show their description themselves.
  const rootDescription =
    rootIsObject && typeof schema?.description === 'string' ? schema.description : undefined;

  return (
    <SchemaFormContext.Provider value={context}>
      <form
        ref={formRef}
        className={className === undefined ? 'stepline-form' : `stepline-form ${className}`}
        // The schema is the only validator: browser bubbles would disagree with it and block our messages.
        noValidate
        aria-label={ariaLabel}
        aria-busy={pending || undefined}
        data-pending={pending || undefined}
        data-disabled={disabled || undefined}
        onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          void submitWith();
        }}
      >
        {alerts.length > 0 && (
          <div role="alert" className="stepline-form__alert" tabIndex={-1}>
            {alerts.map((message) => (
              <p key={message} className="stepline-form__alert-message">
                {message}
              </p>
            ))}
          </div>
        )}
        {rootDescription !== undefined && <p className="stepline-form__intro">{rootDescription}</p>}
        {rootIsObject ? (
          <ObjectProperties schema={schema} path={[]} value={value} omit={decision?.field} />
        ) : (
          <SchemaField
            schema={schema}
            path={[]}
            value={value}
            label={typeof schema?.title === 'string' ? schema.title : rootTitle}
            required={schema !== undefined}
          />
        )}
        {renderActions === undefined && decision !== undefined ? (
          <fieldset
            className="stepline-form__actions stepline-form__actions--decision"
            aria-describedby={undecided ? hintId : undefined}
          >
            <legend className="stepline-sr-only" style={visuallyHidden}>
              {decisionLegend(schema, decision)}
            </legend>
            {decision.options.map((option) => (
              <button
                key={String(option.option)}
                type="button"
                className="stepline-form__decision"
                data-tone={option.tone}
                disabled={disabled || pending}
                onClick={() => void decide(option.option)}
              >
                {option.label}
              </button>
            ))}
            {children}
          </fieldset>
        ) : renderActions === undefined ? (
          <div className="stepline-form__actions">
            {quickActions.map((action) => (
              <button
                key={action.label}
                type="button"
                className="stepline-form__quick-action"
                data-tone={action.tone ?? 'neutral'}
                disabled={disabled || pending}
                onClick={() => void submitWith(action.value)}
              >
                {action.label}
              </button>
            ))}
            <button type="submit" className="stepline-form__submit" disabled={disabled || pending}>
              {submitLabel}
            </button>
            {children}
          </div>
        ) : (
          renderActions(actionsState)
        )}
        {decision !== undefined && (
          // Polite and always present, so the hint is announced when it appears.
          <p id={hintId} className="stepline-form__hint" aria-live="polite">
            {undecided ? decisionHint(decision) : ''}
          </p>
        )}
      </form>
    </SchemaFormContext.Provider>
  );
}

/** The question's name for assistive technology: the deciding property's title ("Decision", "Approved"). */
function decisionLegend(schema: JsonSchema | undefined, decision: FormDecision): string {
  const property = schemaProperties(schema).find(([key]) => key === decision.field)?.[1];
  return fieldTitle(property, decision.field);
}

/** "Choose Approve, Request changes or Reject to answer." */
function decisionHint(decision: FormDecision): string {
  const labels = decision.options.map((option) => option.label);
  const listed =
    labels.length > 1 ? `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}` : labels[0];
  return `Choose ${listed} to answer.`;
}
