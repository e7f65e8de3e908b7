// A small busy indicator; its label is read to screen readers.

export function Spinner({ label = 'Loading' }: { label?: string }) {
  return <span class="spinner" role="status" aria-label={label} />;
}

/** A whole region that is still loading. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div class="loading">
      <Spinner label={label} />
      <span aria-hidden="true">{label}</span>
    </div>
  );
}
