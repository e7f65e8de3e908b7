// The page a ticket survey mail's link opens (/ticket-survey?token=…), signed in or not: the
// request's number and subject, then 1 to 5 stars and a comment, sent once. Nothing is spent on
// load (mail scanners open links by themselves); a used or expired link says so.
import { useState } from 'preact/hooks';
import { formatTicketNumber } from '../../../domain/tickets/ticketNumber.js';
import type { TicketSurvey } from '../../../shared/ticketSurveysApi.js';
import { ApiError } from '../../api/http.js';
import { errorMessage } from '../../api/errorMessage.js';
import { publicApi } from '../../app/signIn.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { RatingFields } from '../../components/RatingFields.js';
import { SignInCard } from '../../components/SignInCard.js';
import { Loading } from '../../components/Spinner.js';
import { Stars } from '../../components/Stars.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useSubmission } from '../../hooks/useSubmission.js';

const PROBLEMS: Record<string, string> = {
  NOT_FOUND: 'This link does not work: it may have been cut short when it was copied.',
  SURVEY_ALREADY_ANSWERED: 'This survey was answered already. Thank you!',
  SURVEY_EXPIRED: 'This survey link is too old to answer now.',
  RATE_LIMITED: 'Too many tries from here. Please wait a while and try again.',
};
const surveyProblem = (error: unknown) =>
  error instanceof ApiError ? (PROBLEMS[error.code] ?? error.message) : errorMessage(error);

export function TicketSurveyPage({ token }: { token: string | null }) {
  // The reason in the page's words (useAsync keeps a failure's message only).
  const survey = useAsync(
    () =>
      token
        ? publicApi.ticketSurveys.read(token).catch((failure: unknown) => {
            throw new Error(surveyProblem(failure));
          })
        : Promise.resolve(null),
    [token],
  );
  const [answered, setAnswered] = useState<TicketSurvey | null>(null);
  const shown = answered ?? survey.data;
  const title = shown
    ? `${formatTicketNumber(shown.ticket.number)} ${shown.ticket.subject}`
    : 'Your request';
  return (
    <SignInCard title="How did we do?" subtitle={title}>
      {!token ? (
        <Alert tone="danger">This link is incomplete. Open the link from the mail again.</Alert>
      ) : survey.error ? (
        <Alert tone="danger">{survey.error}</Alert>
      ) : !shown ? (
        <Loading label="Opening the survey…" />
      ) : shown.state === 'answered' && shown.answer ? (
        <div class="rating rating--done" role="status">
          <p class="rating__title">Thank you for your feedback</p>
          <Stars rating={shown.answer.rating} />
          {shown.answer.comment && <q class="rating__feedback">{shown.answer.comment}</q>}
        </div>
      ) : shown.state === 'expired' ? (
        <Alert tone="info">{PROBLEMS.SURVEY_EXPIRED}</Alert>
      ) : (
        <SurveyForm token={token} survey={shown} onAnswered={setAnswered} />
      )}
    </SignInCard>
  );
}

function SurveyForm(props: {
  token: string;
  survey: TicketSurvey;
  onAnswered: (survey: TicketSurvey) => void;
}) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const { busy, problem, run } = useSubmission(surveyProblem);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!rating) return;
    await run(async () => {
      const body = { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      props.onAnswered(await publicApi.ticketSurveys.answer(props.token, body));
    });
  };

  return (
    <form class="rating stack" onSubmit={submit}>
      <RatingFields
        question="How well did we help with your request?"
        rating={rating}
        onRating={setRating}
        comment={comment}
        onComment={setComment}
        commentRows={3}
      />
      {problem && <Alert tone="danger">{problem}</Alert>}
      <Button type="submit" variant="primary" busy={busy} disabled={!rating} class="btn--block">
        Send my rating
      </Button>
    </form>
  );
}
