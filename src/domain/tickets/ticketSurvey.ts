// The rules of the survey a ticket's requester gets once it is solved: when one is offered, how
// long its link works, what state a presented link is in, and what its answers add up to.

/** A survey link works 30 days after the solve: long enough for a reply after a holiday. */
export const TICKET_SURVEY_LIFETIME_MS = 30 * 24 * 3_600_000;

/**
 * Reading and answering surveys, per client address: a person opens their link and answers it
 * a few times at most, a script guessing links is slowed (the token is 256 random bits anyway).
 */
export const TICKET_SURVEY_LIMITS = { perClient: 60, windowMs: 3_600_000 };

export type TicketSurveyState = 'open' | 'answered' | 'expired';

/** Answered wins over expired: a link answered in time says so after its expiry too. */
export function ticketSurveyState(
  survey: { expires_at: number; answered_at: number | null },
  now: number,
): TicketSurveyState {
  if (survey.answered_at !== null) return 'answered';
  return survey.expires_at > now ? 'open' : 'expired';
}

/**
 * A survey is offered when a ticket moves into solved and it never had one. **Decision**: a
 * ticket reopened and solved again is not surveyed a second time (the requester was asked once
 * about this request; a second mail reads as nagging, and the first answer, attributed to who
 * solved it first, still stands). A follow-up is a new ticket, with its own survey.
 */
export function offersTicketSurvey(props: {
  statusBefore: string;
  statusAfter: string;
  surveyed: boolean;
}): boolean {
  return props.statusAfter === 'solved' && props.statusBefore !== 'solved' && !props.surveyed;
}

export type RatingCounts = Record<'1' | '2' | '3' | '4' | '5', number>;

export interface Satisfaction {
  /** Answers counted. */
  rated: number;
  /** Share of 4 and 5 among them, 0 to 1; null when none. */
  csat: number | null;
  distribution: RatingCounts;
}

/** The satisfaction figures from answer counts per rating (ratings outside 1-5 are ignored). */
export function satisfactionOf(counts: ReadonlyArray<{ rating: number; n: number }>): Satisfaction {
  const distribution: RatingCounts = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  for (const { rating, n } of counts) {
    const key = String(rating) as keyof RatingCounts;
    if (key in distribution) distribution[key] += n;
  }
  const rated = Object.values(distribution).reduce((sum, n) => sum + n, 0);
  const happy = distribution['4'] + distribution['5'];
  return { rated, csat: rated === 0 ? null : happy / rated, distribution };
}
