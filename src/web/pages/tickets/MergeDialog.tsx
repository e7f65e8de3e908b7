// "Merge into…": the agent names the ticket this one duplicates by its number, sees which ticket
// that is (found through the same visibility as every list, so a ticket they may not see is not
// found), and confirms. The server follows merge chains and refuses what may not be merged
// (closed tickets, other requesters: docs/tickets.md); its answer is shown here. Merged, the page
// moves to the ticket merged into, where the conversation goes on.
import { useState } from 'preact/hooks';
import type { Ticket } from '../../../shared/ticketsApi.js';
import { errorMessage } from '../../api/errorMessage.js';
import { navigate } from '../../app/router.js';
import { useServices } from '../../app/services.js';
import { Alert } from '../../components/Alert.js';
import { Button } from '../../components/Button.js';
import { Dialog } from '../../components/Dialog.js';
import { TextField } from '../../components/Field.js';
import { useSubmission } from '../../hooks/useSubmission.js';
import { showToast } from '../../state/toasts.js';
import { parseTicketRef, ticketHref, ticketNumber } from './ticketLabels.js';

export function MergeDialog({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const { api } = useServices();
  const [ref, setRef] = useState('');
  const [target, setTarget] = useState<Ticket | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [finding, setFinding] = useState(false);
  const { busy, problem, run } = useSubmission(errorMessage);

  const find = async (event: Event) => {
    event.preventDefault();
    setTarget(null);
    setNotFound(null);
    const number = parseTicketRef(ref);
    if (number === null) return setNotFound('Enter a ticket number, such as 1042.');
    if (number === ticket.number) return setNotFound('A ticket cannot be merged into itself.');
    setFinding(true);
    try {
      const found = (await api.tickets.list({ number, limit: 1 })).items[0];
      if (found) setTarget(found);
      else setNotFound(`There is no ticket #${number} you can see.`);
    } catch (failure) {
      setNotFound(errorMessage(failure));
    } finally {
      setFinding(false);
    }
  };

  const merge = () =>
    run(async () => {
      if (!target) return;
      const merged = await api.tickets.merge(ticket.id, target.id);
      showToast(`${ticketNumber(ticket)} merged into ${ticketNumber(merged)}`);
      onClose();
      navigate(ticketHref(merged, false));
    });

  return (
    <Dialog
      title={`Merge ${ticketNumber(ticket)} into another ticket`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" busy={busy} disabled={!target} onClick={merge}>
            Merge
          </Button>
        </>
      }
    >
      <div class="stack">
        <p class="muted">
          This ticket is closed and its conversation moves to the ticket you name. Both keep the
          history of the merge.
        </p>
        <form class="cluster cluster--end merge-find" onSubmit={(e) => void find(e)}>
          <TextField
            label="Ticket number"
            name="target"
            inputMode="numeric"
            autoFocus
            value={ref}
            onValue={(value) => {
              setRef(value);
              setTarget(null);
              setNotFound(null);
            }}
          />
          <Button type="submit" busy={finding}>
            Find
          </Button>
        </form>
        {notFound && <Alert tone="warning">{notFound}</Alert>}
        {target && (
          <p class="merge-target">
            Merge into <strong>{ticketNumber(target)}</strong> “{target.subject}” of{' '}
            {target.requester.name}?
          </p>
        )}
        {problem && <Alert tone="danger">{problem}</Alert>}
      </div>
    </Dialog>
  );
}
