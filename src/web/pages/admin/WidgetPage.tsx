// Super admins' "Widget" page: the chat widget's colour, corner, greeting, offered topics and the
// sites allowed to embed it, and the snippet to paste into those sites' pages.
import { useEffect, useState } from 'preact/hooks';
import type { WidgetSettings } from '../../../shared/widgetSettingsApi.js';
import { WIDGET_POSITIONS, widgetSnippet } from '../../../shared/widgetSnippet.js';
import { fieldProblem } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Field, TextField } from '../../components/Field.js';
import { Loading } from '../../components/Spinner.js';
import { useAsync } from '../../hooks/useAsync.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { showToast } from '../../state/toasts.js';

const POSITION_LABELS: Record<WidgetSettings['position'], string> = {
  'bottom-right': 'Bottom right',
  'bottom-left': 'Bottom left',
};

export function WidgetPage() {
  const { api } = useServices();
  const saved = useAsync(() => api.widgetSettings.get(), []);
  const topics = useAsync(() => api.topics.list(), []);
  const [draft, setDraft] = useState<WidgetSettings | null>(null);
  const [origins, setOrigins] = useState('');
  const { busy, problem, run } = useSubmission(fieldProblem);

  useEffect(() => {
    if (!saved.data) return;
    setDraft(saved.data);
    setOrigins(saved.data.allowedOrigins.join('\n'));
  }, [saved.data]);

  if (saved.error) return <Alert tone="danger">{saved.error}</Alert>;
  if (!draft) return <Loading label="Reading the widget settings…" />;
  const change = (patch: Partial<WidgetSettings>) => setDraft({ ...draft, ...patch });
  const fieldError = (field: string) => (problem?.field?.startsWith(field) ? problem.text : null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const allowedOrigins = origins
      .split(/[\s,]+/)
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter(Boolean);
    await run(async () => {
      const next = await api.widgetSettings.save({ ...draft, allowedOrigins });
      setDraft(next);
      setOrigins(next.allowedOrigins.join('\n'));
      showToast('Widget settings saved');
    });
  };

  return (
    <div class="page">
      <div class="page-header">
        <h1 class="page-title">Widget</h1>
      </div>
      <form class="card stack" onSubmit={submit} aria-label="Widget settings">
        <TextField
          label="Colour"
          type="color"
          name="color"
          value={draft.color}
          onValue={(color) => change({ color })}
          error={fieldError('color')}
        />
        <Field label="Position" error={fieldError('position')}>
          {(control) => (
            <select
              {...control}
              class="input select"
              name="position"
              value={draft.position}
              onChange={(e) =>
                change({ position: e.currentTarget.value as WidgetSettings['position'] })
              }
            >
              {WIDGET_POSITIONS.map((position) => (
                <option key={position} value={position}>
                  {POSITION_LABELS[position]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Greeting"
          name="greeting"
          maxLength={300}
          value={draft.greeting}
          onValue={(greeting) => change({ greeting })}
          error={fieldError('greeting')}
        />
        {(topics.data?.items.length ?? 0) > 0 && (
          <fieldset class="stack">
            <legend class="field__label">Topics offered (none ticked: all of them)</legend>
            {topics.data!.items.map((topic) => (
              <label key={topic.id} class="cluster">
                <input
                  type="checkbox"
                  checked={draft.topicIds.includes(topic.id)}
                  onChange={(e) =>
                    change({
                      topicIds: e.currentTarget.checked
                        ? [...draft.topicIds, topic.id]
                        : draft.topicIds.filter((id) => id !== topic.id),
                    })
                  }
                />
                {topic.name}
              </label>
            ))}
          </fieldset>
        )}
        <Field
          label="Sites allowed to embed the widget"
          hint="One origin a line, such as https://portal.example.edu"
          error={fieldError('allowedOrigins')}
        >
          {(control) => (
            <textarea
              {...control}
              class="input textarea"
              name="allowedOrigins"
              rows={4}
              value={origins}
              onInput={(e) => setOrigins(e.currentTarget.value)}
            />
          )}
        </Field>
        <label class="cluster">
          <input
            type="checkbox"
            name="requireVerifiedIdentity"
            checked={draft.requireVerifiedIdentity}
            onChange={(e) => change({ requireVerifiedIdentity: e.currentTarget.checked })}
          />
          Accept only signed identities (an SSO token, or the user id with its HMAC)
        </label>
        {problem && !problem.field && <Alert tone="danger">{problem.text}</Alert>}
        <div class="cluster cluster--end">
          <Button type="submit" variant="primary" icon="check" busy={busy}>
            Save
          </Button>
        </div>
      </form>
      <section class="card stack" aria-label="Snippet">
        <h2>Snippet</h2>
        <p class="muted">
          Paste it before <code>&lt;/body&gt;</code> on the pages of the sites above.
        </p>
        <pre class="widget-snippet">
          <code>{widgetSnippet(window.location.origin, draft)}</code>
        </pre>
        <div class="cluster">
          <Button
            icon="checks"
            onClick={() =>
              void navigator.clipboard
                ?.writeText(widgetSnippet(window.location.origin, draft))
                .then(() => showToast('Snippet copied'))
            }
          >
            Copy the snippet
          </Button>
        </div>
      </section>
    </div>
  );
}
