const numberFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('ru-RU', { timeZone: 'UTC' });

/** `1.5` → `1,5`: numbers as Russian readers write them. */
export const formatNumber = (value: number) => numberFormat.format(value);

/** `2011-12-31` → `31.12.2011`. */
export const formatDate = (isoDate: string) => dateFormat.format(new Date(`${isoDate}T00:00:00Z`));

/** `part` as a percentage of `whole`, to one decimal (`83.3`); null when `whole` is 0. */
export const percentOf = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
