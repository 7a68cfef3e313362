import type { JsonSchema } from '@stepline/client';
import { recordedResumeSchema } from '@stepline/test-support';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SchemaForm } from './schema-form';

afterEach(cleanup);

const renderForm = (schema: JsonSchema | undefined, props: { defaultValue?: unknown } = {}) => {
  const onValueChange = vi.fn();
  const onSubmit = vi.fn();
  const view = render(
    <SchemaForm
      schema={schema}
      idPrefix="t"
      onValueChange={onValueChange}
      onSubmit={onSubmit}
      defaultValue={props.defaultValue}
    />,
  );
  const lastValue = () => onValueChange.mock.lastCall?.[0];
  return { ...view, onValueChange, onSubmit, lastValue, user: userEvent.setup() };
};

const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required,
});

describe('SchemaForm fields', () => {
  it('renders the content brief review as a radio group and a notes textarea', async () => {
    const { user, onSubmit } = renderForm(recordedResumeSchema('content-brief', 'editorial-round.review'));
    const group = screen.getByRole('group', { name: 'Decision (required)' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((radio) => radio.closest('label')?.textContent?.trim())).toEqual([
      'Approve',
      'Request changes',
      'Reject',
    ]);
    expect(radios.every((radio) => radio.hasAttribute('required'))).toBe(true);
    const notes = screen.getByRole('textbox', { name: 'Notes' });
    expect(notes.tagName).toBe('TEXTAREA');

    await user.click(screen.getByRole('radio', { name: 'Request changes' }));
    await user.type(notes, 'Tighten the intro');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).toHaveBeenCalledWith({ decision: 'request-changes', notes: 'Tighten the intro' });
  });

  it('renders the parallel approval as a checkbox and a one-line input', async () => {
    const { user, onSubmit } = renderForm(recordedResumeSchema('parallel-approvals', 'legal-approval'));
    const approved = screen.getByRole('checkbox', { name: 'Approved' });
    const approver = screen.getByRole('textbox', { name: 'Approver (required)' });
    expect(approver.tagName).toBe('INPUT');
    expect(approver).toHaveProperty('required', true);
    await user.click(approved);
    await user.type(approver, 'Ada');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).toHaveBeenCalledWith({ approved: true, approver: 'Ada' });
  });

  it('takes titles from `title` and the property name, and defaults from `default`', () => {
    renderForm(
      object({
        approverName: { type: 'string', default: 'Ada' },
        dueDate: { type: 'string', title: 'Deadline', format: 'date' },
        ticked: { type: 'boolean', default: true },
        count: { type: 'integer', default: 3 },
      }),
    );
    expect(screen.getByRole('textbox', { name: 'Approver name' })).toHaveProperty('value', 'Ada');
    expect(screen.getByLabelText('Deadline')).toHaveProperty('type', 'date');
    expect(screen.getByRole('checkbox', { name: 'Ticked' })).toHaveProperty('checked', true);
    expect(screen.getByRole('spinbutton', { name: 'Count' })).toHaveProperty('value', '3');
  });

  it('links descriptions with aria-describedby', () => {
    renderForm(object({ approver: { type: 'string', description: 'Who signs off' } }));
    const input = screen.getByRole('textbox', { name: 'Approver' });
    const describedBy = input.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(describedBy)?.textContent).toBe('Who signs off');
  });

  it('edits numbers: integer step 1 with bounds, empty box is undefined, not 0', async () => {
    const { user, lastValue } = renderForm(
      object({ count: { type: 'integer', minimum: 1, maximum: 9 }, ratio: { type: 'number' } }),
    );
    const count = screen.getByRole('spinbutton', { name: 'Count' });
    expect([count.getAttribute('step'), count.getAttribute('min'), count.getAttribute('max')]).toEqual([
      '1',
      '1',
      '9',
    ]);
    expect(screen.getByRole('spinbutton', { name: 'Ratio' }).getAttribute('step')).toBe('any');
    await user.type(count, '4');
    expect(lastValue()).toEqual({ count: 4 });
    await user.type(screen.getByRole('spinbutton', { name: 'Ratio' }), '0.5');
    expect(lastValue()).toEqual({ count: 4, ratio: 0.5 });
    await user.clear(count);
    expect(lastValue()).toEqual({ ratio: 0.5 });
  });

  it('uses a select for more than four options, with a way back to "not set"', async () => {
    const { user, lastValue } = renderForm(
      object({ region: { type: 'string', enum: ['eu', 'us', 'apac', 'latam', 'mea'] } }),
    );
    const select = screen.getByRole('combobox', { name: 'Region' });
    await user.selectOptions(select, 'Apac');
    expect(lastValue()).toEqual({ region: 'apac' });
    await user.selectOptions(select, 'Not set');
    expect(lastValue()).toEqual({});
  });

  it('offers "Not set" on optional radio groups only', async () => {
    const { user, lastValue } = renderForm(
      object({ size: { type: 'string', enum: ['s', 'm'] }, tone: { type: 'string', enum: ['a', 'b'] } }, [
        'tone',
      ]),
    );
    expect(within(screen.getByRole('group', { name: 'Size' })).getAllByRole('radio')).toHaveLength(3);
    expect(within(screen.getByRole('group', { name: 'Tone (required)' })).getAllByRole('radio')).toHaveLength(
      2,
    );
    await user.click(screen.getByRole('radio', { name: 'M' }));
    await user.click(screen.getByRole('radio', { name: 'Not set' }));
    expect(lastValue()).toEqual({});
  });

  it('groups a nested object in a fieldset named by its legend', async () => {
    const { user, lastValue } = renderForm(
      object(
        {
          address: {
            type: 'object',
            title: 'Postal address',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
        },
        ['address'],
      ),
    );
    const group = screen.getByRole('group', { name: 'Postal address (required)' });
    expect(group.tagName).toBe('FIELDSET');
    await user.type(within(group).getByRole('textbox', { name: 'City (required)' }), 'Delft');
    expect(lastValue()).toEqual({ address: { city: 'Delft' } });
  });

  it('adds and removes list entries from the keyboard, keeping focus in the list', async () => {
    const { user, lastValue } = renderForm(
      object({ tags: { type: 'array', items: { type: 'string' } } }, ['tags']),
    );
    const add = screen.getByRole('button', { name: 'Add item to Tags' });
    add.focus();
    await user.keyboard('{Enter}');
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Item 1' }));
    await user.keyboard('alpha');
    add.focus();
    await user.keyboard(' ');
    await user.keyboard('beta');
    expect(lastValue()).toEqual({ tags: ['alpha', 'beta'] });

    screen.getByRole('button', { name: 'Remove item 1 of Tags' }).focus();
    await user.keyboard('{Enter}');
    expect(lastValue()).toEqual({ tags: ['beta'] });
    expect(screen.getByRole('textbox', { name: 'Item 1' })).toHaveProperty('value', 'beta');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove item 1 of Tags' }));
    await user.keyboard('{Enter}');
    expect(lastValue()).toEqual({ tags: [] });
    expect(document.activeElement).toBe(add);
  });

  it('adds object entries with their defaults', async () => {
    const { user, lastValue } = renderForm(
      object({
        reviewers: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              role: { type: 'string', enum: ['editor', 'legal'], default: 'editor' },
            },
            required: ['name'],
          },
        },
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Add item to Reviewers' }));
    const entry = screen.getByRole('group', { name: 'Item 1' });
    expect(lastValue()).toEqual({ reviewers: [{ role: 'editor' }] });
    await user.type(within(entry).getByRole('textbox', { name: 'Name (required)' }), 'Grace');
    expect(lastValue()).toEqual({ reviewers: [{ role: 'editor', name: 'Grace' }] });
  });

  it('edits unsupported parts as JSON and reports text that does not parse', async () => {
    const { user, lastValue, onSubmit } = renderForm(
      object({ meta: { anyOf: [{ type: 'object' }, { type: 'null' }] } }),
    );
    const box = screen.getByRole('textbox', { name: 'Meta (JSON)' });
    await user.type(box, '{{"a": 1');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toMatch(/^Meta is not valid JSON/);
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(box);
    await user.type(box, '}');
    expect(box.hasAttribute('aria-invalid')).toBe(false);
    expect(lastValue()).toEqual({ meta: { a: 1 } });
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).toHaveBeenCalledWith({ meta: { a: 1 } });
  });

  it('shows a JSON box holding {} when there is no schema', async () => {
    const { user, onSubmit } = renderForm(undefined);
    const box = screen.getByRole('textbox', { name: 'Value (JSON)' });
    expect(box).toHaveProperty('value', '{}');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).toHaveBeenCalledWith({});
  });

  it('starts from defaultValue with the schema defaults filling the gaps', () => {
    renderForm(object({ approver: { type: 'string' }, priority: { type: 'string', default: 'normal' } }), {
      defaultValue: { approver: 'Ada' },
    });
    expect(screen.getByRole('textbox', { name: 'Approver' })).toHaveProperty('value', 'Ada');
    expect(screen.getByRole('textbox', { name: 'Priority' })).toHaveProperty('value', 'normal');
  });

  it('fills in the defaults of a schema that arrives after the first render', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(<SchemaForm schema={undefined} onSubmit={onSubmit} />);
    expect(screen.getByRole('textbox', { name: 'Value (JSON)' })).toBeDefined();
    rerender(
      <SchemaForm
        schema={recordedResumeSchema('parallel-approvals', 'legal-approval')}
        onSubmit={onSubmit}
      />,
    );
    await user.type(screen.getByRole('textbox', { name: 'Approver (required)' }), 'Ada');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(onSubmit).toHaveBeenCalledWith({ approved: false, approver: 'Ada' });
  });
});
