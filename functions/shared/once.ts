/** Builds a value on first use and keeps it: nothing happens at import, and bundles drop what no path calls. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
