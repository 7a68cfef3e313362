import type { RunState } from './run-state';
import type { StepExecution, StepState } from './step-state';

/** How an answer reads: approving words are `positive`, refusing ones `negative`, the rest `neutral`. */
export type DecisionTone = 'positive' | 'negative' | 'neutral';

const positiveWords = new Set([
  'approve',
  'approved',
  'accept',
  'accepted',
  'allow',
  'allowed',
  'confirm',
  'confirmed',
  'yes',
  'ok',
  'proceed',
  'continue',
  'publish',
]);
const negativeWords = new Set([
  'reject',
  'rejected',
  'deny',
  'denied',
  'decline',
  'declined',
  'refuse',
  'refused',
  'no',
  'cancel',
  'abort',
  'block',
  'stop',
]);

/**
 * The tone of one answer to a decision: `'approve'`, `true` → positive; `'reject'`, `false` → negative.
 * @example decisionTone('request-changes') // 'neutral'
 */
export function decisionTone(option: string | number | boolean): DecisionTone {
  if (typeof option === 'boolean') return option ? 'positive' : 'negative';
  const word = String(option).toLowerCase();
  if (positiveWords.has(word)) return 'positive';
  if (negativeWords.has(word)) return 'negative';
  return 'neutral';
}

/** Property names that hold the decision itself, most telling first. */
const decisionKeys = [
  'decision',
  'approved',
  'approve',
  'accepted',
  'accept',
  'allowed',
  'allow',
  'confirmed',
  'confirm',
  'verdict',
  'outcome',
  'action',
  'choice',
  'answer',
];
const notesKeys = ['notes', 'note', 'comment', 'comments', 'feedback', 'reason', 'message', 'remarks'];
const byKeys = ['approver', 'reviewer', 'decidedBy', 'approvedBy', 'by', 'user', 'author', 'editor', 'email'];
const atKeys = ['decidedAt', 'approvedAt', 'reviewedAt', 'at', 'timestamp'];

/** Words in the past tense for the common answers, as a receipt reads. */
const pastTense: Readonly<Record<string, string>> = {
  approve: 'Approved',
  accept: 'Accepted',
  allow: 'Allowed',
  confirm: 'Confirmed',
  publish: 'Published',
  proceed: 'Approved',
  continue: 'Approved',
  yes: 'Approved',
  ok: 'Approved',
  reject: 'Rejected',
  deny: 'Denied',
  decline: 'Declined',
  refuse: 'Refused',
  no: 'Rejected',
  cancel: 'Canceled',
  abort: 'Aborted',
  block: 'Blocked',
  stop: 'Stopped',
  'request-changes': 'Changes requested',
  'request changes': 'Changes requested',
  request_changes: 'Changes requested',
  changes: 'Changes requested',
  revise: 'Revision requested',
};

/** Boolean names and what `true` / `false` mean. */
const booleanWords: Readonly<Record<string, readonly [string, string]>> = {
  approved: ['Approved', 'Rejected'],
  approve: ['Approved', 'Rejected'],
  accepted: ['Accepted', 'Declined'],
  accept: ['Accepted', 'Declined'],
  allowed: ['Allowed', 'Denied'],
  allow: ['Allowed', 'Denied'],
  confirmed: ['Confirmed', 'Declined'],
  confirm: ['Confirmed', 'Declined'],
};

/** What a person answered, read from resume data. */
export interface Decision {
  /** The property that decided (`decision`, `approved`), when one did. */
  readonly field: string | undefined;
  readonly value: string | number | boolean | undefined;
  /** As a receipt reads it: "Approved", "Rejected", "Changes requested". "Answered" when nothing decided. */
  readonly label: string;
  readonly tone: DecisionTone;
  readonly notes: string | undefined;
  /** Who, when the resume data says (`approver`, `reviewer`, `by`, …). */
  readonly by: string | undefined;
  /** When, as the resume data says (`decidedAt`, …); see `StepDecision.at` for the resume time. */
  readonly at: number | undefined;
}

/**
 * Reads the decision a resume expresses: the deciding property (`field` when you know it, else the first
 * of `decision`, `approved`, `accepted`, `allowed`, `confirmed`, `verdict`, `outcome`, … that holds a
 * word or a yes/no), notes (`notes`, `comment`, `feedback`, `reason`), who (`approver`, `reviewer`, `by`,
 * `user`) and when (`decidedAt`, epoch ms or an ISO date).
 *
 * @example
 * readDecision({ decision: 'request-changes', notes: 'Add a cost table' });
 * // { field: 'decision', value: 'request-changes', label: 'Changes requested', tone: 'neutral', notes: 'Add a cost table', … }
 * readDecision({ approved: false, approver: 'lee@legal' }).label; // 'Rejected'
 */
