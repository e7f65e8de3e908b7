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
  scope: 'shared',
  shared: true,
  ownerId: null,
  team: null,
  useCount: 0,
  createdAt: '',
  updatedAt: '',
  ...more,
});

const teamResponse = (title: string, teamId: string, more: Partial<QuickResponse> = {}) =>
  response(title, title, {
    scope: 'team',
    shared: false,
    team: { id: teamId, name: teamId },
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
  const mine = response('My fees', 'y', {
    shortcut: 'fees',
    scope: 'personal',
    shared: false,
    ownerId: 'a',
  });
  const financeFees = teamResponse('Finance fees', 'finance', { shortcut: 'fees' });
  const itFees = teamResponse('IT fees', 'it', { shortcut: 'fees' });

  it('finds the response once its shortcut is followed by a space', () => {
    expect(typedShortcut([shared], '/fees ')).toBe(shared);
    expect(typedShortcut([shared], '/fees')).toBeNull();
    expect(typedShortcut([shared], '/fee ')).toBeNull();
    expect(typedShortcut([shared], 'x /fees ')).toBeNull();
    expect(typedShortcut([shared], '/fees and ')).toBeNull();
  });

  it("prefers the agent's own shortcut to a shared one", () => {
    expect(typedShortcut([shared, mine], '/fees ')).toBe(mine);
    expect(typedShortcut([shared, financeFees, mine], '/fees ', 'finance')).toBe(mine);
  });

  it("prefers the chat's team's shortcut to a shared one, and a shared one to another team's", () => {
    expect(typedShortcut([itFees, shared, financeFees], '/fees ', 'finance')).toBe(financeFees);
    expect(typedShortcut([itFees, shared, financeFees], '/fees ', null)).toBe(shared);
    expect(typedShortcut([itFees, financeFees], '/fees ', 'finance')).toBe(financeFees);
    expect(typedShortcut([itFees], '/fees ', 'finance')).toBe(itFees);
  });
});

describe("the chat's team first", () => {
  const list = [
    response('Fees', 'Shared', { useCount: 5 }),
    teamResponse('Fees for IT', 'it', { useCount: 9 }),
    teamResponse('Fees for Finance', 'finance', { useCount: 1 }),
  ];

  it("lists the chat's team's responses first, then the most used", () => {
    const titles = (teamId: string | null, query = '') =>
      searchQuickResponses(list, query, teamId).map((r) => r.title);
    expect(titles('finance')).toEqual(['Fees for Finance', 'Fees for IT', 'Fees']);
    expect(titles('it')).toEqual(['Fees for IT', 'Fees', 'Fees for Finance']);
    expect(titles(null)).toEqual(['Fees for IT', 'Fees', 'Fees for Finance']);
    // Among equal matches only: a better match stays first.
    expect(titles('finance', 'fees for i')).toEqual(['Fees for IT']);
    expect(titles('finance', 'fees')).toEqual(['Fees for Finance', 'Fees for IT', 'Fees']);
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
