'use strict';
/**
 * The walls between features, checked by `npm test` (scripts/test.js) and `npm run lint`.
 * A feature is a folder in libs/; its src/index.ts is its front door. See README, "Layout".
 */
/** Entities that are also GraphQL object types, and so part of their feature's published types. */
const GRAPHQL_OBJECT_ENTITIES = [
  '^libs/auth/src/entities/(user|role-assignment)\\.entity\\.ts$',
  '^libs/chasing/src/entities/(chase-log|chase-pause)\\.entity\\.ts$',
  '^libs/leads/src/entities/(dasv-lead|lead-profile)\\.entity\\.ts$',
  '^libs/nominations/src/entities/(nomination-return|nomination-submission|nomination-nominee)\\.entity\\.ts$',
  '^libs/organisations/src/entities/organisation\\.entity\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'front-door',
      comment: 'Another library is reached only through its src/index.ts: its module, use-case services, GraphQL types and error reasons.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'apps-through-front-doors',
      comment: 'Apps, top-level tests and benchmarks use a library through its src/index.ts only.',
      severity: 'error',
      from: { path: '^(apps|test|bench|scripts)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'Apps are assembled from libraries, never the other way round.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-stay-apart',
      comment: 'One app never reaches into another: what both need belongs in a library.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'front-door-hides-storage',
      comment:
        'A front door exports no repository, entity or SQL fragment: other features call its services. ' +
        "The one exception is an entity that is also its feature's GraphQL object type (listed below), " +
        'which other features name in their own GraphQL fields; they still never write its table.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/index\\.ts$' },
      to: {
        path: ['\\.repository\\.ts$', '/entities/', '\\.sql\\.ts$'],
        pathNot: GRAPHQL_OBJECT_ENTITIES,
      },
    },
    {
      name: 'no-circular-libraries',
      comment: 'Libraries depend on each other in one direction.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { circular: true, viaOnly: { path: '^libs/[^/]+/src/index\\.ts$' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^node_modules/', '/__fixtures__/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
