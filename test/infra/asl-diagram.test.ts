import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  aslToMermaid,
  describeCondition,
  DIAGRAM_END,
  DIAGRAM_START,
  updateReadmeDiagram,
} from '../../infra/asl-diagram.js';
import { ASL_PATH } from '../../infra/routes.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const retry = [{ ErrorEquals: ['Lambda.ServiceException'] }];
const fixture = {
  StartAt: 'CheckCoverage',
  States: {
    CheckCoverage: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${CheckCoverageFunctionArn}', Payload: { 'caseId.$': '$.caseId' } },
      Retry: retry,
      Catch: [
        { ErrorEquals: ['CaseNotFoundError', 'States.Timeout'], Next: 'Fix it' },
        { ErrorEquals: ['States.ALL'], Next: 'Failed' },
      ],
      Next: 'CoverageRoute',
    },
    CoverageRoute: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.coverage.outcome', StringEquals: 'covered', Next: 'Opinions' },
        {
          And: [
            { Variable: '$.coverage.outcome', StringEquals: 'prior-auth-required' },
            { Variable: '$.round', NumericLessThanEquals: 3 },
          ],
          Next: 'Fix it',
        },
        { Not: { Variable: '$.approval', IsPresent: true }, Next: 'Failed' },
      ],
      Default: 'Done',
    },
    'Fix it': { Type: 'Pass', Next: 'CheckCoverage' },
    Opinions: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'First', States: { First: { Type: 'Pass', End: true } } },
        { StartAt: 'Second', States: { Second: { Type: 'Succeed' } } },
      ],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'CaseNeedsAttention' },
  },
};

