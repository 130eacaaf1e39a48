import {
  charValue,
  checkBlindLookalikes,
  fitsClass,
  isDigit,
  strictTwin,
  unseenFontLookalikes,
} from './alphabet.js';
import { MrzShapeError } from './errors.js';
import { fieldCheckHolds } from './field-checks.js';
import type { CheckedField, FormatTable, Position } from './formats/field-table.js';
import { layoutOf, rangePositions, type PositionRole } from './formats/layout.js';
import { FORMAT_TABLES, formatForDocumentCode, formatsForShape } from './formats/registry.js';
import { cheapestCombinations } from './correction/cheapest-combinations.js';
import { positionOptions, type LineCandidates, type Option } from './correction/options.js';
import { cheapestZeroResidue, type ResidueOption } from './correction/residue-choice.js';
import { isKnownCountryCode } from './country-codes.js';
import { parseMrz, type ParseOptions } from './parse.js';
import type { ParsedMrz } from './types.js';

export interface CorrectionResult {
  lines: string[];
  parsed: ParsedMrz;
  /** Geometric mean of the chosen characters' probabilities. */
  confidence: number;
  /** Where the chosen character differs from the position's top candidate. */
  changedPositions: Array<{ line: number; index: number; from: string; to: string }>;
  /**
   * Lowest probability among chosen characters that no check digit vouches for: those outside
   * every checked range (names, codes, sex, nationality, visa optional data), and checked ones
   * whose position also had a fitting candidate of the same check value modulo 10 (such as '<'
   * and 'K', '6' and 'G'), which the 7-3-1 sum cannot tell apart. 1 when there is none.
   */
  weakestUnprotected: number;
  /**
   * Lowest probability among checked characters with a look-alike of the same check value that
   * fits the position (M and W in a document number; see checkBlindLookalikes), offered by the
   * recogniser or not: the check digit is blind to exactly the confusion a font the recogniser
   * never saw is likeliest to cause. 1 when there is none.
   */
  weakestCheckBlind: number;
  /**
   * Lowest probability among unchecked characters with a look-alike that unseen fonts make the
   * recogniser take them for (M, N and W in a name or a code; see unseenFontLookalikes), offered
   * or not: nothing at all would catch that confusion. 1 when there is none.
   */
  weakestFontBlind: number;
  /** Lowest probability among all chosen characters (impossible twins folded in, as for confidence). */
  weakest: number;
  /**
   * How much likelier (natural log) the chosen reading is than the likeliest other reading that is
   * also valid throughout, differing in one checked field; Infinity when there is none. Check
   * digits pass one wrong reading in ten, so two valid readings of similar likelihood mean the
   * check digits chose between them, not the image.
   */
  rivalMargin: number;
}

/**
 * The most a check digit may buy: a reading that satisfies it is taken only if it is at least 1/20
 * as likely as the cheapest reading (cost within ln 20). A check digit passes a random wrong
 * reading one time in ten, so with enough low-probability candidates some combination always
 * satisfies it; without this bound the search would manufacture validity rather than find it.
 */
const CORRECTION_BUDGET = Math.log(20);
/** Enough valid readings per checked field for the composite to choose among. */
const READINGS_PER_FIELD = 16;
/** Bounds the search per checked field, whatever the number of candidates. */
const SEARCH_LIMIT = 2000;

interface Unit {
  positions: Position[];
  field?: CheckedField;
  /** A three-letter state code: known codes are preferred over unknown ones. */
  country?: boolean;
}

/**
 * An unknown state code costs as much as a six-fold drop in likelihood: enough to turn an
 * uncertain "MLD" into "NLD", not enough to overrule a confident oddity such as Romania's "132"
 * or a specimen's invented state, nor to reach for a long-shot candidate.
 */
const UNKNOWN_COUNTRY_PENALTY = Math.log(6);
const COUNTRY_SEARCH_LIMIT = 27;

interface Reading {
  picks: Option[];
  cost: number;
}

/**
 * Chooses, among the recogniser's candidates, the reading that costs least (−log p plus a penalty
 * per character that does not fit its field) among those that satisfy every check digit without
 * exceeding the correction budget; otherwise the cheapest reading, which then parses as invalid.
 * Throws MrzShapeError when the shape matches no format.
 */
