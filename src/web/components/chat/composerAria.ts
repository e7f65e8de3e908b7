// The ARIA of the composer's text area. For an agent it is a combobox: typing "/" opens the list
// of quick responses (aria-expanded), the arrow keys move its active option
// (aria-activedescendant) while the caret stays in the text. A customer's is a plain text area.
// (Preact's types, like ARIA in HTML, allow only "textbox" on a textarea; a multi-line field
// that suggests is still what the combobox role says, hence the plain record.)
export function composerComboboxProps({
  hasQuickResponses,
  open,
  listId,
  activeOptionId,
}: {
  hasQuickResponses: boolean;
  /** The "/" list is on screen with at least one option. */
  open: boolean;
  listId: string;
  activeOptionId: string | undefined;
}): Record<string, string | boolean | undefined> {
  if (!hasQuickResponses) return {};
  return {
    role: 'combobox',
    'aria-expanded': open,
    'aria-autocomplete': 'list',
    'aria-haspopup': 'listbox',
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? activeOptionId : undefined,
  };
}
