import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge';

afterEach(cleanup);

describe('StatusBadge', () => {
  it('shows a step whose status a newer Mastra sent as "Unknown status", neither failed nor running', () => {
    const { container } = render(<StatusBadge status="unknown" />);
    expect(screen.getByText('Unknown status')).toBeTruthy();
    const badge = container.querySelector('.stepline-status')!;
    expect(badge.getAttribute('data-status')).toBe('unknown');
    expect(badge.getAttribute('data-tone')).toBe('neutral');
  });
});
