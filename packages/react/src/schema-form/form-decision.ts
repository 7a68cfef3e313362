import type { JsonSchema } from '@stepline/client';
import { type EnumOption, fieldKind, requiredKeys, schemaProperties } from './field-kind';
import { decisionLabel, decisionOptions, decisionTone, pickDecider } from './quick-decisions';

/** One answer to the form's deciding question, drawn as a primary button. */
export interface FormDecisionOption {
  /** Named by the schema: "Approve", "Request changes", "Reject". */
  readonly label: string;
  /** The value the deciding property gets. */
  readonly option: EnumOption;
  /** For styling: approving words are `positive`, refusing ones `negative`, the rest `neutral`. */
  readonly tone: 'positive' | 'negative' | 'neutral';
}

/** The property a form's buttons answer (`decision`, `approved`) and one button per answer. */
export interface FormDecision {
  readonly field: string;
  readonly options: readonly FormDecisionOption[];
}

/**
 * The question a resume schema asks, when it asks one: its deciding property (a required `boolean`, or a
 * required `enum` of 2–4 options; if several qualify, the only one without a `default`) becomes the
 * form's buttons instead of a field, so the answer is always an explicit click on "Approve", "Reject" or
 * "Request changes" and never a checkbox left unticked. The other fields (notes, an approver) stay fields
 * and are checked when a button is pressed. `undefined` when the schema has no single deciding property.
 *
 * Unlike `quickDecisions` this does not need the other required fields to have defaults: the buttons
 * submit the whole form.
 *
 * @example
 * formDecision(legalApprovalSchema);
 * // { field: 'approved', options: [{ label: 'Approve', option: true, tone: 'positive' },
 * //                                { label: 'Reject', option: false, tone: 'negative' }] }
 */
export function formDecision(
  schema: JsonSchema | undefined,
  options: { readonly base?: Readonly<Record<string, unknown>> } = {},
): FormDecision | undefined {
  if (schema === undefined || fieldKind(schema) !== 'object') return undefined;
  const base = options.base ?? {};
  const required = requiredKeys(schema);
  const decider = pickDecider(
    schemaProperties(schema).filter(
      ([key, property]) =>
        required.has(key) && base[key] === undefined && decisionOptions(property) !== undefined,
    ),
  );
  if (decider === undefined) return undefined;
  const [field, property] = decider;
  return {
    field,
    options: (decisionOptions(property) ?? []).map((option) => ({
      label: decisionLabel(field, property, option),
      option,
      tone: decisionTone(option),
    })),
  };
}
