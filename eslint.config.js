import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import patterns for the rooms of functions/, however deep the importing file stands. */
const rooms = (...names) => names.flatMap((name) => [`../${name}/*`, `../../${name}/*`, `./${name}/*`]);

/**
 * The house's directions (README, Layout): each rule names what a room may not import. Together they keep
 * the rooms in layers: shared/ at the ground, domain/ above it, use-cases/ above that, the edge on top.
 */
const layers = [
  {
    room: 'shared',
    forbidden: [
      {
        group: rooms(
          'adapters',
          'domain',
          'handlers',
          'intake',
          'links',
          'console',
          'middleware',
          'schemas',
          'use-cases',
          'views',
          'wiring',
        ),
        message: 'shared/ is the ground floor: it imports no other room of functions/.',
      },
    ],
  },
  {
    room: 'domain',
    forbidden: [
      {
        group: rooms(
          'adapters',
          'handlers',
          'intake',
          'links',
          'console',
          'middleware',
          'use-cases',
          'views',
          'wiring',
        ),
        message: 'The domain is pure: it imports no adapter, edge, use-case or view.',
      },
      {
        group: rooms('schemas'),
        allowTypeImports: true,
        message: 'The domain takes only types from schemas (import type); vocabularies live in domain/.',
      },
      {
        group: ['aws-lambda', '@middy/*', '@aws-sdk/*'],
        message: 'The domain knows no Lambda, middy or SDK.',
      },
    ],
  },
  {
    room: 'use-cases',
    forbidden: [
      {
        group: rooms('adapters', 'handlers', 'intake', 'links', 'console', 'middleware', 'wiring'),
        message:
          'Use-cases take ports, never adapters, and know nothing of the edge (handlers, links, middleware).',
      },
      { group: ['aws-lambda', '@middy/*'], message: 'Use-cases take plain values, never Lambda events.' },
    ],
  },
  {
    room: 'schemas',
    forbidden: [
      {
        group: rooms(
          'adapters',
          'handlers',
          'intake',
          'links',
          'console',
          'middleware',
          'use-cases',
          'views',
          'wiring',
        ),
        message: 'Schemas describe data: they import only domain vocabularies and shared helpers.',
      },
    ],
  },
  {
    room: 'views',
    forbidden: [
      {
        group: rooms(
          'adapters',
          'handlers',
          'intake',
          'links',
          'console',
          'middleware',
          'use-cases',
          'wiring',
        ),
        message: 'Views render what they are given: view-model types live beside their views.',
      },
    ],
  },
  {
    room: 'middleware',
    forbidden: [
      {
        group: rooms('adapters', 'handlers', 'intake', 'links', 'console', 'use-cases', 'views', 'wiring'),
        message: 'Middleware is the Lambda edge: it composes handlers from shared/ and knows no use-case.',
      },
    ],
  },
  {
    room: 'console',
    forbidden: [
      {
        group: rooms('adapters', 'handlers', 'links', 'wiring'),
        message: "The console's edge takes its ports from the handler: it imports no adapter or wiring.",
      },
    ],
  },
  {
    room: 'adapters',
    forbidden: [
      {
        group: rooms('handlers', 'intake', 'links', 'console', 'middleware', 'use-cases', 'views', 'wiring'),
        message: 'Adapters implement ports: they import no use-case, view or edge.',
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.concord', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['functions/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'console', message: 'Use the Powertools logger (IDs only, never PHI).' },
      ],
    },
  },
  ...layers.map(({ room, forbidden }) => ({
    files: [`functions/${room}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: forbidden }] },
  })),
);