export function correctMrz(candidates: LineCandidates[], options: ParseOptions = {}): CorrectionResult {
  const table = formatOf(candidates);
  const layout = layoutOf(table);
  const choices = candidates.map((line, l) => line.map((c, i) => positionOptions(c, layout[l][i].charClass)));
  if (formatsForShape(table.lines, table.length).length > 1) {
    choices[0][0] = choices[0][0].filter((option) => (option.char === 'V') === table.visa);
  }

  const units = unitsOf(table);
  const grid = choices.map((line) => line.map((slot) => slot[0].char));
  const readings = units.map((unit) => readingsOf(unit, choices, table, grid));
  const picked = readings.map(() => 0);
  if (table.composite) {
    const involved = compositeGroups(table, units, readings);
    const cheapest = involved.reduce((sum, group) => sum + readings[group.unit][0].cost, 0);
    const choice = cheapestZeroResidue(involved.map((group) => group.options));
    if (choice && choice.cost <= cheapest + CORRECTION_BUDGET) {
      choice.picks.forEach((pick, g) => (picked[involved[g].unit] = pick));
    }
  }

  const chosen = choices.map((line) => line.map((slot) => slot[0]));
  units.forEach((unit, u) => {
    unit.positions.forEach(({ line, index }, k) => (chosen[line][index] = readings[u][picked[u]].picks[k]));
  });
  const lines = chosen.map((line) => line.map((option) => option.char).join(''));
  const parsed = parseMrz(lines, options);
  return {
    lines,
    parsed,
    rivalMargin: parsed.valid ? rivalMargin(units, readings, picked, chosen, options) : Infinity,
    confidence: geometricMean(chosen.flat().map((option) => option.p)),
    changedPositions: changes(candidates, chosen),
    weakestUnprotected: weakestUnprotected(chosen, choices, layout),
    weakestCheckBlind: weakestCheckBlind(chosen, layout),
    weakestFontBlind: weakestFontBlind(chosen, layout),
    weakest: Math.min(...chosen.flat().map((option) => option.p)),
  };
}

function formatOf(candidates: LineCandidates[]): FormatTable {
  const length = candidates[0]?.length ?? 0;
  const formats = candidates.every((line) => line.length === length)
    ? formatsForShape(candidates.length, length)
    : [];
  if (formats.length === 0) {
    const lengths = candidates.map((line) => line.length).join(', ');
    throw new MrzShapeError(`${candidates.length} line(s) of length ${lengths} match no MRZ format`);
  }
  const documentCode = positionOptions(candidates[0][0], 'alpha')[0].char;
  return FORMAT_TABLES[formatForDocumentCode(formats, documentCode) ?? formats[0]];
}

/** Each checked field with its check digit (and long-number continuation) is searched as one unit. */
function unitsOf(table: FormatTable): Unit[] {
  const units: Unit[] = [];
  const claimed = new Set<string>();
  for (const field of table.fields) {
    if (field.name === 'issuingState' || field.name === 'nationality') {
      const positions = rangePositions(field);
      positions.forEach((p) => claimed.add(key(p)));
      units.push({ positions, country: true });
    }
    if (!field.checkDigit) continue;
    const overflow = table.fields.find((f) => f.name === field.overflow);
    const digit = { line: field.checkDigit.line, index: field.checkDigit.index };
    const positions = [...rangePositions(field), digit, ...(overflow ? rangePositions(overflow) : [])];
    positions.forEach((p) => claimed.add(key(p)));
    units.push({ positions, field });
  }
  for (let line = 0; line < table.lines; line++) {
    for (let index = 0; index < table.length; index++) {
      if (!claimed.has(key({ line, index }))) units.push({ positions: [{ line, index }] });
    }
  }
  return units;
}

/**
 * A checked unit's valid readings within the correction budget, cheapest first; its cheapest
 * reading alone if there is none.
 */
function readingsOf(unit: Unit, choices: Option[][][], table: FormatTable, grid: string[][]): Reading[] {
  const slots = unit.positions.map(({ line, index }) => choices[line][index]);
  if (unit.country) return countryReadings(slots);
  if (!unit.field) return slots[0].map((option) => ({ picks: [option], cost: option.cost }));

  const valid: Reading[] = [];
  let cheapest: Reading | undefined;
  const costs = slots.map((slot) => slot.map((option) => option.cost));
  for (const { picks, cost } of cheapestCombinations(costs, SEARCH_LIMIT)) {
    const reading = { picks: picks.map((pick, k) => slots[k][pick]), cost };
    cheapest ??= reading;
    if (cost > cheapest.cost + CORRECTION_BUDGET) break;
    unit.positions.forEach(({ line, index }, k) => (grid[line][index] = reading.picks[k].char));
    const lines = grid.map((line) => line.join(''));
    if (fieldCheckHolds(unit.field, table, lines)) valid.push(reading);
    if (valid.length === READINGS_PER_FIELD) break;
  }
  return valid.length > 0 ? valid : [cheapest!];
}

/**
 * A state code's readings, cheapest first once unknown codes carry their penalty. A reading with
 * digits whose letter twins spell a known code ("UT0") also offers that code, with each twin's
 * probability folded in: state codes are letters unless the document says otherwise with certainty.
 */
function countryReadings(slots: Option[][]): Reading[] {
  const costs = slots.map((slot) => slot.map((option) => option.cost));
  const readings: Reading[] = [];
  for (const { picks, cost } of cheapestCombinations(costs, COUNTRY_SEARCH_LIMIT)) {
    const chosen = picks.map((pick, k) => slots[k][pick]);
    const code = chosen.map((option) => option.char).join('');
    const known = isKnownCountryCode(code);
    readings.push({ picks: chosen, cost: cost + (known ? 0 : UNKNOWN_COUNTRY_PENALTY) });
    const twins = chosen.map((option, k) => letterTwinOption(option, slots[k]));
    if (!known && isKnownCountryCode(twins.map((option) => option.char).join(''))) {
      readings.push({ picks: twins, cost: twins.reduce((sum, option) => sum + option.cost, 0) });
    }
  }
  return readings.sort((a, b) => a.cost - b.cost);
}

