// The desk's side of collision detection on a ticket's page: says on the socket that this agent
// has the ticket open (and whether they are writing on it), again every
// TICKET_PRESENCE_REFRESH_MS and after every reconnect, and leaves when the page closes; listens
// for the same of colleagues. Answers the colleagues there now.
import { useEffect, useRef, useState } from 'preact/hooks';
import { TICKET_PRESENCE_REFRESH_MS } from '../../../shared/protocol.js';
import { useServices } from '../../app/services.js';
import {
  colleaguesAfter,
  colleaguesAt,
  type Colleague,
  type Colleagues,
} from './ticketPresence.js';

/** How often gone colleagues are swept out of sight between frames. */
const SWEEP_MS = 5_000;

export function useTicketPresence(ticketId: string | null, replying: boolean): Colleague[] {
  const { realtime } = useServices();
  const [colleagues, setColleagues] = useState<Colleagues>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const writing = useRef(replying);
  writing.current = replying;

  useEffect(() => {
    if (!ticketId) return;
    const say = () =>
      realtime.notify({ type: 'ticket.watch', ticketId, replying: writing.current });
    say();
    const refresh = setInterval(say, TICKET_PRESENCE_REFRESH_MS);
    const sweep = setInterval(() => setNow(Date.now()), SWEEP_MS);
    const stops = [
      realtime.onState((state) => {
        if (state === 'connected') say();
      }),
      realtime.on('ticket.presence', (frame) => {
        if (frame.ticketId !== ticketId) return;
        setColleagues((seen) => colleaguesAfter(seen, frame, Date.now()));
        setNow(Date.now());
      }),
    ];
    return () => {
      clearInterval(refresh);
      clearInterval(sweep);
      for (const stop of stops) stop();
      realtime.notify({ type: 'ticket.unwatch', ticketId });
      setColleagues(new Map());
    };
  }, [realtime, ticketId]);

  useEffect(() => {
    if (ticketId) realtime.notify({ type: 'ticket.watch', ticketId, replying });
  }, [replying]);

  return colleaguesAt(colleagues, now);
}
