import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage.js';
import { loadDraft, saveDraft, type DraftStorage } from './drafts.js';

describe('drafts', () => {
  it('keeps a draft per chat and per person', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'ama', 's1', 'Hello, I am looking');
    saveDraft(storage, 'ama', 's2', 'Your card is ready');
    expect(loadDraft(storage, 'ama', 's1')).toBe('Hello, I am looking');
    expect(loadDraft(storage, 'ama', 's2')).toBe('Your card is ready');
    expect(loadDraft(storage, 'kofi', 's1')).toBe('');
  });

  it('keeps line breaks and spaces exactly as typed', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'ama', 's1', '  first\n\n- item  ');
    expect(loadDraft(storage, 'ama', 's1')).toBe('  first\n\n- item  ');
  });

  it('forgets a draft that is emptied (as on send)', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'ama', 's1', 'Hello');
    saveDraft(storage, 'ama', 's1', '');
    expect(loadDraft(storage, 'ama', 's1')).toBe('');
    saveDraft(storage, 'ama', 's1', '   \n');
    expect(storage.data.size).toBe(0);
  });

  it('gives an empty draft when storage is missing or throws', () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(() => saveDraft(broken, 'ama', 's1', 'x')).not.toThrow();
    expect(loadDraft(broken, 'ama', 's1')).toBe('');
    expect(loadDraft(null, 'ama', 's1')).toBe('');
  });
});