/** A digit's letter twin at the same position, carrying both probabilities; other options as they are. */
function letterTwinOption(option: Option, slot: Option[]): Option {
  const twin = strictTwin(option.char, 'name');
  if (!twin) return option;
  const p = Math.min(1, option.p + (slot.find((other) => other.char === twin)?.p ?? 0));
  return { char: twin, p, cost: -Math.log(p) };
}

/**
 * The units the composite check digit depends on, each reading expressed as its contribution to
 * the composite sum; the digit itself contributes minus its value, so a valid whole sums to 0.
 */
function compositeGroups(
  table: FormatTable,
  units: Unit[],
  readings: Reading[][],
): Array<{ unit: number; options: ResidueOption[] }> {
  const composite = table.composite!;
  const weights = new Map<string, number>();
  composite.ranges
    .flatMap(rangePositions)
    .forEach((position, offset) => weights.set(key(position), [7, 3, 1][offset % 3]));
  const digitKey = key(composite.digit);

  const groups: Array<{ unit: number; options: ResidueOption[] }> = [];
  units.forEach((unit, u) => {
    const keys = unit.positions.map(key);
    if (keys.includes(digitKey)) {
      const options = readings[u].map(({ picks: [option], cost }) =>
        isDigit(option.char)
          ? { cost, residue: (10 - Number(option.char)) % 10 }
          : { cost: Infinity, residue: 0 },
      );
      groups.push({ unit: u, options });
    } else if (keys.some((k) => weights.has(k))) {
      const options = readings[u].map(({ picks, cost }) => ({
        cost,
        residue:
          picks.reduce((sum, option, k) => sum + (weights.get(keys[k]) ?? 0) * charValue(option.char), 0) %
          10,
      }));
      groups.push({ unit: u, options });
    }
  });
  return groups;
}

function rivalMargin(
  units: Unit[],
  readings: Reading[][],
  picked: number[],
  chosen: Option[][],
  options: ParseOptions,
): number {
  let margin = Infinity;
  units.forEach((unit, u) => {
    if (!unit.field) return;
    const { cost: own, picks } = readings[u][picked[u]];
    const ownText = picks.map((option) => option.char).join('');
    readings[u].forEach((rival) => {
      if (rival.cost - own >= margin) return;
      if (rival.picks.map((option) => option.char).join('') === ownText) return;
      const grid = chosen.map((line) => line.map((option) => option.char));
      unit.positions.forEach(({ line, index }, k) => (grid[line][index] = rival.picks[k].char));
      const lines = grid.map((line) => line.join(''));
      if (parseMrz(lines, options).valid) margin = Math.max(0, rival.cost - own);
    });
  });
  return margin;
}

function weakestUnprotected(chosen: Option[][], choices: Option[][][], layout: PositionRole[][]): number {
  let weakest = 1;
  chosen.forEach((line, l) =>
    line.forEach((option, i) => {
      const role = layout[l][i];
      const offered = choices[l][i].some(
        (other) =>
          other.char !== option.char &&
          fitsClass(other.char, role.charClass) &&
          charValue(other.char) % 10 === charValue(option.char) % 10,
      );
      const twin = offered;
      if (!role.covered || twin) weakest = Math.min(weakest, option.p);
    }),
  );
  return weakest;
}

function weakestCheckBlind(chosen: Option[][], layout: PositionRole[][]): number {
  return weakestWith(chosen, layout, (role) => role.covered, checkBlindLookalikes);
}

function weakestFontBlind(chosen: Option[][], layout: PositionRole[][]): number {
  return weakestWith(chosen, layout, (role) => !role.covered, unseenFontLookalikes);
}

/** Lowest probability among chosen characters at positions `where` with a fitting look-alike. */
function weakestWith(
  chosen: Option[][],
  layout: PositionRole[][],
  where: (role: PositionRole) => boolean,
  lookalikes: (char: string) => string[],
): number {
  let weakest = 1;
  chosen.forEach((line, l) =>
    line.forEach((option, i) => {
      const role = layout[l][i];
      if (where(role) && lookalikes(option.char).some((other) => fitsClass(other, role.charClass))) {
        weakest = Math.min(weakest, option.p);
      }
    }),
  );
  return weakest;
}

function changes(candidates: LineCandidates[], chosen: Option[][]): CorrectionResult['changedPositions'] {
  return chosen.flatMap((line, l) =>
    line.flatMap((option, index) => {
      const top = candidates[l][index].reduce((best, c) => (c.p > best.p ? c : best));
      return top.char === option.char ? [] : [{ line: l, index, from: top.char, to: option.char }];
    }),
  );
}

function geometricMean(values: number[]): number {
  return Math.exp(values.reduce((sum, v) => sum + Math.log(v), 0) / values.length);
}

function key({ line, index }: Position): string {
  return `${line}:${index}`;
}
