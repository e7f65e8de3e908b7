import { describe, expect, it } from 'vitest';
import {
  chatFiltersOf,
  filterChoices,
  rangeOf,
  readFilters,
  writeFilters,
} from './reportFilters.js';

// A Wednesday afternoon on the browser's clock.
const now = new Date(2026, 2, 18, 15, 30);
const read = (query: string) => readFilters(new URLSearchParams(query), now);

describe('the report filters in the address', () => {
  it('defaults to the last 7 days of every chat', () => {
    expect(read('')).toEqual({
      range: '7d',
      from: '2026-03-18',
      to: '2026-03-18',
      teamId: '',
      agentId: '',
      topicId: '',
      priority: '',
    });
    expect(read('priority=critical').priority).toBe('');
    expect(read('range=yesterday&from=03/01/2026').range).toBe('7d');
    expect(read('range=yesterday&from=03/01/2026').from).toBe('2026-03-18');
  });

  it('writes only what differs from the default, and reads back what it wrote', () => {
    expect(writeFilters(read('')).toString()).toBe('');
    const custom = read('range=custom&from=2026-02-01&to=2026-02-28&team=t1');
    expect(custom).toMatchObject({
      range: 'custom',
      from: '2026-02-01',
      to: '2026-02-28',
      teamId: 't1',
    });
    expect(readFilters(writeFilters(custom), now)).toEqual(custom);
    // A preset keeps no days: the link means "the last 30 days" whenever it is opened.
    expect(writeFilters({ ...custom, range: '30d' }).toString()).toBe('range=30d&team=t1');
  });

  it('keeps the agent, topic and priority, and sends them to every chat section', () => {
    const filtered = read('team=t1&agent=a1&topic=p1&priority=high');
    expect(filtered).toMatchObject({ agentId: 'a1', topicId: 'p1', priority: 'high' });
    expect(writeFilters(filtered).toString()).toBe('team=t1&agent=a1&topic=p1&priority=high');
    expect(readFilters(writeFilters(filtered), now)).toEqual(filtered);
    expect(chatFiltersOf(filtered)).toEqual({
      teamId: 't1',
      agentId: 'a1',
      topicId: 'p1',
      priority: 'high',
    });
    expect(chatFiltersOf(read(''))).toEqual({
      teamId: undefined,
      agentId: undefined,
      topicId: undefined,
      priority: undefined,
    });
  });
});

describe('the agents and topics offered', () => {
  const person = (id: string, name: string) => ({ agent: { id, name }, isLead: false });
  const teams = [
    { id: 'fin', members: [person('ama', 'Ama'), person('esi', 'Esi')] },
    { id: 'it', members: [person('kofi', 'Kofi'), person('esi', 'Esi')] },
  ];
  const topics = [
    { id: 'wifi', name: 'Wifi', team: { id: 'it', name: 'IT' } },
    { id: 'fees', name: 'Fees', team: { id: 'fin', name: 'Finance' } },
    { id: 'misc', name: 'Anything', team: null },
  ];

  it('offers those of every team listed, each once and by name', () => {
    expect(filterChoices(teams, topics, '', true)).toEqual({
      agents: [
        ['ama', 'Ama'],
        ['esi', 'Esi'],
        ['kofi', 'Kofi'],
      ],
      topics: [
        ['misc', 'Anything'],
        ['fees', 'Fees'],
        ['wifi', 'Wifi'],
      ],
    });
  });

  it('offers a lead no topic of no team, and a chosen team only its own', () => {
    expect(filterChoices(teams.slice(0, 1), topics, '', false).topics).toEqual([['fees', 'Fees']]);
    expect(filterChoices(teams, topics, 'it', true)).toEqual({
      agents: [
        ['esi', 'Esi'],
        ['kofi', 'Kofi'],
      ],
      topics: [['wifi', 'Wifi']],
    });
  });
});

describe('the range a choice covers', () => {
  it('counts today and the days before it, or the month from its first day, up to now', () => {
    expect(rangeOf(read(''), now)).toEqual({ from: new Date(2026, 2, 12), to: now });
    expect(rangeOf(read('range=30d'), now)).toEqual({ from: new Date(2026, 1, 17), to: now });
    expect(rangeOf(read('range=month'), now)).toEqual({ from: new Date(2026, 2, 1), to: now });
  });

  it('counts both days of a custom range whole, across a month end', () => {
    expect(rangeOf(read('range=custom&from=2026-01-31&to=2026-02-28'), now)).toEqual({
      from: new Date(2026, 0, 31),
      to: new Date(2026, 2, 1),
    });
    expect(rangeOf(read('range=custom&from=2026-02-03&to=2026-02-03'), now)).toEqual({
      from: new Date(2026, 1, 3),
      to: new Date(2026, 1, 4),
    });
  });

  it('has no range for a custom one that ends before it starts', () => {
    expect(rangeOf(read('range=custom&from=2026-02-03&to=2026-02-02'), now)).toBeNull();
  });
});
