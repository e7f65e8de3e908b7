// The loader's choice on each page of the host, from the tab's two flags.
import { describe, expect, it } from 'vitest';
import { isWidgetMessage, widgetResumption } from './widgetMessages.js';

describe('widgetResumption', () => {
  it('reopens a chat left open, whether or not it is going on', () => {
    expect(widgetResumption(true, true)).toBe('open');
    expect(widgetResumption(true, false)).toBe('open');
  });

  it('makes the widget hidden for a chat going on with the widget closed', () => {
    expect(widgetResumption(false, true)).toBe('hidden');
  });

  it('leaves the launcher alone for a visitor with no chat going on', () => {
    expect(widgetResumption(false, false)).toBeNull();
  });
});

describe('isWidgetMessage', () => {
  it('takes the chat flag message and nothing without the marker', () => {
    expect(isWidgetMessage({ switchboard: 1, type: 'chat', ongoing: true })).toBe(true);
    expect(isWidgetMessage({ type: 'chat', ongoing: true })).toBe(false);
  });
});
