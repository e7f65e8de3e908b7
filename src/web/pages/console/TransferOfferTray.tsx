// The transfer offers made to the agent, on every page of theirs: who offers which chat, the
// handover note, the seconds left to answer, and Accept / Decline. Accepting opens the chat in
// the console; an offer whose time has run out goes (the server expires it and says so).
import { useId, useState } from 'preact/hooks';
import type { TransferOffer } from '../../../shared/transfersApi.js';
import { errorMessage } from '../../api/errorMessage.js';
import { ApiError } from '../../api/http.js';
import { useServices } from '../../app/services.js';
import { Button } from '../../components/Button.js';
import { MessageText } from '../../components/chat/MessageText.js';
import { useNow } from '../../hooks/useNow.js';
import { useReadable } from '../../hooks/useReadable.js';
import { showToast } from '../../state/toasts.js';
import { offersTo, secondsLeft, transferOffers, withOffer } from '../../state/transferOffers.js';
import { useAgentDesk } from './AgentDesk.js';

/** Answers that find the offer gone: it is dropped from the tray. */
const GONE = new Set(['TRANSFER_OFFER_CLOSED', 'TRANSFER_OFFER_EXPIRED', 'NOT_FOUND']);

export function TransferOfferTray() {
  const { me } = useServices();
  const now = useNow(1000);
  const offers = offersTo(useReadable(transferOffers), me.id).filter(
    (offer) => secondsLeft(offer, now) > 0,
  );
  return (
    <>
      {/* Always there, so screen readers announce each offer as it comes (not the countdown). */}
      <p class="sr-only" role="status">
        {offers.map((offer) => `${titleOf(offer)}: ${offer.customer.name}. `).join('')}
      </p>
      {offers.length > 0 && (
        <aside class="offer-tray" aria-label="Transfer offers">
          {offers.map((offer) => (
            <OfferCard key={offer.id} offer={offer} left={secondsLeft(offer, now)} />
          ))}
        </aside>
      )}
    </>
  );
}

const titleOf = (offer: TransferOffer) =>
  `${offer.by.name} offers you a chat${offer.by.id === offer.from.id ? '' : ` from ${offer.from.name}`}`;

function OfferCard({ offer, left }: { offer: TransferOffer; left: number }) {
  const { api } = useServices();
  const { reveal, takenByMe } = useAgentDesk();
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const titleId = useId();
  const forget = () => transferOffers.update((list) => list.filter((o) => o.id !== offer.id));

  const answer = async (action: 'accept' | 'decline') => {
    setBusy(action);
    // Marked before the request: the chat's arrival in the Active list must not ring as new work.
    if (action === 'accept') takenByMe.add(offer.sessionId);
    try {
      if (action === 'accept') {
        const session = await api.transferOffers.accept(offer.id);
        forget();
        reveal(session.id);
        showToast(`You have ${offer.customer.name}’s chat`);
      } else {
        const declined = await api.transferOffers.decline(offer.id);
        transferOffers.update((list) => withOffer(list, declined));
      }
    } catch (error) {
      if (action === 'accept') takenByMe.delete(offer.sessionId);
      if (error instanceof ApiError && GONE.has(error.code)) forget();
      showToast(errorMessage(error), 'danger');
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="offer" aria-labelledby={titleId}>
      <h2 class="offer__title" id={titleId}>
        {titleOf(offer)}
      </h2>
      <p class="offer__chat">
        <strong>{offer.customer.name}</strong>
        <span class="offer__subject">{offer.subject}</span>
      </p>
      {offer.note && (
        <div class="offer__note">
          <p class="offer__note-label">Handover note · only agents see this</p>
          <MessageText text={offer.note} />
        </div>
      )}
      <p class="offer__time">{left} s left to answer</p>
      <div class="offer__actions">
        <Button
          size="sm"
          busy={busy === 'decline'}
          disabled={busy !== null}
          onClick={() => answer('decline')}
        >
          Decline
        </Button>
        <Button
          size="sm"
          variant="primary"
          busy={busy === 'accept'}
          disabled={busy !== null}
          onClick={() => answer('accept')}
        >
          Accept
        </Button>
      </div>
    </section>
  );
}
