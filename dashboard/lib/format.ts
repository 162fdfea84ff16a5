import { ui } from './labels.ts';

const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('ru-RU', { timeZone: 'UTC' });

/** `1.5` → `1,5`: numbers as Russian readers write them. */
export const formatNumber = (value: number) => numberFormat.format(value);

/** `2011-12-31` → `31.12.2011`. */
export const formatDate = (isoDate: string) => dateFormat.format(new Date(`${isoDate}T00:00:00Z`));

/** `part` as a percentage of `whole`, to one decimal (`83.3`); null when `whole` is 0. */
export const percentOf = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;

/**
 * A count as the API gives it: null when suppressed, as a methodologist gets every count below 3
 * (clause 3.1 of the curator regulation), so that no family can be singled out.
 */
export type Figure = number | null;

/** A count as the tables print it: «<3» when suppressed, never 0. */
export const formatFigure = (value: Figure) => (value === null ? ui.suppressed : formatNumber(value));

/** A share as the tables print it: «—» of nothing, «скрыто» when taken from a suppressed count. */
export function formatShare(part: Figure, whole: Figure) {
  if (part === null || whole === null) return ui.withheld;
  const percent = percentOf(part, whole);
  return percent === null ? ui.notApplicable : formatNumber(percent);
}

/** The sum of counts, or null (withheld) when any of them is suppressed. */
export const sumOf = (figures: Figure[]): Figure =>
  figures.reduce<Figure>((sum, figure) => (sum === null || figure === null ? null : sum + figure), 0);

/** A total summed here from counts: «скрыто» when one of them is suppressed. */
export const formatTotal = (value: Figure) => (value === null ? ui.withheld : formatNumber(value));
