// Follows one ticket's feed on the socket while its page is open (docs/protocol.md, "A ticket's
// feed"): subscribes now and after every reconnect, unsubscribes when the page closes. Its frames
// are the ticket's own `ticket.updated` and `ticket.message` (notes for the desk only), which
// useTicket refetches on; when the server ends the feed (the viewer lost the ticket, or could
// not be checked), the page is loaded again, which says so or subscribes anew.
import { useEffect, useRef } from 'preact/hooks';
import { useServices } from '../../app/services.js';

export function useTicketFeed(ticketId: string | null, onEnded: () => void): void {
  const { realtime } = useServices();
  const ended = useRef(onEnded);
  ended.current = onEnded;

  useEffect(() => {
    if (!ticketId) return;
    const subscribe = () => realtime.notify({ type: 'ticket.subscribe', ticketId });
    subscribe();
    const stops = [
      realtime.onState((state) => {
        if (state === 'connected') subscribe();
      }),
      realtime.on('ticket.unsubscribed', (frame) => {
        // Our own unsubscribe carries no reason and comes after this page is gone.
        if (frame.ticketId !== ticketId || frame.ref) return;
        ended.current();
      }),
    ];
    return () => {
      for (const stop of stops) stop();
      realtime.notify({ type: 'ticket.unsubscribe', ticketId });
    };
  }, [realtime, ticketId]);
}
