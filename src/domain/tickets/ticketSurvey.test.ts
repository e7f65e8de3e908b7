import { describe, expect, it } from 'vitest';
import {
  offersTicketSurvey,
  satisfactionOf,
  TICKET_SURVEY_LIFETIME_MS,
  ticketSurveyState,
} from './ticketSurvey.js';

describe('ticket survey rules', () => {
  const solvedAt = Date.UTC(2026, 5, 1, 9);
  const survey = { expires_at: solvedAt + TICKET_SURVEY_LIFETIME_MS, answered_at: null };

  it('keeps a link open for 30 days after the solve, and no longer', () => {
    expect(ticketSurveyState(survey, solvedAt)).toBe('open');
    expect(ticketSurveyState(survey, survey.expires_at - 1)).toBe('open');
    expect(ticketSurveyState(survey, survey.expires_at)).toBe('expired');
    expect(TICKET_SURVEY_LIFETIME_MS).toBe(30 * 86_400_000);
  });

  it('says answered once answered, even after the link would have expired', () => {
    const answered = { ...survey, answered_at: solvedAt + 1000 };
    expect(ticketSurveyState(answered, solvedAt + 2000)).toBe('answered');
    expect(ticketSurveyState(answered, survey.expires_at + 1)).toBe('answered');
  });

  it('offers a survey when a ticket first moves into solved, not on a second solve', () => {
    expect(
      offersTicketSurvey({ statusBefore: 'open', statusAfter: 'solved', surveyed: false }),
    ).toBe(true);
    expect(
      offersTicketSurvey({ statusBefore: 'open', statusAfter: 'solved', surveyed: true }),
    ).toBe(false);
    expect(
      offersTicketSurvey({ statusBefore: 'solved', statusAfter: 'solved', surveyed: false }),
    ).toBe(false);
    expect(
      offersTicketSurvey({ statusBefore: 'solved', statusAfter: 'closed', surveyed: false }),
    ).toBe(false);
    expect(
      offersTicketSurvey({ statusBefore: 'new', statusAfter: 'pending', surveyed: false }),
    ).toBe(false);
  });

  it('counts CSAT as the share of 4 and 5 among the answers', () => {
    expect(
      satisfactionOf([
        { rating: 5, n: 2 },
        { rating: 4, n: 1 },
        { rating: 1, n: 1 },
      ]),
    ).toEqual({ rated: 4, csat: 0.75, distribution: { '1': 1, '2': 0, '3': 0, '4': 1, '5': 2 } });
    expect(satisfactionOf([])).toEqual({
      rated: 0,
      csat: null,
      distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 },
    });
  });
});
