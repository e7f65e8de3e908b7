import { describe, expect, it } from 'vitest';
import {
  chatsReturnAt,
  shouldReturnChats,
  shouldSetAway,
  type AgentPresence,
} from './strandedChats.js';

const GRACE = 60_000;
const DELAY = 120_000;
const T = 1_000_000;

const online: AgentPresence = {
  status: 'online',
  awayReason: null,
  statusChangedAt: T,
  lastDisconnectedAt: null,
  connected: true,
  listedOnANode: true,
};

/** Set away by the sweep at `T + GRACE` after losing their last socket at `T`. */
const setAwayForLostConnection: AgentPresence = {
  status: 'away',
  awayReason: 'disconnected',
  statusChangedAt: T + GRACE,
  lastDisconnectedAt: T,
  connected: false,
  listedOnANode: false,
};

describe('shouldSetAway', () => {
  it('sets away an agent whose last socket has been gone for the grace period', () => {
    const gone = {
      ...online,
      connected: false,
      listedOnANode: false,
      lastDisconnectedAt: T + 5_000,
    };
    expect(shouldSetAway(gone, T + 5_000 + GRACE - 1, GRACE)).toBe(false);
    expect(shouldSetAway(gone, T + 5_000 + GRACE, GRACE)).toBe(true);
    expect(shouldSetAway({ ...gone, status: 'busy' }, T + 5_000 + GRACE, GRACE)).toBe(true);
  });

  it('keeps a connected agent, however long ago a socket of theirs closed', () => {
    expect(shouldSetAway({ ...online, lastDisconnectedAt: T }, T + 10 * GRACE, GRACE)).toBe(false);
  });

  it('treats an agent who went online and never connected as disconnected since then', () => {
    const neverConnected = { ...online, connected: false, listedOnANode: false };
    expect(shouldSetAway(neverConnected, T + GRACE - 1, GRACE)).toBe(false);
    expect(shouldSetAway(neverConnected, T + GRACE, GRACE)).toBe(true);
  });

  it('waits for a dead node holding their socket to be forgotten, which dates their leaving', () => {
    const onDeadNode = { ...online, connected: false };
    expect(shouldSetAway(onDeadNode, T + 10 * GRACE, GRACE)).toBe(false);
  });

  it('counts the grace from going online when their last socket closed before that', () => {
    const closedYesterday = {
      ...online,
      connected: false,
      listedOnANode: false,
      lastDisconnectedAt: T - 86_400_000,
    };
    expect(shouldSetAway(closedYesterday, T + GRACE - 1, GRACE)).toBe(false);
    expect(shouldSetAway(closedYesterday, T + GRACE, GRACE)).toBe(true);
  });

  it('leaves agents who are already away or offline alone', () => {
    const gone = { ...online, connected: false, listedOnANode: false };
    expect(shouldSetAway({ ...gone, status: 'away' }, T + 10 * GRACE, GRACE)).toBe(false);
    expect(shouldSetAway({ ...gone, status: 'offline' }, T + 10 * GRACE, GRACE)).toBe(false);
  });
});

describe('shouldReturnChats', () => {
  it('returns the chats of an agent set away for a lost connection once the delay is over', () => {
    const due = T + GRACE + DELAY;
    expect(chatsReturnAt(setAwayForLostConnection, DELAY)).toBe(due);
    expect(shouldReturnChats(setAwayForLostConnection, due - 1, DELAY)).toBe(false);
    expect(shouldReturnChats(setAwayForLostConnection, due, DELAY)).toBe(true);
  });

  it('returns them after the delay from signing out of the last sign-in', () => {
    const signedOut: AgentPresence = {
      ...setAwayForLostConnection,
      awayReason: 'signed_out',
      statusChangedAt: T,
      lastDisconnectedAt: T + 20,
    };
    expect(chatsReturnAt(signedOut, DELAY)).toBe(T + 20 + DELAY);
  });

  it('keeps the chats of an agent who reconnected, and restarts the delay when they leave again', () => {
    const back = { ...setAwayForLostConnection, connected: true, lastDisconnectedAt: null };
    expect(shouldReturnChats(back, T + 100 * DELAY, DELAY)).toBe(false);
    const leftAgain = { ...setAwayForLostConnection, lastDisconnectedAt: T + GRACE + 90_000 };
    expect(chatsReturnAt(leftAgain, DELAY)).toBe(T + GRACE + 90_000 + DELAY);
  });

  it('keeps the chats of an agent who chose their status, or is back online', () => {
    const chose = { ...setAwayForLostConnection, awayReason: null };
    expect(shouldReturnChats(chose, T + 100 * DELAY, DELAY)).toBe(false);
    const online = { ...setAwayForLostConnection, status: 'online' as const };
    expect(shouldReturnChats(online, T + 100 * DELAY, DELAY)).toBe(false);
  });

  it('also returns them for an agent set offline after being set away', () => {
    const offline = { ...setAwayForLostConnection, status: 'offline' as const };
    expect(shouldReturnChats(offline, T + GRACE + DELAY, DELAY)).toBe(true);
  });

  it('never returns them when the deployment disabled it (delay 0)', () => {
    expect(chatsReturnAt(setAwayForLostConnection, 0)).toBeNull();
    expect(shouldReturnChats(setAwayForLostConnection, T + 100 * DELAY, 0)).toBe(false);
  });
});
