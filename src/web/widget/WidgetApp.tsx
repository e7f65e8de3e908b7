// The chat widget's page, shown in an iframe on another site: signs in as a visitor, then shows
// the Live Chat page's customer chat (start form, the chat, rating) under the widget's header
// (greeting, colour, close), and talks to the loader on the host page (hostBridge.ts).
import { useEffect, useState } from 'preact/hooks';
import type { WidgetCommand } from '../../shared/widgetMessages.js';
import type { PublicWidgetSettings } from '../../shared/widgetSettingsApi.js';
import { errorMessage } from '../api/errorMessage.js';
import { ApiError } from '../api/http.js';
import { matchPath } from '../app/paths.js';
import { navigate, useLocation } from '../app/router.js';
import { ServicesContext } from '../app/services.js';
import { Alert } from '../components/Alert.js';
import { IconButton } from '../components/Button.js';
import { Loading } from '../components/Spinner.js';
import { Toaster } from '../components/Toaster.js';
import { OfferedTopicsContext } from '../components/TopicField.js';
import { useReadable } from '../hooks/useReadable.js';
import { LiveChatPage } from '../pages/live-chat/LiveChatPage.js';
import type { HostBridge } from './hostBridge.js';
import { useHostEvents } from './useHostEvents.js';
import { identify, setAttributes, startVisitor, visitorState, widgetApi } from './visitorSignIn.js';

export function WidgetApp({ host }: { host: HostBridge }) {
  const state = useReadable(visitorState);
  const [settings, setSettings] = useState<PublicWidgetSettings | null>(null);
  const [open, setOpen] = useState(true);

  useEffect(() => {
    void startVisitor();
    widgetApi.widgetSettings.public().then(setSettings, () => undefined);
    const stop = host.listen((command) => void obey(command));
    host.post({ type: 'ready' });
    return stop;
  }, []);

  async function obey(command: WidgetCommand): Promise<void> {
    if (command.type === 'open' || command.type === 'close') {
      setOpen(command.type === 'open');
      return;
    }
    try {
      if (command.type === 'identify')
        await identify('token' in command ? { token: command.token } : command.identity);
      else if (command.type === 'setAttributes') await setAttributes(command.attributes);
    } catch (error) {
      host.post({
        type: 'error',
        command: command.type,
        code: error instanceof ApiError ? error.code : 'ERROR',
        message: errorMessage(error),
      });
    }
  }

  const color = settings?.color;
  return (
    <div class="widget" style={color ? { '--widget-color': color } : undefined}>
      <header class="widget__header">
        <div class="widget__greeting">{settings?.greeting || 'Chat with us'}</div>
        <IconButton
          icon="x"
          label="Close the chat"
          class="widget__close"
          onClick={() => host.post({ type: 'close' })}
        />
      </header>
      <main class="widget__body">
        {state.status === 'starting' && <Loading label="Opening the chat…" />}
        {state.status === 'unreachable' && <Alert tone="danger">{state.problem}</Alert>}
        {state.status === 'ready' && (
          <ServicesContext value={state.services}>
            <OfferedTopicsContext value={settings?.topicIds ?? null}>
              <WidgetChat host={host} open={open} key={state.services.me.id} />
            </OfferedTopicsContext>
          </ServicesContext>
        )}
      </main>
      <Toaster />
    </div>
  );
}

/** The Live Chat page's customer chat, at the widget's own paths (/widget/chat/:id). */
function WidgetChat({ host, open }: { host: HostBridge; open: boolean }) {
  const { path } = useLocation();
  useHostEvents(host, open);
  const chat = matchPath('/chat/:id', path);
  const known = chat !== null || path === '/chat';
  useEffect(() => {
    if (!known) navigate('/chat', { replace: true });
  }, [known]);
  if (chat) return <LiveChatPage key={chat.id} sessionId={chat.id} />;
  return <LiveChatPage />;
}
