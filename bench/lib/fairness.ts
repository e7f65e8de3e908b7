// Fairness of routing's final spread of chats over agents (the invariants themselves are
// checked with test/support/routingInvariants.ts, shared with the cluster tests).

/**
 * How far the final loads are from the fairest possible spread: water-filling gives each agent
 * min(max, level) for the level that places the same number of chats; the spread is the largest
 * difference between an agent's open chats and that fair share.
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
