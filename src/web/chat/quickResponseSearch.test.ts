import { describe, expect, it } from 'vitest';
import type { QuickResponse } from '../../shared/api.js';
import {
  groupByCategory,
  pickerOrder,
  searchQuickResponses,
  slashQuery,
  typedShortcut,
} from './quickResponseSearch.js';

const response = (
  title: string,
  content: string,
  more: Partial<QuickResponse> = {},
): QuickResponse => ({
  id: title,
  title,
  content,
  category: null,
  shortcut: null,
  shared: true,
  ownerId: null,
  useCount: 0,
  createdAt: '',
  updatedAt: '',
  ...more,
});

const responses = [
  response('Closing', 'Glad I could help. Have a great day!'),
  response('Greeting', 'Hello! How can I help you today?'),
  response('Password reset', 'I have sent a reset link.'),
  response('Reset MFA', 'Your second factor has been reset.'),
];

describe('slashQuery', () => {
  it('finds a search only in a single-line composer that starts with a slash', () => {
    expect(slashQuery('/')).toBe('');
    expect(slashQuery('/pass')).toBe('pass');
    expect(slashQuery('hello /pass')).toBeNull();
    expect(slashQuery('/pass\nmore')).toBeNull();
  });
});

describe('searchQuickResponses', () => {
  it('lists them all for an empty search, the most used first', () => {
    const used = [...responses, response('Fees', 'See the fees page', { useCount: 3 })];
    expect(searchQuickResponses(used, '').map((r) => r.title)).toEqual([
      'Fees',
      'Closing',
      'Greeting',
      'Password reset',
      'Reset MFA',
    ]);
  });

  it('ranks titles that start with the search, then titles containing it, then contents', () => {
    expect(searchQuickResponses(responses, 'reset').map((r) => r.title)).toEqual([
      'Reset MFA',
      'Password reset',
    ]);
    expect(searchQuickResponses(responses, 'HELP').map((r) => r.title)).toEqual([
      'Closing',
      'Greeting',
    ]);
  });

  it('puts the response whose shortcut is typed out first, then shortcuts starting so', () => {
    const withShortcuts = [
      ...responses,
      response('Fee waivers', 'Ask finance', { shortcut: 'fees-waiver' }),
      response('Term fees', 'See the fees page', { shortcut: 'fees' }),
    ];
    expect(searchQuickResponses(withShortcuts, 'fees').map((r) => r.title)).toEqual([
      'Term fees',
      'Fee waivers',
    ]);
  });

  it('puts the most used first among equal matches', () => {
    const used = [
      response('Reset password', 'a'),
      response('Reset MFA', 'b', { useCount: 2 }),
      response('Reset email', 'c', { useCount: 1 }),
    ];
    expect(searchQuickResponses(used, 'reset').map((r) => r.title)).toEqual([
      'Reset MFA',
      'Reset email',
      'Reset password',
    ]);
  });
});

describe('typedShortcut', () => {
  const shared = response('Shared fees', 'x', { shortcut: 'fees' });
  const mine = response('My fees', 'y', { shortcut: 'fees', shared: false, ownerId: 'a' });

  it('finds the response once its shortcut is followed by a space', () => {
    expect(typedShortcut([shared], '/fees ')).toBe(shared);
    expect(typedShortcut([shared], '/fees')).toBeNull();
    expect(typedShortcut([shared], '/fee ')).toBeNull();
    expect(typedShortcut([shared], 'x /fees ')).toBeNull();
    expect(typedShortcut([shared], '/fees and ')).toBeNull();
  });

  it("prefers the agent's own shortcut to a shared one", () => {
    expect(typedShortcut([shared, mine], '/fees ')).toBe(mine);
  });
});

describe('groupByCategory', () => {
  it('groups in the order of the best match of each, without a category last', () => {
    const matches = [
      response('A', 'a', { category: 'Finance' }),
      response('B', 'b'),
      response('C', 'c', { category: 'IT' }),
      response('D', 'd', { category: 'Finance ' }),
    ];
    const groups = groupByCategory(matches);
    expect(groups.map((g) => [g.category, g.responses.map((r) => r.title)])).toEqual([
      ['Finance', ['A', 'D']],
      ['IT', ['C']],
      [null, ['B']],
    ]);
    expect(pickerOrder(groups).map((r) => r.title)).toEqual(['A', 'D', 'C', 'B']);
  });
});
