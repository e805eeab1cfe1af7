/**
 * Bundle size per Lambda (issue 8, part 1). Each handler is bundled as the CDK deploys it, beside a bare SDK
 * bundle of exactly the SDK names it imports, built the same way in the same run. The difference is what our
 * code and our other libraries cost: that overhead has a budget per function. Exits non-zero when one is over.
 * Sizes only, no times: this is also the CI check (`npm run bench:quick`).
 */
import { buildLambdaBundles, type LambdaBundle } from './support/lambda-bundles.js';
import { describeSdkImports } from './support/sdk-imports.js';
import { KB, kb } from './support/stats.js';
import { formatTable } from './support/table.js';

const OVERHEAD_BUDGET_KB = 60;
/**
 * Functions allowed more, each with its reason (README Performance), at its measured size rounded up to the next
 * KB plus 1. create-case and intake-submit validate the whole intake with its clinical position
 * (schemas/intake.ts, schemas/clinical.ts ~5.5 KB, and the zod types and checks they need, ~7 KB more zod than
 * most functions carry); intake-submit also reads the HTML form into it. opinion-link validates the specialist's
 * opinion (the same clinical schemas). report-pdf writes the PDF itself (views/report-pdf.ts and views/pdf/, ~7 KB)
 * beside the report's words; those words, in English and Spanish (the report and discordance catalogs, 7.0 KB
 * packed), are also what puts report-link over 60 (issue 23). console-resend renders any kind's request email again: every presenter, beside the console's door.
 */
const OWN_BUDGETS: Readonly<Record<string, { kb: number; why: string }>> = {
  'create-case': { kb: 75, why: 'validates the intake with its clinical position' },
  'intake-submit': { kb: 79, why: 'reads the intake form and validates it with its clinical position' },
  'opinion-link': { kb: 75, why: "validates the specialist's opinion" },
  'report-pdf': { kb: 68, why: "writes the PDF itself, with the report's words in English and Spanish" },
  'report-link': {
    kb: 66,
    why: "the report's words in English and Spanish, and its refusal page in the reader's",
  },
  'console-resend': { kb: 64, why: "renders any kind's request email again (every presenter)" },
  'record-uploaded': { kb: 175, why: 'it reads untrusted files, asynchronously' },
};
const budgetOf = (name: string) => OWN_BUDGETS[name]?.kb ?? OVERHEAD_BUDGET_KB;
const LARGEST_SHOWN = 3;
/**
 * esbuild escapes non-ASCII characters in strings but not in template literals. One such character makes
 * node decode the whole module as UTF-8 and V8 hold its source as two-byte text: measured on the 700 KB
 * assignment-link bundle, a single `’` cost 8 ms of its import (15.5 → 7.4 ms over its bare SDK, paired
 * medians of 30). Write entities (`&mdash;`) or escapes (`\u2014`) in templates instead.
 */
const NON_ASCII = /\P{ASCII}/gu;

/** `node_modules/zod/v4/core/schemas.js` → `zod`; our own files stay paths. */
function inputGroup(path: string): string {
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match ? match[1]! : path;
}

/** What the function bundles besides the SDK (inputs the bare SDK bundle does not have), largest first. */
function largestOtherInputs(lambda: LambdaBundle): [string, number][] {
  const groups = new Map<string, number>();
  for (const [path, bytes] of lambda.bundle.inputs) {
    if (bytes === 0 || lambda.bareSdk.inputs.has(path)) continue;
    groups.set(inputGroup(path), (groups.get(inputGroup(path)) ?? 0) + bytes);
  }
  return [...groups].sort((a, b) => b[1] - a[1]).slice(0, LARGEST_SHOWN);
}

const started = performance.now();
const lambdas = await buildLambdaBundles();
const sdkSets = [...new Set(lambdas.map((lambda) => lambda.bareSdk.key))];
const rows = lambdas.map((lambda) => {
  const overhead = lambda.bundle.bytes - lambda.bareSdk.bytes;
  const over = overhead > budgetOf(lambda.name) * KB;
  return {
    over,
    name: lambda.name,
    cells: [
      lambda.name,
      kb(lambda.bundle.bytes),
      kb(lambda.bareSdk.bytes),
      `[${sdkSets.indexOf(lambda.bareSdk.key) + 1}]`,
      kb(overhead),
      `${over ? 'OVER' : 'ok'}${lambda.name in OWN_BUDGETS ? ` (≤ ${budgetOf(lambda.name)})` : ''}`,
      largestOtherInputs(lambda)
        .map(([input, bytes]) => `${input} ${kb(bytes)}`)
        .join(', '),
    ],
  };
});

console.warn(
  'Bundle per Lambda: esbuild as the CDK bundles (minified ESM, node22, SDK bundled), KB = 1024 bytes.\n' +
    `Overhead = function bundle − bare bundle of the SDK names it imports; budget ≤ ${OVERHEAD_BUDGET_KB} KB ` +
    `(${Object.entries(OWN_BUDGETS)
      .map(([name, { kb, why }]) => `${name} ≤ ${kb} KB: ${why}`)
      .join('; ')}).\n`,
);
console.warn(
  formatTable(
    ['function', 'total KB', 'SDK KB', 'SDK set', 'overhead KB', 'budget', 'largest other inputs (KB)'],
    rows.map((row) => row.cells),
  ),
);
console.warn('\nSDK sets (what each bare SDK bundle imports):');
for (const [index, key] of sdkSets.entries()) {
  const lambda = lambdas.find((l) => l.bareSdk.key === key)!;
  console.warn(`  [${index + 1}] ${describeSdkImports(lambda.sdkImports)}`);
}
console.warn(
  `\n${lambdas.length} functions bundled in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const nonAscii = lambdas.flatMap((lambda) => {
  const code = new TextDecoder().decode(lambda.bundle.code);
  return [...code.matchAll(NON_ASCII)].map(
    (match) =>
      `${lambda.name}: ${JSON.stringify(code.slice(Math.max(0, match.index - 30), match.index + 1))}`,
  );
});
console.warn(
  `Non-ASCII characters in the bundles: ${nonAscii.length} (budget 0; one makes the whole module two-byte ` +
    'source, ~8 ms of import)',
);
for (const found of nonAscii) console.warn(`  ${found}`);

const over = rows.filter((row) => row.over).map((row) => row.name);
if (over.length > 0) {
  console.error(`Over their bundle overhead budget: ${over.join(', ')}`);
  process.exitCode = 1;
}
if (nonAscii.length > 0) {
  console.error('Non-ASCII characters in the bundles: write entities or \\u escapes in templates');
  process.exitCode = 1;
}
