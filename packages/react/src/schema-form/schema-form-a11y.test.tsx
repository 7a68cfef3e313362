import type { JsonSchema } from '@stepline/client';
import { recordedResumeSchema } from '@stepline/test-support';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { quickDecisions } from './quick-decisions';
import { SchemaForm } from './schema-form';

afterEach(cleanup);
// jsdom has no canvas; axe asks for one to look for icon fonts and logs when it is missing.
beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

/** Every kind of field at once, so one axe run covers them all. */
const everyKind: JsonSchema = {
  type: 'object',
  description: 'Everything the form can show',
  properties: {
    title: { type: 'string', description: 'Shown to readers', minLength: 3 },
    notes: { type: 'string' },
    count: { type: 'integer', minimum: 1, maximum: 10, default: 3 },
    ratio: { type: 'number' },
    urgent: { type: 'boolean', description: 'Skip the queue' },
    decision: { type: 'string', enum: ['approve', 'reject'] },
    region: { type: 'string', enum: ['eu', 'us', 'apac', 'latam', 'mea'] },
    tags: { type: 'array', items: { type: 'string' }, description: 'Free labels' },
    reviewers: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: { type: 'string' }, role: { type: 'string', enum: ['editor', 'legal'] } },
        required: ['name'],
      },
    },
    address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    meta: { anyOf: [{ type: 'object' }, { type: 'null' }] },
  },
  required: ['title', 'decision', 'address'],
};

async function violations(container: HTMLElement): Promise<string[]> {
  const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(', ')}`,
  );
}

describe('SchemaForm accessibility (axe)', () => {
  it('would catch a control without a label (the check itself works in jsdom)', async () => {
    const { container } = render(<input type="text" />);
    expect((await violations(container)).map((violation) => violation.split(':')[0])).toContain('label');
  });

  it('has no violations for every field kind, with list entries present', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <SchemaForm
        schema={everyKind}
        aria-label="Everything"
        defaultValue={{ tags: ['a'], reviewers: [{ name: 'Ada' }] }}
        onSubmit={vi.fn()}
      />,
    );
    await user.type(screen.getByRole('textbox', { name: 'Meta (JSON)' }), '{{');
    expect(await violations(container)).toEqual([]);
  });

  it('has no violations with errors shown and a form-level alert', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <SchemaForm
        schema={{ ...everyKind, additionalProperties: false }}
        defaultValue={{ count: 20, stray: true }}
        onSubmit={vi.fn()}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(screen.getByRole('alert')).toBeDefined();
    expect(container.querySelectorAll('[aria-invalid="true"]').length).toBeGreaterThan(3);
    expect(await violations(container)).toEqual([]);
  });

  it('has no violations for the recorded approval schemas with quick actions', async () => {
    const contentBrief = recordedResumeSchema('content-brief', 'editorial-round.review');
    const legal = recordedResumeSchema('parallel-approvals', 'legal-approval');
    const { container } = render(
      <>
        <SchemaForm schema={contentBrief} quickActions={quickDecisions(contentBrief)} onSubmit={vi.fn()} />
        <SchemaForm schema={legal} onSubmit={vi.fn()} />
        <SchemaForm schema={undefined} onSubmit={vi.fn()} />
      </>,
    );
    expect(await violations(container)).toEqual([]);
  });
});
