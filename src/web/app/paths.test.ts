import { describe, expect, it } from 'vitest';
import { matchPath, safeReturnPath } from './paths.js';

describe('matchPath', () => {
  it('matches fixed segments and captures named ones', () => {
    expect(matchPath('/console', '/console')).toEqual({});
    expect(matchPath('/console', '/console/')).toEqual({});
    expect(matchPath('/history/:id', '/history/abc%20d')).toEqual({ id: 'abc d' });
    expect(matchPath('/history/:id', '/history')).toBeNull();
    expect(matchPath('/history/:id', '/chats/1')).toBeNull();
  });
});

describe('safeReturnPath', () => {
  it('only returns to paths on this site', () => {
    expect(safeReturnPath('/console')).toBe('/console');
    expect(safeReturnPath('//evil.example')).toBe('/');
    expect(safeReturnPath('https://evil.example')).toBe('/');
    expect(safeReturnPath(null)).toBe('/');
  });
});
