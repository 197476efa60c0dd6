/**
 * The admin audit tab (client/admin/auditFormat.ts) says what an ownership
 * transfer did in words: who had the brief and who has it now; its filter
 * finds entries by person, action and brief.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/api.ts';
import { actionLabel, describeDetail, entryMatches } from '../../client/admin/auditFormat.ts';

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

describe('the audit filter', () => {
  const renamed: AuditEntry = {
    id: 2,
    at: '2026-12-07T09:00:00.000Z',
    actor: 'Dana Reyes',
    action: 'brief.renamed',
    briefId: 'b2',
    briefTitle: 'Visita a Panamá',
    briefState: 'live',
    detail: { from: 'Draft', to: 'Visita a Panamá' },
  };

  it('matches every word, in any order, in who, what, which brief and the detail', () => {
    for (const filter of ['', 'dana', 'RENAMED', 'brief.renamed', 'panama dana', 'draft']) {
      expect(entryMatches(renamed, filter), filter).toBe(true);
    }
    for (const filter of ['eddie', 'dana shared', 'quito']) {
      expect(entryMatches(renamed, filter), filter).toBe(false);
    }
    // The target of a transfer is in the detail: "@eddie".
    expect(
      entryMatches(
        entry({
          from: { userId: 'u1', username: 'olga' },
          to: { userId: 'u2', username: 'eddie' },
        }),
        'eddie quito',
      ),
    ).toBe(true);
  });
});
