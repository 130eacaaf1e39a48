export interface ResidueOption {
  cost: number;
  /** Contribution to a check-digit sum, modulo 10. */
  residue: number;
}

export interface ResidueChoice {
  /** One option index per group. */
  picks: number[];
  cost: number;
}

/**
 * Picks one option per group so that the residues sum to 0 modulo 10 at the lowest total cost,
 * or returns null when no pick does. Exact: a check digit sum is linear, so ten partial sums
 * summarise everything chosen so far.
 */
export function cheapestZeroResidue(groups: readonly ResidueOption[][]): ResidueChoice | null {
  type State = ResidueChoice | null;
  let states: State[] = Array.from({ length: 10 }, (_, r) => (r === 0 ? { cost: 0, picks: [] } : null));
  for (const group of groups) {
    const next: State[] = Array.from({ length: 10 }, () => null);
    states.forEach((state, residue) => {
      if (!state) return;
      group.forEach((option, pick) => {
        if (!Number.isFinite(option.cost)) return;
        const target = (residue + option.residue) % 10;
        const cost = state.cost + option.cost;
        const current = next[target];
        if (!current || cost < current.cost) next[target] = { cost, picks: [...state.picks, pick] };
      });
    });
    states = next;
  }
  return states[0];
}
