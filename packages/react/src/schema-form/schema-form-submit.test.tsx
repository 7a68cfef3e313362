import { type JsonSchema, SteplineError } from '@stepline/client';
import { recordedResumeSchema } from '@stepline/test-support';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quickDecisions } from './quick-decisions';
import { SchemaForm } from './schema-form';

afterEach(cleanup);

const contentBrief = recordedResumeSchema('content-brief', 'editorial-round.review');
const legalApproval = recordedResumeSchema('parallel-approvals', 'legal-approval');

function deferred() {
  let resolve: (value?: unknown) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

/** The text of the elements an element's aria-describedby points at. */
function description(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' | ');
}

describe('SchemaForm validation', () => {
  it('blocks submit, marks each invalid field and focuses the first', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<SchemaForm schema={legalApproval} onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).not.toHaveBeenCalled();
    const approver = screen.getByRole('textbox', { name: 'Approver (required)' });
    expect(approver.getAttribute('aria-invalid')).toBe('true');
    expect(description(approver)).toBe('Approver is required');
    expect(document.activeElement).toBe(approver);

    // After a failed submit, fields are checked again as they change.
    await user.type(approver, 'Ada');
    expect(approver.hasAttribute('aria-invalid')).toBe(false);
    expect(approver.getAttribute('aria-describedby')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).toHaveBeenCalledWith({ approved: false, approver: 'Ada' });
  });

  it('marks a radio group, keeps the description linked, and focuses the group', async () => {
    const user = userEvent.setup();
    const schema: JsonSchema = {
      ...contentBrief,
      properties: {
        ...(contentBrief.properties as Record<string, JsonSchema>),
        decision: { type: 'string', enum: ['approve', 'reject'], description: 'Final call' },
      },
    };
    render(<SchemaForm schema={schema} onSubmit={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const group = screen.getByRole('group', { name: 'Decision (required)' });
    expect(description(group)).toBe('Final call | Decision is required');
    const radios = within(group).getAllByRole('radio');
    expect(radios.every((radio) => radio.getAttribute('aria-invalid') === 'true')).toBe(true);
    expect(document.activeElement).toBe(radios[0]);
  });

  it('shows issues of nested objects and list entries on those fields', async () => {
    const user = userEvent.setup();
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        count: { type: 'integer', maximum: 5 },
        address: {
          type: 'object',
          properties: { city: { type: 'string', minLength: 2 } },
          required: ['city'],
        },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
      },
      required: ['address', 'tags'],
    };
    render(<SchemaForm schema={schema} onSubmit={vi.fn()} defaultValue={{ count: 7, tags: ['ok', 'x'] }} />);
    await user.clear(screen.getByRole('textbox', { name: 'Item 2' }));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(description(screen.getByRole('spinbutton', { name: 'Count' }))).toBe('Count must be at most 5');
    expect(description(screen.getByRole('textbox', { name: 'City (required)' }))).toBe('City is required');
    expect(description(screen.getByRole('textbox', { name: 'Item 2' }))).toBe('Item 2 is required');
    expect(document.activeElement).toBe(screen.getByRole('spinbutton', { name: 'Count' }));
  });

  it('reports issues no field shows in the form-level alert', async () => {
    const user = userEvent.setup();
    render(
      <SchemaForm
        schema={contentBrief}
        defaultValue={{ decision: 'approve', stray: 1 }}
        onSubmit={vi.fn()}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('stray is not allowed');
    expect(document.activeElement).toBe(alert);
  });
});

describe('SchemaForm with resume-schema patterns', () => {
  const phone: JsonSchema = {
    type: 'object',
    properties: { phone: { type: 'string', title: 'Phone', pattern: '^\\d{3}\\-\\d{4}$' } },
    required: ['phone'],
  };

  it('Send works with a pattern the u flag rejects (`^\\d{3}\\-\\d{4}$`), and says when it does not match', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<SchemaForm schema={phone} onSubmit={onSubmit} />);
    const field = screen.getByRole('textbox', { name: 'Phone (required)' });
    await user.type(field, '5550100');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(description(field)).toContain('must match');
    await user.clear(field);
    await user.type(field, '555-0100');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).toHaveBeenCalledWith({ phone: '555-0100' });
  });

  it('typing after a failed submit does not freeze on a pathological pattern (`^(a+)+$`)', {
    timeout: 4_000,
  }, async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        word: { type: 'string', title: 'Word', pattern: '^(a+)+$' },
        approver: { type: 'string', title: 'Approver', minLength: 1 },
      },
      required: ['word', 'approver'],
    };
    render(<SchemaForm schema={schema} onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    // Every keystroke now validates again; a near miss of 30 characters backtracks 2^25 times.
    fireEvent.change(screen.getByRole('textbox', { name: 'Word (required)' }), {
      target: { value: `${'a'.repeat(25)}!` },
    });
    await user.type(screen.getByRole('textbox', { name: 'Approver (required)' }), 'Ada');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    // The client leaves that pattern to the server, which validates resume data anyway.
    expect(onSubmit).toHaveBeenCalledWith({ word: `${'a'.repeat(25)}!`, approver: 'Ada' });
  });
});

