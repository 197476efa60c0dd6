/**
 * The admin audit tab (client/admin/auditFormat.ts) says what an ownership
 * transfer did in words: who had the brief and who has it now.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api.ts';
import { actionLabel, describeDetail } from '../../client/admin/auditFormat.ts';

const entry = (detail: Record<string, unknown> | null): AuditEntry => ({
  id: 1,
  at: '2026-12-07T09:00:00.000Z',
  actor: 'Olga',
  action: 'brief.ownership_transferred',
  briefId: 'b1',
  briefTitle: 'Quito visit',
  briefState: 'live',
  detail,
});

describe('ownership transfers in the audit tab', () => {
  it('names the action and both people', () => {
    expect(actionLabel('brief.ownership_transferred')).toBe('Transferred ownership');
    expect(
      describeDetail(
        entry({
          from: { userId: 'u1', username: 'olga' },
          to: { userId: 'u2', username: 'eddie' },
        }),
      ),
    ).toBe('@olga → @eddie');
  });

  it('says "nobody" for a brief that had no owner, and "?" for what was not recorded', () => {
    expect(describeDetail(entry({ from: null, to: { userId: 'u2', username: 'eddie' } }))).toBe(
      'nobody → @eddie',
    );
    expect(describeDetail(entry({ from: 'olga', to: 42 }))).toBe('? → ?');
    expect(describeDetail(entry(null))).toBe('? → ?');
  });
});
