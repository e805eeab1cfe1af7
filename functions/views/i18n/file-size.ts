const FILE_SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** Intl's unit options for a size, and the value in that unit. */
export interface SizeInUnit {
  value: number;
  options: {
    style: 'unit';
    unit: (typeof FILE_SIZE_UNITS)[number];
    unitDisplay: 'long' | 'short';
    maximumFractionDigits: number;
  };
}

/** A size in its largest unit under it, for a number formatter: 209715200 → 200 megabyte ("200 MB"). */
export function sizeInUnit(bytes: number): SizeInUnit {
  let unit = 0;
  while (unit < FILE_SIZE_UNITS.length - 1 && bytes >= 1024 ** (unit + 1)) unit++;
  const value = bytes / 1024 ** unit;
  return {
    value,
    options: {
      style: 'unit',
      unit: FILE_SIZE_UNITS[unit]!,
      unitDisplay: unit === 0 ? 'long' : 'short',
      maximumFractionDigits: value < 10 ? 1 : 0,
    },
  };
}
