// Joins the truthy class names: cx('btn', busy && 'btn--busy').

export const cx = (...names: Array<string | false | null | undefined>): string =>
  names.filter(Boolean).join(' ');
