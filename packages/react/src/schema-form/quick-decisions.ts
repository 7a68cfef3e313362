import { decisionTone as clientDecisionTone, type JsonSchema, validateJsonSchema } from '@stepline/client';
import {
  type EnumOption,
  enumOptions,
  fieldKind,
  maxRadioOptions,
  requiredKeys,
  schemaProperties,
} from './field-kind';
import { isPlainObject } from './field-path';
import { fieldTitle, humanizeName, optionLabel } from './field-title';
import { schemaDefaults } from './schema-defaults';

/** One shortcut button: its label and the whole value it submits. */
export interface QuickDecision {
  readonly label: string;
  /** The complete resume value, valid against the schema. */
  readonly value: Readonly<Record<string, unknown>>;
  /** The property that decides (`decision`, `approved`). */
  readonly field: string;
  /** The value this button gives that property. */
  readonly option: EnumOption;
  /** For styling: approving words are `positive`, refusing ones `negative`, the rest `neutral`. */
  readonly tone: 'positive' | 'negative' | 'neutral';
}

export interface QuickDecisionsOptions {
  /**
   * Values known without asking, e.g. `{ approver: currentUser.name }`: they count as filled in and are
   * part of every decision's value.
   */
  readonly base?: Readonly<Record<string, unknown>>;
}

/** Boolean property names that read as a verb, and the words for their two buttons. */
const booleanVerbs: Readonly<Record<string, readonly [string, string]>> = {
  approved: ['Approve', 'Reject'],
  approve: ['Approve', 'Reject'],
  accepted: ['Accept', 'Decline'],
  accept: ['Accept', 'Decline'],
  allowed: ['Allow', 'Deny'],
  allow: ['Allow', 'Deny'],
  confirmed: ['Confirm', 'Decline'],
  confirm: ['Confirm', 'Decline'],
};

/**
 * The one-click answers a resume schema allows, for approve / reject shortcuts on an approval card. The
 * rule:
 * 1. The schema is an object with `properties`.
 * 2. The deciding property is a required one that is a `boolean` or an `enum` of 2–4 options and is not
 *    already given by `base`. If several qualify, the only one of them without a `default` decides; if
 *    that still leaves more than one (or none), there is no single decision and the result is `[]`.
 * 3. Every other required property must be filled by its schema `default` or by `base` (a required
 *    boolean without a default is *not* assumed `false`: a shortcut never answers a question silently).
 *    Optional properties are left out unless they have a default.
 * 4. Each button's value must pass `validateJsonSchema`; if any does not, the result is `[]`.
 *
 * Buttons come in the enum's order, or `true` then `false`. Enum options are labelled as words
 * (`request-changes` → "Request changes"); booleans named `approved`, `accepted`, `allowed` or `confirmed`
 * become "Approve" / "Reject" and the like, other booleans "<Title>: Yes" / "<Title>: No".
 *
 * @example
 * quickDecisions(contentBriefReviewSchema);
 * // [{ label: 'Approve', value: { decision: 'approve' }, tone: 'positive', … },
 * //  { label: 'Request changes', value: { decision: 'request-changes' }, tone: 'neutral', … },
 * //  { label: 'Reject', value: { decision: 'reject' }, tone: 'negative', … }]
 * quickDecisions(legalApprovalSchema); // [] — `approver` is required and has no default
 * quickDecisions(legalApprovalSchema, { base: { approver: 'Ada' } });
 * // [{ label: 'Approve', value: { approved: true, approver: 'Ada' } }, { label: 'Reject', … }]
 */
export function quickDecisions(
  schema: JsonSchema | undefined,
  options: QuickDecisionsOptions = {},
): QuickDecision[] {
  if (schema === undefined || fieldKind(schema) !== 'object') return [];
  const base = options.base ?? {};
  const required = requiredKeys(schema);
  const candidates = schemaProperties(schema).filter(
    ([key, property]) =>
      required.has(key) && base[key] === undefined && decisionOptions(property) !== undefined,
  );
  const decider = pickDecider(candidates);
  if (decider === undefined) return [];
  const [field, property] = decider;

  const filled = schemaDefaults(schema, { ...base }, { implied: false });
  const rest = isPlainObject(filled) ? filled : {};
  const decisions = (decisionOptions(property) ?? []).map((option) => ({
    label: decisionLabel(field, property, option),
    value: { ...rest, [field]: option },
    field,
    option,
    tone: decisionTone(option),
  }));
  const allValid = decisions.every((decision) => validateJsonSchema(decision.value, schema).length === 0);
  return allValid ? decisions : [];
}

/**
 * Of the properties that could decide (required, a boolean or a short enum), the one that does: the only
 * one, else the only one without a `default`, else none.
 */
export function pickDecider(
  candidates: readonly [string, JsonSchema][],
): readonly [string, JsonSchema] | undefined {
  if (candidates.length === 1) return candidates[0];
  const undecided = candidates.filter(([, property]) => !('default' in property));
  return undecided.length === 1 ? undecided[0] : undefined;
}

/** The options a deciding property offers: `true`/`false`, or an enum's 2–4 values. */
export function decisionOptions(property: JsonSchema): readonly EnumOption[] | undefined {
  const kind = fieldKind(property);
  if (kind === 'boolean') return [true, false];
  if (kind !== 'enum') return undefined;
  const options = enumOptions(property);
  return options !== undefined && options.length >= 2 && options.length <= maxRadioOptions
    ? options
    : undefined;
}

export function decisionLabel(field: string, property: JsonSchema, option: EnumOption): string {
  if (typeof option !== 'boolean') return optionLabel(option);
  const verbs = booleanVerbs[lastWord(field)];
  if (verbs !== undefined) return option ? verbs[0] : verbs[1];
  return `${fieldTitle(property, field)}: ${option ? 'Yes' : 'No'}`;
}

export function decisionTone(option: EnumOption): QuickDecision['tone'] {
  return clientDecisionTone(option);
}

function lastWord(name: string): string {
  return humanizeName(name).split(' ').at(-1)?.toLowerCase() ?? '';
}