export function readDecision(resumeData: unknown, field?: string): Decision {
  const record =
    typeof resumeData === 'object' && resumeData !== null && !Array.isArray(resumeData)
      ? (resumeData as Readonly<Record<string, unknown>>)
      : undefined;
  // Resume data that is not an object may be the answer itself (`'approve'`, `true`).
  const key = record && (field ?? decisionKeys.find((candidate) => isOption(record[candidate])));
  const answer = record === undefined ? resumeData : key === undefined ? undefined : record[key];
  const value = isOption(answer) ? answer : undefined;
  return {
    field: value === undefined ? undefined : key,
    value,
    label: value === undefined ? 'Answered' : answerLabel(key, value),
    tone: value === undefined ? 'neutral' : decisionTone(value),
    notes: record && firstText(record, notesKeys),
    by: record && firstText(record, byKeys),
    at: record && firstTime(record),
  };
}

/** One answered round of a step that waited for a person: a receipt. */
export interface StepDecision extends Decision {
  /** 1 for the first answer, 2 for the next round of a review loop, … */
  readonly round: number;
  /** The execution it belongs to (`StepExecution.key`). */
  readonly executionKey: string;
  /** When the step was resumed with it (the server's time). */
  readonly resumedAt: number | undefined;
  /** What the step asked (its suspend payload for that round). */
  readonly suspendPayload: unknown;
  readonly resumeData: unknown;
}

/**
 * Every answered round of a step, oldest first: what was decided, with which notes, by whom and when.
 * A nested workflow's container (its suspend payload points at the inner step) has none: the inner step
 * carries them.
 *
 * @example
 * for (const receipt of selectStepDecisions(run.steps.get('editorial-round.review')!)) {
 *   console.log(receipt.round, receipt.label, receipt.notes); // 1 'Changes requested' 'Add a cost table'
 * }
 */
export function selectStepDecisions(step: StepState, field?: string): StepDecision[] {
  // A container answers nothing itself: the step inside it that suspended does.
  if (
    step.suspendedChildPath !== undefined ||
    step.executions.toArray().some((e) => e.suspendedChildPath !== undefined)
  ) {
    return [];
  }
  const executions: readonly Pick<
    StepExecution,
    'key' | 'resumePayload' | 'suspendPayload' | 'resumedAt' | 'suspendedAt'
  >[] =
    step.executions.length > 0
      ? step.executions.toArray()
      : [{ key: step.id, ...step, resumePayload: step.resumePayload }];
  const decisions: StepDecision[] = [];
  executions.forEach((execution, index) => {
    if (execution.resumePayload === undefined) return;
    decisions.push({
      ...readDecision(execution.resumePayload, field),
      round: index + 1,
      executionKey: execution.key,
      resumedAt: execution.resumedAt,
      suspendPayload: execution.suspendPayload,
      resumeData: execution.resumePayload,
    });
  });
  return decisions;
}

/**
 * How the run ended, as people would say it, when its status alone would mislead: `'rejected'` when it
 * finished after a person's last answer was a refusal (Mastra calls a run that bails after "reject" a
 * success), `'ended-early'` when a step bailed. `undefined` otherwise.
 *
 * @example
 * selectRunOutcome(run) === 'rejected' ? 'Rejected' : runStatusLabel(run.status);
 */
export function selectRunOutcome(run: RunState): 'rejected' | 'ended-early' | undefined {
  if (run.status !== 'success' && run.status !== 'bailed') return undefined;
  let latest: { at: number; tone: DecisionTone } | undefined;
  let bailed = run.status === 'bailed';
  for (const id of run.stepIds) {
    const step = run.steps.get(id)!;
    if (step.status === 'bailed') bailed = true;
    for (const decision of selectStepDecisions(step)) {
      const at = decision.resumedAt ?? decision.at ?? 0;
      if (latest === undefined || at >= latest.at) latest = { at, tone: decision.tone };
    }
  }
  if (latest?.tone === 'negative') return 'rejected';
  return bailed ? 'ended-early' : undefined;
}

function answerLabel(field: string | undefined, value: string | number | boolean): string {
  if (typeof value === 'boolean') {
    const words = field === undefined ? undefined : booleanWords[field];
    if (words !== undefined) return value ? words[0] : words[1];
    return value ? 'Yes' : 'No';
  }
  const text = String(value);
  const known = pastTense[text.toLowerCase()];
  if (known !== undefined) return known;
  // Machine words (`shipIt`, `needs_review`) read as words; anything else is shown as it is.
  if (!/^[A-Za-z0-9]+([-_ ]?[A-Za-z0-9]+)*$/u.test(text)) return text;
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.length === 0 ? text : words.charAt(0).toUpperCase() + words.slice(1);
}

function isOption(value: unknown): value is string | number | boolean {
  return (
    (typeof value === 'string' && value.trim().length > 0) ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function firstText(record: Readonly<Record<string, unknown>>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === 'string' && value.trim().length > 0) return value;
  }
  return undefined;
}

function firstTime(record: Readonly<Record<string, unknown>>): number | undefined {
  for (const key of atKeys) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string') {
      const parsed = Date.parse(value);
      if (Number.isFinite(parsed)) return parsed;
    }
  }
  return undefined;
}
