import { describe, expect, it } from 'vitest';
import { TICKET_PRESENCE_TTL_MS } from '../../../shared/protocol.js';
import { colleaguesAfter, colleaguesAt, presenceText, type Colleagues } from './ticketPresence.js';

const person = (id: string, name: string) => ({ id, name, role: 'admin' as const, email: null });
const kofi = person('k', 'Kofi');
const esi = person('e', 'Esi');
const ama = person('a', 'Ama');
const heard = (user: typeof kofi, state: 'viewing' | 'replying' | 'left') =>
  ({ type: 'ticket.presence', ticketId: 't1', user, state }) as const;

describe('colleagues on a ticket', () => {
  it('follows each colleague’s latest state and forgets one who left', () => {
    let seen: Colleagues = new Map();
    seen = colleaguesAfter(seen, heard(kofi, 'viewing'), 0);
    seen = colleaguesAfter(seen, heard(esi, 'viewing'), 0);
    seen = colleaguesAfter(seen, heard(kofi, 'replying'), 10);
    expect(colleaguesAt(seen, 20).map((c) => [c.user.name, c.state])).toEqual([
      ['Kofi', 'replying'],
      ['Esi', 'viewing'],
    ]);
    seen = colleaguesAfter(seen, heard(kofi, 'left'), 30);
    expect(colleaguesAt(seen, 40).map((c) => c.user.name)).toEqual(['Esi']);
  });

  it('forgets a colleague not heard of for the time to live', () => {
    let seen: Colleagues = colleaguesAfter(new Map(), heard(kofi, 'viewing'), 1000);
    seen = colleaguesAfter(seen, heard(esi, 'viewing'), 1000 + TICKET_PRESENCE_TTL_MS / 2);
    expect(colleaguesAt(seen, 1000 + TICKET_PRESENCE_TTL_MS - 1)).toHaveLength(2);
    expect(colleaguesAt(seen, 1000 + TICKET_PRESENCE_TTL_MS).map((c) => c.user.name)).toEqual([
      'Esi',
    ]);
  });

  it('says who is writing and who is looking, in plain words', () => {
    const at = (...frames: ReturnType<typeof heard>[]) =>
      colleaguesAt(
        frames.reduce<Colleagues>((seen, f) => colleaguesAfter(seen, f, 0), new Map()),
        0,
      );
    expect(presenceText([])).toBeNull();
    expect(presenceText(at(heard(kofi, 'viewing')))).toBe('Kofi is also looking at this ticket.');
    expect(presenceText(at(heard(kofi, 'replying')))).toBe('Kofi is writing on it.');
    expect(
      presenceText(at(heard(kofi, 'viewing'), heard(esi, 'viewing'), heard(ama, 'replying'))),
    ).toBe('Ama is writing on it. Esi and Kofi are also looking at this ticket.');
  });
});
