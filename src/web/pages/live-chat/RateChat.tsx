// After a chat: a 1-5 rating with optional feedback, sent once (POST /sessions/:id/rating), with
// the desk's survey questions (1-5 each, optional: POST /sessions/:id/survey); once given, the
// rating is shown instead.
import { useState } from 'preact/hooks';
import type { Session } from '../../../shared/api.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { RATING_WORDS, RatingFields } from '../../components/RatingFields.js';
import { Stars } from '../../components/Stars.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useSubmission } from '../../hooks/useSubmission.js';

export function RateChat({ session }: { session: Session }) {
  const { api } = useServices();
  const [rating, setRating] = useState(0);
  const [feedback, setFeedback] = useState('');
  const [answers, setAnswers] = useState<Record<string, number>>({});
  /** The answers went (a retry after a failed rating does not send them twice). */
  const [answersSent, setAnswersSent] = useState(false);
  const questions = useAsync(
    async () => (session.rating === null ? (await api.surveys.questions()).items : []),
    [session.id],
  );
  const { busy, problem, run } = useSubmission(errorMessage);

  if (session.rating !== null) {
    return (
      <div class="rating rating--done" role="status">
        <p class="rating__title">Thank you for your feedback</p>
        <Stars rating={session.rating} />
        {session.feedback && <q class="rating__feedback">{session.feedback}</q>}
      </div>
    );
  }

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!rating) return;
    const answered = (questions.data ?? [])
      .filter((question) => answers[question.id])
      .map((question) => ({ questionId: question.id, value: answers[question.id]! }));
    await run(async () => {
      // The answers first: once rated, the chat shows its thanks instead of this form.
      if (answered.length > 0 && !answersSent) {
        await api.surveys.answer(session.id, { answers: answered });
        setAnswersSent(true);
      }
      await api.sessions.rate(session.id, rating, feedback.trim() || undefined);
    });
  };

  return (
    <form class="rating stack" onSubmit={submit}>
      <RatingFields
        question={`How was your chat${session.agent ? ` with ${session.agent.name}` : ''}?`}
        rating={rating}
        onRating={setRating}
        comment={feedback}
        onComment={setFeedback}
      />
      {questions.data?.map((question) => (
        <Field key={question.id} label={question.text} optional>
          {(control) => (
            <select
              {...control}
              class="input select"
              value={answers[question.id] ?? ''}
              onChange={(e) =>
                setAnswers({ ...answers, [question.id]: Number(e.currentTarget.value) })
              }
            >
              <option value="">No answer</option>
              {RATING_WORDS.map((word, index) => (
                <option key={word} value={index + 1}>
                  {index + 1} of 5, {word}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      {problem && <Alert tone="danger">{problem}</Alert>}
      <div class="cluster cluster--end">
        <Button type="submit" variant="primary" busy={busy} disabled={!rating}>
          Send rating
        </Button>
      </div>
    </form>
  );
}
