// The transfer offers that concern the agent, on whichever page they are: read from the API when
// the desk opens and whenever the link comes back, kept current by `transfer.offer` frames. An
// offer made to them rings (unless muted) and, while the tab is in the background, shows a
// browser notification (unless turned off); the offer tray shows it with Accept / Decline. When
// an offer ends without their doing, a toast says how.
import { useEffect, useRef } from 'preact/hooks';
import type { TransferOffer } from '../../../shared/transfersApi.js';
import { useServices } from '../../app/services.js';
import { playChime } from '../../notify/chime.js';
import { notifyInBackground } from '../../notify/desktopNotifications.js';
import type { NotificationSettings } from '../../state/notificationSettings.js';
import { showToast } from '../../state/toasts.js';
import { offerEndedNotice, transferOffers, withOffer } from '../../state/transferOffers.js';

function announceOffer(settings: NotificationSettings, offer: TransferOffer) {
  const { sound, desktopNotifications } = settings.get();
  if (sound) playChime('offer');
  if (!desktopNotifications) return;
  notifyInBackground(
    `${offer.by.name} offers you ${offer.customer.name}’s chat`,
    offer.note ? `${offer.subject}: ${offer.note}` : offer.subject,
    // Clicking it brings the tab to the front, where the tray shows the offer on every page.
    { tag: `switchboard-offer-${offer.id}` },
  );
}

export function useTransferOffers(settings: NotificationSettings): void {
  const { api, me, realtime } = useServices();
  const latest = useRef(settings);
  latest.current = settings;

  useEffect(() => {
    const load = () =>
      api.transferOffers.list().then(
        ({ items }) => transferOffers.set(items),
        () => undefined,
      );
    void load();
    const stopResume = realtime.onResume(() => void load());
    const stopFrames = realtime.on('transfer.offer', ({ offer }) => {
      const known = transferOffers.get().some((o) => o.id === offer.id);
      transferOffers.update((list) => withOffer(list, offer));
      if (offer.status === 'pending') {
        if (!known && offer.to.id === me.id) {
          announceOffer(latest.current, offer);
        }
        return;
      }
      const notice = offerEndedNotice(offer, me.id);
      if (notice) showToast(notice, 'info');
    });
    return () => {
      stopResume();
      stopFrames();
      transferOffers.set([]);
    };
  }, [api, realtime, me.id]);
}