describe('SchemaForm submitting', () => {
  it('sends once when submitted twice, and disables the submit button while pending', async () => {
    const pending = deferred();
    const onSubmit = vi.fn(() => pending.promise);
    const user = userEvent.setup();
    const { container } = render(
      <SchemaForm schema={contentBrief} defaultValue={{ decision: 'approve' }} onSubmit={onSubmit} />,
    );
    const submit = screen.getByRole('button', { name: 'Submit' });
    await user.click(submit);
    await user.click(submit);
    fireEvent.submit(container.querySelector('form')!);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(submit).toHaveProperty('disabled', true);
    expect(container.querySelector('form')?.getAttribute('aria-busy')).toBe('true');

    pending.resolve();
    await waitFor(() => expect(submit).toHaveProperty('disabled', false));
    await user.click(submit);
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it('shows the issues of a rejected validation error on their fields', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async () => {
      throw new SteplineError('validation', 'Resume data does not match the schema', {
        issues: [{ path: ['approver'], message: 'is not on the legal team' }],
      });
    });
    render(<SchemaForm schema={legalApproval} defaultValue={{ approver: 'Bob' }} onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const approver = screen.getByRole('textbox', { name: 'Approver (required)' });
    await waitFor(() => expect(approver.getAttribute('aria-invalid')).toBe('true'));
    expect(description(approver)).toBe('Approver is not on the legal team');
    expect(document.activeElement).toBe(approver);
    expect(screen.queryByRole('alert')).toBeNull();

    // Editing the field answers the server's complaint.
    await user.type(approver, 'by');
    expect(approver.hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows other rejections as an alert and can submit again', async () => {
    const user = userEvent.setup();
    const onSubmit = vi
      .fn()
      .mockRejectedValueOnce(new SteplineError('conflict', 'This step was already resumed'))
      .mockResolvedValueOnce(undefined);
    render(<SchemaForm schema={contentBrief} defaultValue={{ decision: 'reject' }} onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This step was already resumed');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });

  it('does nothing while disabled', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    const { container } = render(
      <SchemaForm
        schema={contentBrief}
        defaultValue={{ decision: 'approve' }}
        disabled
        onSubmit={onSubmit}
      />,
    );
    expect(screen.getAllByRole('radio').every((radio) => (radio as HTMLInputElement).disabled)).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Notes' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    fireEvent.submit(container.querySelector('form')!);
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

describe('SchemaForm quick actions', () => {
  it('submits a quick decision together with what was typed, and shows the choice', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(
      <SchemaForm schema={contentBrief} quickActions={quickDecisions(contentBrief)} onSubmit={onSubmit} />,
    );
    const reject = screen.getByRole('button', { name: 'Reject' });
    expect(reject.getAttribute('data-tone')).toBe('negative');
    await user.type(screen.getByRole('textbox', { name: 'Notes' }), 'Off topic');
    await user.click(reject);
    expect(onSubmit).toHaveBeenCalledWith({ decision: 'reject', notes: 'Off topic' });
    expect(screen.getByRole('radio', { name: 'Reject' })).toHaveProperty('checked', true);
  });

  it('goes through validation and the pending guard like the submit button', async () => {
    const pending = deferred();
    const onSubmit = vi.fn(() => pending.promise);
    const user = userEvent.setup();
    const actions = quickDecisions(legalApproval, { base: { approver: 'Ada' } });
    render(<SchemaForm schema={legalApproval} quickActions={actions} onSubmit={onSubmit} />);
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledWith({ approved: true, approver: 'Ada' });
    expect(screen.getByRole('button', { name: 'Reject' })).toHaveProperty('disabled', true);
    pending.resolve();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Reject' })).toHaveProperty('disabled', false),
    );

    // A shortcut whose value does not pass is stopped and marked like a normal submit.
    cleanup();
    onSubmit.mockClear();
    render(
      <SchemaForm
        schema={legalApproval}
        quickActions={[{ label: 'Approve', value: { approved: true } }]}
        onSubmit={onSubmit}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Approver (required)' }));
  });

  it('lets renderActions draw its own buttons', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(
      <SchemaForm
        schema={contentBrief}
        onSubmit={onSubmit}
        renderActions={({ submit, pending }) => (
          <button type="button" disabled={pending} onClick={() => submit({ decision: 'approve' })}>
            Ship it
          </button>
        )}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Ship it' }));
    expect(onSubmit).toHaveBeenCalledWith({ decision: 'approve' });
  });
});

describe('SchemaForm controlled', () => {
  it('shows the parent value and reports edits through onValueChange', async () => {
    const seen: unknown[] = [];
    const user = userEvent.setup();
    render(<ControlledParent seen={seen} />);
    const approver = screen.getByRole('textbox', { name: 'Approver (required)' });
    await user.type(approver, '!');
    expect(seen.at(-1)).toEqual({ approver: 'Ada!', approved: false });
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(approver).toHaveProperty('value', 'Grace');
    expect(screen.getByRole('checkbox', { name: 'Approved' })).toHaveProperty('checked', true);
  });
});

function ControlledParent({ seen }: { readonly seen: unknown[] }) {
  const [value, setValue] = useState<unknown>({ approver: 'Ada', approved: false });
  return (
    <>
      <SchemaForm
        schema={legalApproval}
        value={value}
        onValueChange={(next) => {
          seen.push(next);
          setValue(next);
        }}
        onSubmit={() => {}}
      />
      <button type="button" onClick={() => setValue({ approver: 'Grace', approved: true })}>
        Reset
      </button>
    </>
  );
}
