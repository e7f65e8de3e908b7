import { describe, expect, it } from 'vitest';
import { isVisitor, visitorName } from './visitors.js';

describe('visitorName', () => {
  it('names a visitor by four digits from the id', () => {
    expect(visitorName('0190a5d0-ac96-774b-bcce-b302099a8057')).toMatch(/^Visitor \d{4}$/);
  });

  it('gives different ids different names, mostly', () => {
    expect(visitorName('0190a5d0-ac96-774b-bcce-b302099a8057')).not.toBe(
      visitorName('0190a5d0-ac96-774b-bcce-b302099a8058'),
    );
  });
});

describe('isVisitor', () => {
  it('is a guest customer only', () => {
    expect(isVisitor({ role: 'user', isGuest: true })).toBe(true);
    expect(isVisitor({ role: 'user', isGuest: false })).toBe(false);
    expect(isVisitor({ role: 'admin', isGuest: true })).toBe(false);
  });
});
