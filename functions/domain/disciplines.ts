/** A specialist's disciplines: who settles or informs which kind of dispute between opinions. */
export const DISCIPLINES = [
  'medical-oncology',
  'surgical-oncology',
  'radiation-oncology',
  'pathology',
  'hematology',
  'radiology',
] as const;
export type Discipline = (typeof DISCIPLINES)[number];
