import { describe, expect, it } from 'vitest';
import { sameOriginPath, withTopic } from './sameOriginPath.js';

const origin = 'http://chat.example';

describe('sameOriginPath', () => {
  it('keeps a path on this site, normalised as a browser resolves it', () => {
    expect(sameOriginPath('/', origin)).toBe('/');
    expect(sameOriginPath('', origin)).toBe('/');
    expect(sameOriginPath('/history/abc?view=all#top', origin)).toBe('/history/abc?view=all#top');
    expect(sameOriginPath('/chat/../history', origin)).toBe('/history');
    expect(sameOriginPath('history', origin)).toBe('/history');
    expect(sameOriginPath('http://chat.example/history', origin)).toBe('/history');
    expect(sameOriginPath('/a b/é', origin)).toBe('/a%20b/%C3%A9');
    // Escaped slashes and tabs stay escaped: the browser asks this site for that path.
    expect(sameOriginPath('/%2F%2Fevil.example', origin)).toBe('/%2F%2Fevil.example');
    expect(sameOriginPath('/%09/evil.example', origin)).toBe('/%09/evil.example');
    // The same scheme without slashes is a relative path, for the browser as for the parser.
    expect(sameOriginPath('http:evil.example', origin)).toBe('/evil.example');
  });

  it('refuses whatever a browser would resolve to another site', () => {
    for (const next of [
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\/evil.example',
      '\\\\evil.example',
      // Browsers drop tabs and newlines, and leading spaces, before resolving.
      '/\t/evil.example',
      '/\n/evil.example',
      '\t//evil.example',
      ' //evil.example',
      'https:evil.example',
      'https://evil.example',
      'http://evil.example',
      'http://chat.example@evil.example',
      'http://evil.example\\@chat.example',
      'http://chat.example.evil.example',
      'http://chat.example:8080/',
      'https://chat.example/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'http://[::1',
    ]) {
      expect(sameOriginPath(next, origin), JSON.stringify(next)).toBeNull();
    }
  });

  it('refuses a path that would read as another site once the origin is left off', () => {
    // The parser resolves these to http://chat.example//evil.example, but the redirect sends
    // only the path, and a Location of "//evil.example" is another host.
    expect(sameOriginPath('/.//evil.example', origin)).toBeNull();
    expect(sameOriginPath('/..//evil.example', origin)).toBeNull();
    expect(sameOriginPath('http://chat.example//evil.example', origin)).toBeNull();
  });
});

describe('withTopic', () => {
  it('adds the topic to the query, keeping what the path held', () => {
    expect(withTopic('/', 'fees')).toBe('/?topic=fees');
    expect(withTopic('/history?view=all#top', 'wifi')).toBe('/history?view=all&topic=wifi#top');
  });

  it('leaves a path that names a topic, or when there is none', () => {
    expect(withTopic('/?topic=fees', 'wifi')).toBe('/?topic=fees');
    expect(withTopic('/history', null)).toBe('/history');
  });
});
