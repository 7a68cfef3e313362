// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The default stylesheet's colour tokens, light and dark, checked against WCAG: text 4.5:1, the borders
// of controls 3:1 (1.4.11). Read from the CSS itself, so a changed token is checked as shipped.
const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

function tokens(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no block ${selector}`);
  const block = css.slice(start, css.indexOf('}', start));
  const found: Record<string, string> = {};
  for (const match of block.matchAll(/--stepline-color-([a-z-]+):\s*(#[0-9a-f]{6})/gi)) {
    found[match[1]!] = match[2]!;
  }
  return found;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const light = tokens('.stepline-theme');
const dark = {
  ...light,
  ...tokens('.stepline-theme[data-theme="dark"],\n[data-theme="dark"] .stepline-theme'),
};

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, colors) => {
  const backgrounds = ['bg', 'surface', 'surface-raised', 'attention-bg'];

  it('control borders reach 3:1 on every surface a form sits on (issue 14: inputs were 1.4:1)', () => {
    for (const background of backgrounds) {
      expect(contrast(colors['border-strong']!, colors[background]!), background).toBeGreaterThanOrEqual(3);
    }
  });

  it('text, muted text and status words reach 4.5:1', () => {
    for (const text of ['text', 'text-muted', 'success', 'danger', 'attention', 'active']) {
      expect(contrast(colors[text]!, colors.bg!), text).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(colors.attention!, colors['attention-bg']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colors.danger!, colors['danger-bg']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(colors['on-strong']!, colors['success-strong']!)).toBeGreaterThanOrEqual(4.5);
  });
});

it('form controls are drawn with the strong border', () => {
  const rule = css.slice(css.indexOf('.stepline-theme .stepline-form__control,'));
  expect(rule.slice(0, rule.indexOf('}'))).toContain('var(--stepline-color-border-strong)');
});
