/** `record-uploaded` → `RecordUploaded`: construct ids and operation names from handler names. */
export function pascal(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}
