/**
 * The grading rules as a Markdown table for the README, from the table the grader uses
 * (GRADING_RULES) and the sources beside it (RULE_CITATIONS); `npm run grading-table` writes it between
 * `<!-- grading-table:start -->` and `<!-- grading-table:end -->`, and a test fails when it is out of step.
 */
import * as prettier from 'prettier';
import { RULE_CITATIONS } from '../functions/domain/clinical/citations.js';
import { GRADING_RULES, RULE_IDS } from '../functions/domain/clinical/rules.js';
import { replaceReadmeSection } from './readme-section.js';

export const GRADING_SECTION = 'grading-table';

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** One row per rule, majors first within each dimension, as the table in rules.ts orders them. */
export function gradingTable(): string[] {
  return [
    '| rule | dimension | level | what it detects | source |',
    '| --- | --- | --- | --- | --- |',
    ...RULE_IDS.map((id) => {
      const { dimension, level } = GRADING_RULES[id];
      const { detects, source } = RULE_CITATIONS[id];
      return `| \`${id}\` | ${dimension} | ${level} | ${cell(detects)} | ${cell(source)} |`;
    }),
  ];
}

/** The README with the grading table written in, formatted as Prettier formats the README. */
export async function withGradingTable(readme: string, readmePath: string): Promise<string> {
  const options = (await prettier.resolveConfig(readmePath)) ?? {};
  return prettier.format(replaceReadmeSection(readme, GRADING_SECTION, gradingTable()), {
    ...options,
    filepath: readmePath,
  });
}
