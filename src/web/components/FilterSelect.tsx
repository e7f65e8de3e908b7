// One filter of a filter bar (`form.filters`): a labelled select whose first choice, the empty
// value, means "any". The lists of chats, tickets, accounts and mail all filter this way.
export interface FilterSelectProps<T extends string> {
  label: string;
  value: T | '';
  onChange: (value: T | '') => void;
  /** The label of the empty value ("Any priority"); without it every choice is a value. */
  any?: string;
  /** The choices, as [value, label], in the order shown. */
  options: ReadonlyArray<readonly [T, string]>;
}

export function FilterSelect<T extends string>(props: FilterSelectProps<T>) {
  return (
    <label class="filters__field">
      <span class="filters__label">{props.label}</span>
      <select
        class="input select"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value as T | '')}
      >
        {props.any !== undefined && <option value="">{props.any}</option>}
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Choices from a vocabulary and its labels, e.g. `choices(PRIORITIES, PRIORITY_LABELS)`. */
export function choices<T extends string>(
  values: readonly T[],
  labels: Readonly<Record<T, string>>,
): Array<readonly [T, string]> {
  return values.map((value) => [value, labels[value]] as const);
}
