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
  const origin = 'http://chat.example';
  it('only returns to paths on this site, as the browser resolves them', () => {
    expect(safeReturnPath('/console', origin)).toBe('/console');
    expect(safeReturnPath('/history/a b', origin)).toBe('/history/a%20b');
    expect(safeReturnPath('//evil.example', origin)).toBe('/');
    expect(safeReturnPath('https://evil.example', origin)).toBe('/');
    expect(safeReturnPath('/\t/evil.example', origin)).toBe('/');
    expect(safeReturnPath('/.//evil.example', origin)).toBe('/');
    expect(safeReturnPath(null, origin)).toBe('/');
  });
});
