import { describe, expect, it } from 'vitest';
import { factsOf, type ChatEvent } from './chatFacts.js';
import { measureChat } from './chatMeasures.js';
import { addChat, chatMetrics, emptyRollup, mergeRollup, utcHourOf } from './chatRollup.js';
import { representativeMs, binOf } from './histogram.js';

const T = Date.UTC(2026, 2, 10, 9, 0, 0);
const s = (seconds: number) => T + seconds * 1000;

const measure = (history: ChatEvent[]) => measureChat(factsOf(history));

describe('chat measures', () => {
  it('measures wait, first response and handle time of a plain chat', () => {
    const m = measure([
      { at: s(0), kind: 'started', teamId: 'sales' },
      { at: s(30), kind: 'assigned', agentId: 'ama' },
      { at: s(40), kind: 'customerMessage' },
      { at: s(90), kind: 'agentMessage' },
      { at: s(600), kind: 'ended' },
      { at: s(610), kind: 'rated', rating: 5 },
    ]);
    expect(m).toEqual({
      waitMs: 30_000,
      firstResponseMs: 60_000,
      handleMs: 570_000,
      abandoned: false,
      unanswered: false,
      transfers: 0,
      rating: 5,
    });
  });

  it('keeps the first response clock running through a transfer', () => {
    const facts = factsOf([
      { at: s(0), kind: 'started', teamId: 'sales' },
      { at: s(10), kind: 'assigned', agentId: 'ama' },
      { at: s(20), kind: 'note' },
      { at: s(100), kind: 'transferred', toAgentId: 'kofi' },
      { at: s(160), kind: 'agentMessage' },
      { at: s(300), kind: 'ended' },
    ]);
    expect(facts.agentId).toBe('kofi');
    expect(measureChat(facts)).toMatchObject({ firstResponseMs: 150_000, transfers: 1 });
  });

  it('measures a requeued and reassigned chat from its first assignment', () => {
    const facts = factsOf([
      { at: s(0), kind: 'started', teamId: 'sales' },
      { at: s(20), kind: 'assigned', agentId: 'ama' },
      { at: s(200), kind: 'requeued' },
      { at: s(260), kind: 'assigned', agentId: 'kofi' },
      { at: s(270), kind: 'agentMessage' },
      { at: s(400), kind: 'ended' },
    ]);
    expect(facts.agentId).toBe('kofi');
    expect(measureChat(facts)).toMatchObject({
      waitMs: 20_000,
      firstResponseMs: 250_000,
      handleMs: 380_000,
      transfers: 0,
    });
  });

  it('gives a chat transferred to a team to that team, unassigned until someone takes it', () => {
    const facts = factsOf([
      { at: s(0), kind: 'started', teamId: 'sales' },
      { at: s(5), kind: 'assigned', agentId: 'ama' },
      { at: s(50), kind: 'transferredToTeam', teamId: 'finance' },
    ]);
    expect(facts).toMatchObject({ teamId: 'finance', agentId: null, transfers: 1 });
    expect(measureChat(facts)).toMatchObject({ handleMs: null, unanswered: false });
  });

  it('calls a chat ended before any assignment abandoned, and one never answered unanswered', () => {
    const abandoned = measure([
      { at: s(0), kind: 'started', teamId: null },
      { at: s(300), kind: 'ended' },
    ]);
    expect(abandoned).toMatchObject({ abandoned: true, unanswered: false, waitMs: null });
    const unanswered = measure([
      { at: s(0), kind: 'started', teamId: null },
      { at: s(10), kind: 'assigned', agentId: 'ama' },
      { at: s(20), kind: 'note' },
      { at: s(300), kind: 'ended' },
    ]);
    expect(unanswered).toMatchObject({ abandoned: false, unanswered: true, firstResponseMs: null });
  });

  it('leaves a chat still waiting neither abandoned nor measured', () => {
    expect(measure([{ at: s(0), kind: 'started', teamId: null }])).toMatchObject({
      waitMs: null,
      abandoned: false,
      unanswered: false,
    });
  });

  it('refuses a history that does not begin with the start', () => {
    expect(() => factsOf([{ at: s(0), kind: 'ended' }])).toThrow();
  });
});

describe('chat rollups', () => {
  const chat = (wait: number, rating: number | null, transfers = 0) => {
    const history: ChatEvent[] = [
      { at: s(0), kind: 'started', teamId: 'sales' },
      { at: s(wait), kind: 'assigned', agentId: 'ama' },
      { at: s(wait + 60), kind: 'agentMessage' },
    ];
    for (let i = 0; i < transfers; i++) {
      history.push({ at: s(wait + 61 + i), kind: 'transferred', toAgentId: `agent${i}` });
    }
    history.push({ at: s(wait + 600), kind: 'ended' });
    if (rating !== null) history.push({ at: s(wait + 601), kind: 'rated', rating });
    return measure(history);
  };

  it('reports CSAT as the share of 4 and 5 among rated chats, and the distribution', () => {
    const rollup = emptyRollup();
    for (const c of [chat(10, 5), chat(20, 4), chat(30, 2), chat(40, null), chat(50, 1, 2)]) {
      addChat(rollup, c);
    }
    const metrics = chatMetrics(rollup);
    expect(metrics.ratings).toEqual({ '1': 1, '2': 1, '3': 0, '4': 1, '5': 1 });
    expect(metrics.csat).toBe(0.5);
    expect(metrics).toMatchObject({ chats: 5, transfers: 2, transferredChats: 1 });
    expect(metrics.wait).toEqual({
      count: 5,
      meanMs: 30_000,
      medianMs: representativeMs(binOf(30_000)),
      p90Ms: representativeMs(binOf(50_000)),
    });
  });

  it('merges rollups into the same metrics as one rollup of all the chats', () => {
    const chats = [chat(5, 5), chat(700, 3), chat(40, null, 1), chat(3_000, 4)];
    const whole = emptyRollup();
    for (const c of chats) addChat(whole, c);
    const morning = emptyRollup();
    const evening = emptyRollup();
    chats.forEach((c, i) => addChat(i % 2 ? evening : morning, c));
    mergeRollup(morning, evening);
    expect(chatMetrics(morning)).toEqual(chatMetrics(whole));
  });

  it('has no CSAT and no durations without chats', () => {
    expect(chatMetrics(emptyRollup())).toMatchObject({
      csat: null,
      wait: { count: 0, meanMs: null, medianMs: null, p90Ms: null },
    });
  });

  it('files a chat under the UTC hour it started in', () => {
    expect(utcHourOf(Date.UTC(2026, 2, 10, 23, 59, 59, 999))).toBe(Date.UTC(2026, 2, 10, 23));
    expect(utcHourOf(Date.UTC(2026, 2, 11, 0))).toBe(Date.UTC(2026, 2, 11, 0));
  });
});
