// Super admins hear live, on whichever page they are, that an agent who stayed gone had their
// chats put back in the queue: a toast for each `chats.requeued` frame.
import { useEffect } from 'preact/hooks';
import { useServices } from '../../app/services.js';
import { showToast } from '../../state/toasts.js';
import { requeueAlertText } from './requeueAlert.js';

export function useRequeueAlerts(): void {
  const { me, realtime } = useServices();
  useEffect(() => {
    if (me.role !== 'super_admin') return;
    return realtime.on('chats.requeued', (frame) => showToast(requeueAlertText(frame), 'info'));
  }, [me.role, realtime]);
}
