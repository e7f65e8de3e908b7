// Super admins set the (at most three) questions asked after a chat, each answered 1 to 5, on
// the Reports page. A question cleared is no longer asked; its answers still count.
import { useEffect, useState } from 'preact/hooks';
import { MAX_SURVEY_QUESTIONS, SURVEY_QUESTION_LENGTH } from '../../../shared/vocabulary.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Field } from '../../components/Field.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useSubmission } from '../../hooks/useSubmission.js';

interface Draft {
  id?: string;
  text: string;
}

const slots = (questions: Draft[]): Draft[] =>
  Array.from({ length: MAX_SURVEY_QUESTIONS }, (_, i) => questions[i] ?? { text: '' });

export function SurveyQuestionsEditor() {
  const { api } = useServices();
  const loaded = useAsync(() => api.surveys.questions(), [api]);
  /** Null until the saved questions arrive: a field typed in earlier would be overwritten. */
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, problem, run } = useSubmission(errorMessage);
  useEffect(() => {
    if (loaded.data) setDrafts(slots(loaded.data.items));
  }, [loaded.data]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    if (!drafts) return;
    const questions = drafts
      .filter((draft) => draft.text.trim())
      .map((draft) => ({ ...(draft.id ? { id: draft.id } : {}), text: draft.text.trim() }));
    await run(async () => {
      const { items } = await api.surveys.setQuestions({ questions });
      setDrafts(slots(items));
      setSaved(true);
    });
  };

  return (
    <section class="report-section" aria-labelledby="survey-questions">
      <h2 id="survey-questions" class="report-section__title">
        Survey questions
      </h2>
      <form class="stack" onSubmit={submit}>
        <p class="report-note">
          Asked after a chat with the rating, each answered from 1 to 5. Clear one to stop asking
          it; its answers still count.
        </p>
        {loaded.error && <Alert tone="danger">{loaded.error}</Alert>}
        {!drafts && !loaded.error && <Loading label="Reading the survey questions…" />}
        {drafts?.map((draft, i) => (
          <Field key={i} label={`Question ${i + 1}`} optional>
            {(control) => (
              <input
                {...control}
                class="input"
                maxLength={SURVEY_QUESTION_LENGTH}
                value={draft.text}
                onInput={(e) => {
                  const text = e.currentTarget.value;
                  setDrafts(drafts.map((d, j) => (j === i ? { ...d, text } : d)));
                }}
              />
            )}
          </Field>
        ))}
        {problem && <Alert tone="danger">{problem}</Alert>}
        {saved && <Alert tone="success">Survey questions saved.</Alert>}
        <div class="cluster cluster--end">
          <Button type="submit" variant="primary" busy={busy} disabled={!drafts}>
            Save questions
          </Button>
        </div>
      </form>
    </section>
  );
}
