/**
 * A generated part of README.md lies between the lines `<!-- <name>:start -->` and `<!-- <name>:end -->`
 * (the state-machine diagram, the grading table); the markers stay, what lies between is replaced.
 */

export const sectionMarkers = (name: string) => ({
  start: `<!-- ${name}:start -->`,
  end: `<!-- ${name}:end -->`,
});

/** Replaces the section's lines with `block`, blank lines around it as Prettier writes Markdown. Throws when a
 * marker is missing, repeated or out of order. */
export function replaceReadmeSection(readme: string, name: string, block: readonly string[]): string {
  const { start: startMarker, end: endMarker } = sectionMarkers(name);
  const newline = readme.includes('\r\n') ? '\r\n' : '\n';
  const lines = readme.split(/\r?\n/);
  const find = (marker: string) => {
    const at = lines.flatMap((line, i) => (line.trim() === marker ? [i] : []));
    if (at.length !== 1) {
      throw new Error(
        at.length === 0 ? `README has no line ${marker}` : `README has the line ${marker} ${at.length} times`,
      );
    }
    return at[0]!;
  };
  const start = find(startMarker);
  const end = find(endMarker);
  if (end < start) throw new Error(`README has ${endMarker} before ${startMarker}`);
  return [...lines.slice(0, start + 1), '', ...block, '', ...lines.slice(end)].join(newline);
}
