import { describe, expect, it } from 'vitest';
import type { QuickResponse } from '../../shared/api.js';
import { QuickResponseCatalog } from './quickResponseCatalog.js';

const response = (title: string): QuickResponse => ({
  id: title,
  title,
  content: `${title}!`,
  category: null,
  shortcut: null,
  scope: 'shared',
  shared: true,
  ownerId: null,
  team: null,
  useCount: 0,
  createdAt: '2026-01-01T09:00:00Z',
  updatedAt: '2026-01-01T09:00:00Z',
});

/** A server whose list the test changes, answering each request when the test says so. */
function server() {
  let current: QuickResponse[] = [];
  const pending: Array<() => void> = [];
  return {
    set: (titles: string[]) => (current = titles.map(response)),
    requests: () => pending.length,
    answer: () => pending.shift()!(),
    fail: false,
    load(): Promise<readonly QuickResponse[]> {
      const snapshot = current;
      return new Promise((resolve, reject) =>
        pending.push(() => (this.fail ? reject(new Error('offline')) : resolve(snapshot))),
      );
    },
  };
}

const titles = (catalog: QuickResponseCatalog) => catalog.get().map((r) => r.title);

describe('QuickResponseCatalog', () => {
  it('fetches again when refreshed, and a refresh during a fetch runs once more after it', async () => {
    const desk = server();
    const catalog = new QuickResponseCatalog(() => desk.load());
    desk.set(['Greeting']);
    const first = catalog.refresh();
    desk.set(['Greeting', 'Library hours']);
    void catalog.refresh();
    void catalog.refresh();
    expect(desk.requests()).toBe(1);
    desk.answer();
    await Promise.resolve();
    await Promise.resolve();
    expect(desk.requests()).toBe(1);
    desk.answer();
    await first;
    expect(titles(catalog)).toEqual(['Greeting', 'Library hours']);
  });

  it('keeps the list it has when a refresh fails', async () => {
    const desk = server();
    const catalog = new QuickResponseCatalog(() => desk.load());
    desk.set(['Greeting']);
    const loaded = catalog.refresh();
    desk.answer();
    await loaded;
    desk.fail = true;
    const failed = catalog.refresh();
    desk.answer();
    await failed;
    expect(titles(catalog)).toEqual(['Greeting']);
  });
});

describe('QuickResponseCatalog.recordUse', () => {
  it('counts the use at once and tells the server', async () => {
    const desk = server();
    const told: string[] = [];
    const catalog = new QuickResponseCatalog(
      () => desk.load(),
      async (id) => told.push(id),
    );
    desk.set(['Greeting', 'Fees']);
    const loading = catalog.refresh();
    desk.answer();
    await loading;
    catalog.recordUse('Fees');
    expect(catalog.get().map((r) => [r.title, r.useCount])).toEqual([
      ['Greeting', 0],
      ['Fees', 1],
    ]);
    expect(told).toEqual(['Fees']);
  });
});
