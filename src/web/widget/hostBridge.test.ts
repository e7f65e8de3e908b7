import { describe, expect, it } from 'vitest';
import { hostOriginOf } from './hostBridge.js';

describe('hostOriginOf', () => {
  it('takes the host page origin the loader put in the address', () => {
    expect(hostOriginOf('?host=https%3A%2F%2Fportal.example.edu')).toBe(
      'https://portal.example.edu',
    );
    expect(hostOriginOf('?host=http%3A%2F%2F127.0.0.1%3A8080')).toBe('http://127.0.0.1:8080');
  });

  it('posts to nobody for anything but a bare origin', () => {
    for (const search of [
      '',
      '?host=',
      '?host=*',
      '?host=https%3A%2F%2Fportal.example.edu%2Fpage',
      '?host=https%3A%2F%2Fportal.example.edu%2F',
      '?host=javascript%3Aalert(1)',
      '?host=not a url',
    ]) {
      expect(hostOriginOf(search), search).toBeNull();
    }
  });
});
