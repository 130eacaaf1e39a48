import { MinHeap } from './min-heap.js';

export interface Combination {
  /** One option index per slot. */
  picks: number[];
  cost: number;
}

interface Node extends Combination {
  /** Highest slot whose pick is above 0; successors only raise slots from here on. */
  from: number;
}

/**
 * Best-first enumeration of one option per slot, cheapest total first, given each slot's option
 * costs in ascending order. Raising picks only at or after a node's highest raised slot reaches
 * every combination exactly once, so no visited set is needed; `limit` bounds the work however
 * many combinations exist.
 */
export function* cheapestCombinations(costs: readonly number[][], limit: number): Generator<Combination> {
  const heap = new MinHeap<Node>((a, b) => a.cost < b.cost);
  heap.push({ picks: costs.map(() => 0), cost: costs.reduce((sum, slot) => sum + slot[0], 0), from: 0 });
  for (let produced = 0; produced < limit && heap.size > 0; produced++) {
    const node = heap.pop()!;
    yield { picks: node.picks, cost: node.cost };
    for (let slot = node.from; slot < costs.length; slot++) {
      const next = node.picks[slot] + 1;
      if (next >= costs[slot].length) continue;
      const picks = node.picks.slice();
      picks[slot] = next;
      heap.push({ picks, cost: node.cost + costs[slot][next] - costs[slot][next - 1], from: slot });
    }
  }
}
