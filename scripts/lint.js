'use strict';
// `npm run lint`: ESLint (typescript-eslint, type-checked), Prettier's check and the feature
// boundaries (dependency-cruiser). `npm test` runs the first two beside jest, and the boundaries
// as a test (test/boundaries.spec.ts). `--fix` lets ESLint and Prettier correct what they can.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const bin = (pkg, file) => path.join(ROOT, 'node_modules', pkg, file);
const fix = process.argv.includes('--fix');
const withoutBoundaries = process.argv.includes('--without-boundaries');

const checks = [
  [
    'eslint',
    [
      bin('eslint', 'bin/eslint.js'),
      '--cache',
      '--cache-location',
      path.join(ROOT, 'node_modules/.cache/eslint/'),
      '--max-warnings',
      '0',
      ...(fix ? ['--fix'] : []),
      '.',
    ],
  ],
  ['prettier', [bin('prettier', 'bin/prettier.cjs'), fix ? '--write' : '--check', '--log-level', 'warn', '.']],
  ...(withoutBoundaries
    ? []
    : [
        [
          'boundaries',
          [
            bin('dependency-cruiser', 'bin/dependency-cruise.mjs'),
            '--config',
            '.dependency-cruiser.js',
            '--output-type',
            'err',
            'apps',
            'libs',
            'test',
            'bench',
          ],
        ],
      ]),
];

let failed = [];
for (const [name, args] of checks) {
  const started = Date.now();
  const { status } = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status === 0) process.stdout.write(`[dasv] ${name} passed in ${seconds}s\n`);
  else {
    process.stderr.write(`[dasv] ${name} failed${name === 'prettier' && !fix ? ' (npm run format fixes it)' : ''}\n`);
    failed.push(name);
  }
}
process.exit(failed.length ? 1 : 0);