describe('aslToMermaid', () => {
  it('draws states, Next, Choice, Default, Catch and terminal edges, in a stable order', () => {
    expect(aslToMermaid(fixture)).toBe(
      [
        'stateDiagram-v2',
        '    state CoverageRoute <<choice>>',
        '    state "Fix it" as Fix_it',
        '    state Opinions {',
        '        [*] --> First',
        '        First --> [*]',
        '        --',
        '        [*] --> Second',
        '        Second --> [*]',
        '    }',
        '    [*] --> CheckCoverage',
        '    CheckCoverage --> CoverageRoute',
        '    CheckCoverage --> Fix_it: CaseNotFoundError, States.Timeout',
        '    CheckCoverage --> Failed: States.ALL',
        '    CoverageRoute --> Opinions: outcome = covered',
        '    CoverageRoute --> Fix_it: outcome = prior-auth-required and round <= 3',
        '    CoverageRoute --> Failed: not (approval present)',
        '    CoverageRoute --> Done: otherwise',
        '    Fix_it --> CheckCoverage',
        '    Opinions --> Done',
        '    Done --> [*]',
        '    Failed --> [*]',
      ].join('\n'),
    );
  });

  it('is deterministic and does not depend on anything but the definition', () => {
    const copy = JSON.parse(JSON.stringify(fixture)) as unknown;
    expect(aslToMermaid(copy)).toBe(aslToMermaid(fixture));
  });

  it('draws a Map state as a composite of its item processor', () => {
    const map = {
      StartAt: 'EachOpinion',
      States: {
        EachOpinion: {
          Type: 'Map',
          ItemsPath: '$.opinionIds',
          ItemProcessor: { StartAt: 'Read', States: { Read: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    expect(aslToMermaid(map)).toBe(
      [
        'stateDiagram-v2',
        '    state EachOpinion {',
        '        [*] --> Read',
        '        Read --> [*]',
        '    }',
        '    [*] --> EachOpinion',
        '    EachOpinion --> [*]',
      ].join('\n'),
    );
  });

  it('keeps Mermaid ids unique when names only differ by punctuation', () => {
    const machine = {
      StartAt: 'a-b',
      States: { 'a-b': { Type: 'Pass', Next: 'a b' }, 'a b': { Type: 'Succeed' } },
    };
    expect(aslToMermaid(machine)).toBe(
      [
        'stateDiagram-v2',
        '    state "a-b" as a_b',
        '    state "a b" as a_b_2',
        '    [*] --> a_b',
        '    a_b --> a_b_2',
        '    a_b_2 --> [*]',
      ].join('\n'),
    );
  });

  it('refuses what is not a state machine', () => {
    expect(() => aslToMermaid({ States: {} })).toThrow(/not a state machine/);
  });
});

describe('describeCondition', () => {
  it.each([
    [{ Variable: '$.coverage.outcome', StringEquals: 'covered' }, 'outcome = covered'],
    [{ Variable: '$.opinions', NumericGreaterThanEquals: 2 }, 'opinions >= 2'],
    [{ Variable: '$.opinions', NumericLessThan: 2 }, 'opinions < 2'],
    [{ Variable: '$.major', BooleanEquals: true }, 'major = true'],
    [{ Variable: '$.count', NumericEqualsPath: '$.settings.cap' }, 'count = cap'],
    [{ Variable: '$.answer', IsPresent: false }, 'answer absent'],
    [{ Variable: '$.answer', IsNull: true }, 'answer is null'],
    [{ Variable: '$.payer', StringMatches: 'self-*' }, 'payer matches self-*'],
    [
      {
        Or: [
          { Variable: '$.a', StringEquals: 'x' },
          { Variable: '$.b', StringEquals: 'y' },
        ],
      },
      'a = x or b = y',
    ],
  ])('%j reads as %s', (rule, text) => {
    expect(describeCondition(rule)).toBe(text);
  });
});

describe('updateReadmeDiagram', () => {
  const readme = ['# Concord', '', DIAGRAM_START, 'old', 'stuff', DIAGRAM_END, '', 'More.', ''].join('\n');

  it('replaces the text between the markers with a mermaid block, keeping the rest', () => {
    expect(updateReadmeDiagram(readme, 'stateDiagram-v2\n    [*] --> A')).toBe(
      [
        '# Concord',
        '',
        DIAGRAM_START,
        '',
        '```mermaid',
        'stateDiagram-v2',
        '    [*] --> A',
        '```',
        '',
        DIAGRAM_END,
        '',
        'More.',
        '',
      ].join('\n'),
    );
  });

  it('is idempotent', () => {
    const once = updateReadmeDiagram(readme, 'stateDiagram-v2');
    expect(updateReadmeDiagram(once, 'stateDiagram-v2')).toBe(once);
  });

  it('keeps CRLF line endings', () => {
    const crlf = readme.replace(/\n/g, '\r\n');
    expect(updateReadmeDiagram(crlf, 'stateDiagram-v2')).toBe(
      [
        '# Concord',
        '',
        DIAGRAM_START,
        '',
        '```mermaid',
        'stateDiagram-v2',
        '```',
        '',
        DIAGRAM_END,
        '',
        'More.',
        '',
      ].join('\r\n'),
    );
  });

  it('throws when a marker is missing, repeated or out of order', () => {
    expect(() => updateReadmeDiagram('# Concord\n', 'x')).toThrow(DIAGRAM_START);
    expect(() => updateReadmeDiagram(`${DIAGRAM_START}\n`, 'x')).toThrow(DIAGRAM_END);
    expect(() => updateReadmeDiagram(`${readme}\n${DIAGRAM_START}\n`, 'x')).toThrow(/2 times/);
    expect(() => updateReadmeDiagram(`${DIAGRAM_END}\n${DIAGRAM_START}\n`, 'x')).toThrow(/before/);
  });
});

describe('README.md', () => {
  it(`shows the current diagram of ${ASL_PATH}`, () => {
    const readmePath = join(ROOT, 'README.md');
    if (!existsSync(readmePath)) {
      throw new Error(`README.md is missing: create it with the lines ${DIAGRAM_START} and ${DIAGRAM_END}`);
    }
    const readme = readFileSync(readmePath, 'utf8');
    const diagram = aslToMermaid(JSON.parse(readFileSync(join(ROOT, ASL_PATH), 'utf8')));
    let expected: string;
    try {
      expected = updateReadmeDiagram(readme, diagram);
    } catch (error) {
      throw new Error(
        `${(error as Error).message}: add both marker lines to README.md, then run \`npm run diagram\``,
        { cause: error },
      );
    }
    if (expected !== readme) {
      throw new Error(`The README.md diagram is out of date with ${ASL_PATH}: run \`npm run diagram\``);
    }
    expect(readme).toContain(['```mermaid', diagram, '```'].join('\n'));
  });
});
