// Fairness of routing's spread of chats over agents, judged where routing had a choice: chats
// placed onto idle agents while there was room for all of them (the routing scenario's wave).
// The invariants themselves are checked with test/support/routingInvariants.ts, shared with the
// cluster tests.

/**
 * How far the loads are from the fairest possible spread. Routing gives each chat to the agent
 * with the fewest open chats among those with room, so the fairest outcome is water-filling:
 * each agent holds min(max, level) or min(max, level + 1) chats, for the level that places them
 * all. The spread is the largest distance of an agent's open chats from that band: 0 is
 * perfectly fair, 1 means some agent is one chat off.
 */
export function fairnessSpread(agents: Array<{ open: number; max: number }>): number {
  const total = agents.reduce((sum, a) => sum + a.open, 0);
  let level = 0;
  const placed = (l: number) => agents.reduce((sum, a) => sum + Math.min(a.max, l), 0);
  while (placed(level + 1) <= total && level < 1000) level += 1;
  // The chats beyond `level` each go to a different agent with room: fair shares are level or level + 1.
  return agents.reduce((worst, a) => {
    const low = Math.min(a.max, level);
    const high = Math.min(a.max, level + 1);
    const off = a.open < low ? low - a.open : a.open > high ? a.open - high : 0;
    return Math.max(worst, off);
  }, 0);
}
