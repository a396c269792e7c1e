import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const FIXTURES = 'libs/testing/src/__fixtures__/boundaries';

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

/**
 * dependency-cruiser with the project's own rules (.dependency-cruiser.js) on the given files. The
 * tree is checked as the config has it (deliberate breaches under __fixtures__ left out); a fixture
 * is checked by name, with nothing left out.
 */
function violations(files: string[], { withFixtures = false } = {}): Violation[] {
  const out = execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      '--config',
      '.dependency-cruiser.js',
      '--output-type',
      'json',
      ...(withFixtures ? ['--exclude', '^(dist|node_modules)/'] : []),
      ...files,
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

/** The walls between features are enforced by the check `npm test` runs, not only written down. */
describe('feature boundaries', () => {
  it("refuses a library reaching past another library's front door to its repository", () => {
    const found = violations([`${FIXTURES}/reaches-into-another-library.ts`], { withFixtures: true });
    expect(found).toContainEqual(
      expect.objectContaining({
        from: `${FIXTURES}/reaches-into-another-library.ts`,
        to: 'libs/organisations/src/organisations.repository.ts',
        rule: expect.objectContaining({ name: 'front-door' }),
      }),
    );
  });

  it('refuses a library importing an app', () => {
    const found = violations([`${FIXTURES}/imports-an-app.ts`], { withFixtures: true });
    expect(found.map((v) => [v.to, v.rule.name])).toContainEqual(['apps/api/src/setup.ts', 'libs-never-import-apps']);
  });

  it('finds nothing to refuse in the tree itself', () => {
    expect(violations(['apps', 'libs', 'test', 'bench']).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 120_000);
});
