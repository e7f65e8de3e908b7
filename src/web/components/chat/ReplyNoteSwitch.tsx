// The agent composer's Reply / Note switch: a reply goes to the customer, a note only to agents.
// Two toggle buttons (aria-pressed) in a labelled group, so a screen reader says which is on.

export function ReplyNoteSwitch({
  note,
  onChange,
}: {
  note: boolean;
  onChange: (note: boolean) => void;
}) {
  return (
    <div class="composer__modes" role="group" aria-label="Write">
      <button
        type="button"
        class="composer__mode"
        aria-pressed={!note}
        onClick={() => onChange(false)}
      >
        Reply
      </button>
      <button
        type="button"
        class="composer__mode composer__mode--note"
        aria-pressed={note}
        onClick={() => onChange(true)}
      >
        Note
      </button>
    </div>
  );
}
