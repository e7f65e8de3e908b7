import { describe, expect, it } from 'vitest';
import type { QuickResponse } from '../../shared/api.js';
import { searchQuickResponses, slashQuery } from './quickResponseSearch.js';

const response = (title: string, content: string): QuickResponse => ({
  id: title,
  title,
  content,
  shared: true,
  ownerId: null,
  createdAt: '',
  updatedAt: '',
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
  it('lists them all for an empty search', () => {
    expect(searchQuickResponses(responses, '')).toHaveLength(4);
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
});
