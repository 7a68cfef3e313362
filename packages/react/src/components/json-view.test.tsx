import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonView, toJsonText } from './json-view';

afterEach(cleanup);

describe('JsonView', () => {
  it('shows a value as indented JSON text, markup included, never as HTML', () => {
    const { container } = render(
      <JsonView
        label="Output"
        value={{ html: '<img src=x onerror=alert(1)><script>alert(2)</script>', n: 1 }}
      />,
    );
    const pre = container.querySelector('pre')!;
    expect(pre.textContent).toBe(
      '{\n  "html": "<img src=x onerror=alert(1)><script>alert(2)</script>",\n  "n": 1\n}',
    );
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByText('Output')).toBeTruthy();
  });

  it('cuts values over the limit, with a button that shows all', async () => {
    const user = userEvent.setup();
    const big = { text: 'x'.repeat(30_000) };
    const { container } = render(<JsonView value={big} />);
    const pre = container.querySelector('pre')!;
    expect(pre.textContent!.length).toBe(20_001);
    expect(pre.textContent!.endsWith('…')).toBe(true);
    expect(container.querySelector('.stepline-json')!.getAttribute('data-truncated')).toBe('true');
    await user.click(screen.getByRole('button', { name: /Show all \(29 kB\)/ }));
    expect(pre.textContent).toBe(toJsonText(big));
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('never throws: cycles, bigints, undefined, errors', () => {
    const cyclic: Record<string, unknown> = { name: 'a', shared: { x: 1 } };
    cyclic.self = cyclic;
    cyclic.again = cyclic.shared;
    expect(JSON.parse(toJsonText(cyclic))).toEqual({
      name: 'a',
      shared: { x: 1 },
      self: '[Circular]',
      again: { x: 1 },
    });
    expect(toJsonText(10n)).toBe('"10n"');
    expect(toJsonText(undefined)).toBe('undefined');
    expect(JSON.parse(toJsonText(new TypeError('bad')))).toEqual({ name: 'TypeError', message: 'bad' });
    expect(toJsonText('plain')).toBe('"plain"');
  });

  it('shows a value nested 8,000 levels deep truncated, not as [object Object]', () => {
    const depth = 8_000;
    const deep = JSON.parse(`${'{"error":'.repeat(depth)}{"message":"deepest"}${'}'.repeat(depth)}`);
    const { container } = render(<JsonView value={{ message: 'Step failed', error: deep }} />);
    const text = container.querySelector('pre')!.textContent!;
    expect(text).not.toContain('[object Object]');
    expect(text.startsWith('{\n  "message": "Step failed",\n  "error": {\n    "error": {')).toBe(true);
    expect(text).toContain('"{…}"');
    expect(text.length).toBeLessThan(20_000);
  });
});
