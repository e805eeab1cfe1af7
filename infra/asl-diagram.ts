/**
 * A Mermaid `stateDiagram-v2` of an ASL definition (JSONPath), for the README. The output is
 * deterministic: states in definition order, each state's edges in the order Next, Choices,
 * Default, Catch.
 */

import { replaceReadmeSection, sectionMarkers } from './readme-section.js';

type Json = Record<string, unknown>;
interface State extends Json {
  Type: string;
}
interface Machine {
  StartAt: string;
  States: Record<string, State>;
}

const DIAGRAM_SECTION = 'asl-diagram';
export const { start: DIAGRAM_START, end: DIAGRAM_END } = sectionMarkers(DIAGRAM_SECTION);

const INDENT = '    ';

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function asMachine(value: unknown, where: string): Machine {
  if (!isObject(value) || typeof value.StartAt !== 'string' || !isObject(value.States)) {
    throw new Error(`${where} is not a state machine (StartAt and States are required)`);
  }
  return value as unknown as Machine;
}

/** Mermaid ids: letters, digits and underscores, unique across the whole diagram. */
class Ids {
  private readonly byName = new Map<string, string>();
  private readonly taken = new Set<string>();

  id(name: string): string {
    const known = this.byName.get(name);
    if (known) return known;
    const base = name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, 's_') || 'state';
    let id = base;
    for (let n = 2; this.taken.has(id); n += 1) id = `${base}_${n}`;
    this.byName.set(name, id);
    this.taken.add(id);
    return id;
  }
}

/** Edge labels are free text up to the end of the line; keep out what Mermaid treats specially. */
const label = (text: string) =>
  text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[;#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** `$.coverage.outcome` → `outcome`: the last field of a path is what a reader needs. */
function field(path: unknown): string {
  if (typeof path !== 'string') return String(path);
  const parts = path
    .replace(/\[[^\]]*\]/g, '')
    .split('.')
    .filter((part) => part !== '' && part !== '$' && part !== '$$');
  return parts.at(-1) ?? path;
}

const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

// Most specific suffix first: LessThanEquals before Equals.
const COMPARISONS: Array<[RegExp, string]> = [
  [/LessThanEquals$/, '<='],
  [/GreaterThanEquals$/, '>='],
  [/LessThan$/, '<'],
  [/GreaterThan$/, '>'],
  [/Equals$/, '='],
];
const TYPE_TESTS: Record<string, string> = {
  IsNull: 'null',
  IsString: 'a string',
  IsNumeric: 'a number',
  IsBoolean: 'a boolean',
  IsTimestamp: 'a timestamp',
};

/** A short readable form of a Choice rule, e.g. `outcome = covered`, `count >= 3`, `answer present`. */
export function describeCondition(rule: Json): string {
  if (Array.isArray(rule.And)) return rule.And.map((r) => describeCondition(r as Json)).join(' and ');
  if (Array.isArray(rule.Or)) return rule.Or.map((r) => describeCondition(r as Json)).join(' or ');
  if (isObject(rule.Not)) return `not (${describeCondition(rule.Not)})`;
  const subject = field(rule.Variable);
  for (const [key, operand] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next' || key === 'Comment') continue;
    const isPath = key.endsWith('Path');
    const operator = isPath ? key.slice(0, -'Path'.length) : key;
    const shown = isPath ? field(operand) : value(operand);
    if (operator === 'IsPresent') return `${subject} ${operand === true ? 'present' : 'absent'}`;
    if (operator in TYPE_TESTS)
      return `${subject} ${operand === true ? 'is' : 'is not'} ${TYPE_TESTS[operator]}`;
    if (operator === 'StringMatches') return `${subject} matches ${shown}`;
    const comparison = COMPARISONS.find(([pattern]) => pattern.test(operator));
    if (comparison) return `${subject} ${comparison[1]} ${shown}`;
    return `${subject} ${operator} ${shown}`;
  }
  return subject;
}

const isTerminal = (state: State) => state.Type === 'Succeed' || state.Type === 'Fail' || state.End === true;

function renderScope(machine: Machine, ids: Ids, indent: string): string[] {
  const lines: string[] = [];
  const states = Object.entries(machine.States);

  // Declarations: display names that are not valid ids, choice diamonds, and nested machines.
  for (const [name, state] of states) {
    const id = ids.id(name);
    if (state.Type === 'Choice') {
      lines.push(`${indent}state ${id} <<choice>>`);
      continue;
    }
    if (id !== name) lines.push(`${indent}state "${name.replace(/"/g, "'")}" as ${id}`);
    const branches =
      state.Type === 'Parallel' && Array.isArray(state.Branches)
        ? state.Branches.map((branch, i) => asMachine(branch, `${name}.Branches[${i}]`))
        : state.Type === 'Map'
          ? [asMachine(state.ItemProcessor ?? state.Iterator, `${name}.ItemProcessor`)]
          : [];
    if (branches.length > 0) {
      lines.push(`${indent}state ${id} {`);
      branches.forEach((branch, i) => {
        if (i > 0) lines.push(`${indent}${INDENT}--`);
        lines.push(...renderScope(branch, ids, indent + INDENT));
      });
      lines.push(`${indent}}`);
    }
  }

  lines.push(`${indent}[*] --> ${ids.id(machine.StartAt)}`);
  for (const [name, state] of states) {
    const from = ids.id(name);
    const edge = (to: string, text?: string) =>
      lines.push(`${indent}${from} --> ${to}${text === undefined ? '' : `: ${label(text)}`}`);
    if (typeof state.Next === 'string') edge(ids.id(state.Next));
    if (Array.isArray(state.Choices)) {
      for (const choice of state.Choices.filter(isObject)) {
        if (typeof choice.Next === 'string') edge(ids.id(choice.Next), describeCondition(choice));
      }
    }
    if (typeof state.Default === 'string') edge(ids.id(state.Default), 'otherwise');
    if (Array.isArray(state.Catch)) {
      for (const catcher of state.Catch.filter(isObject)) {
        const errors = Array.isArray(catcher.ErrorEquals) ? catcher.ErrorEquals.map(String) : [];
        if (typeof catcher.Next === 'string') edge(ids.id(catcher.Next), errors.join(', '));
      }
    }
    if (isTerminal(state)) edge('[*]');
  }
  return lines;
}

/** The diagram's text, without a Markdown fence. */
export function aslToMermaid(definition: unknown): string {
  const machine = asMachine(definition, 'The definition');
  return ['stateDiagram-v2', ...renderScope(machine, new Ids(), INDENT)].join('\n');
}

/** Replaces the README's diagram (between DIAGRAM_START and DIAGRAM_END) with a ```mermaid block of it. */
export const updateReadmeDiagram = (readme: string, diagram: string): string =>
  replaceReadmeSection(readme, DIAGRAM_SECTION, [
    '```mermaid',
    ...diagram.replace(/\s+$/, '').split(/\r?\n/),
    '```',
  ]);
