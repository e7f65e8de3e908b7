// The form on a sign-in card (sign in, forgot and reset password): its fields, what went wrong,
// one wide primary button that is busy while the form is sent, and links below it.
import type { ComponentChildren } from 'preact';
import { Alert } from './Alert.js';
import { Button } from './Button.js';
import { TextField } from './Field.js';

export function SignInCardForm(props: {
  /** Sends the form (the browser's own submission is prevented). */
  onSubmit: () => Promise<void>;
  /** What went wrong the last time, shown above the button. */
  problem: string | null;
  busy: boolean;
  /** The button is disabled until the fields are filled in. */
  ready: boolean;
  submitLabel: string;
  /** The fields. */
  children: ComponentChildren;
  /** Below the button: links to the other sign-in pages. */
  after?: ComponentChildren;
}) {
  const submit = async (event: Event) => {
    event.preventDefault();
    await props.onSubmit();
  };
  return (
    <form class="stack" onSubmit={submit} noValidate>
      {props.children}
      {props.problem && <Alert tone="danger">{props.problem}</Alert>}
      <Button
        type="submit"
        variant="primary"
        busy={props.busy}
        disabled={!props.ready}
        class="btn--block"
      >
        {props.submitLabel}
      </Button>
      {props.after}
    </form>
  );
}

/** The account's email address, filled in as the sign-in name by password managers. */
export function EmailField({
  value,
  onValue,
}: {
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <TextField
      label="Email"
      type="email"
      name="email"
      autocomplete="username"
      required
      value={value}
      onValue={onValue}
    />
  );
}
