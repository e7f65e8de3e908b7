// What a chat window says of its transfers: the handover note the transfer that brought the chat
// left for its agent (above the conversation), and, while the chat is offered to another agent,
// who it is offered to, the time left to answer, and a way to withdraw the offer.
import { useState } from 'preact/hooks';
import type { Message } from '../../../shared/api.js';
import type { TransferOffer } from '../../../shared/transfersApi.js';
import { errorMessage } from '../../api/errorMessage.js';
import { useServices } from '../../app/services.js';
import { useNow } from '../../hooks/useNow.js';
import { showToast } from '../../state/toasts.js';
import { secondsLeft, transferOffers, withOffer } from '../../state/transferOffers.js';
import { Button } from '../Button.js';
import { MessageText } from './MessageText.js';

/** The internal note the transfer left for the agent who now has the chat, above the conversation. */
export function HandoverNote({ note }: { note: Message }) {
  return (
    <aside class="handover-note" aria-label="Handover note">
      <p class="handover-note__label">
        Handover note{note.sender && ` from ${note.sender.name}`} · only agents see this
      </p>
      <div class="handover-note__text">
        <MessageText text={note.text} />
      </div>
    </aside>
  );
}

/** The chat is offered to another agent: who, the time left to answer, and Withdraw. */
export function OfferPending({ offer }: { offer: TransferOffer }) {
  const { api } = useServices();
  const now = useNow(1000);
  const [busy, setBusy] = useState(false);
  const left = secondsLeft(offer, now);
  const withdraw = async () => {
    setBusy(true);
    try {
      const ended = await api.transferOffers.withdraw(offer.id);
      transferOffers.update((list) => withOffer(list, ended));
      showToast(`Offer to ${offer.to.name} withdrawn`);
    } catch (error) {
      showToast(errorMessage(error), 'danger');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="offer-pending">
      <p>
        Offered to <strong>{offer.to.name}</strong>, waiting for their answer
        {left > 0 ? ` (${left} s left)` : ''}. The chat stays with {offer.from.name} until they
        accept.
      </p>
      <Button size="sm" busy={busy} onClick={withdraw}>
        Withdraw offer
      </Button>
    </div>
  );
}
