import { describe, expect, it } from 'vitest';
import { MAIL_NOTICE_DEFAULTS } from '../../shared/vocabulary.js';
import {
  acknowledgesTicket,
  noticeRecipients,
  wantsNotice,
  type NoticeCandidate,
} from './ticketMailRecipients.js';

const agent = (id: string, extra: Partial<NoticeCandidate> = {}): NoticeCandidate => ({
  id,
  isAgent: true,
  isActive: true,
  preferences: null,
  ...extra,
});

describe('ticket mail recipients', () => {
  it('gives every notice to someone who never changed their preferences', () => {
    expect(wantsNotice(null, 'newTickets')).toBe(true);
    expect(wantsNotice(null, 'sla')).toBe(true);
  });

  it('follows the one preference of the notice', () => {
    const preferences = { ...MAIL_NOTICE_DEFAULTS, mentions: false };
    expect(wantsNotice(preferences, 'mentions')).toBe(false);
    expect(wantsNotice(preferences, 'assigned')).toBe(true);
  });

  it('leaves out the actor, customers, deactivated accounts, those who turned it off, repeats', () => {
    const off = { ...MAIL_NOTICE_DEFAULTS, assigned: false };
    const candidates = [
      agent('actor'),
      agent('ama'),
      agent('customer', { isAgent: false }),
      agent('gone', { isActive: false }),
      agent('quiet', { preferences: off }),
      agent('ama'),
      agent('kofi'),
    ];
    expect(noticeRecipients('assigned', candidates, 'actor')).toEqual(['ama', 'kofi']);
    expect(noticeRecipients('sla', candidates, null)).toEqual(['actor', 'ama', 'quiet', 'kofi']);
  });

  it('acknowledges a ticket only when its requester filed it', () => {
    expect(acknowledgesTicket({ requesterId: 'yaw', actorId: 'yaw' })).toBe(true);
    expect(acknowledgesTicket({ requesterId: 'yaw', actorId: 'agent' })).toBe(false);
    expect(acknowledgesTicket({ requesterId: 'yaw', actorId: null })).toBe(false);
  });
});
