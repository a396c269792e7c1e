'use strict';
// `npm run bench:users-search`: how fast the administrators' users list answers over 1.3 million
// learner accounts spread across every trust in England. It brings up its own PostgreSQL, Redis and
// mail sink (as `npm test` does), migrates and seeds with the compiled CLI, generates the accounts in
// SQL, and calls UsersService.list (the page's and GraphQL's one method) from dist/ as a national
// admin, a regional admin and an organisation admin. The baseline is the same calls in the same run
// with the users-list indexes of migration 015 dropped: what the list cost before them.
const path = require('node:path');
const crypto = require('node:crypto');
const services = require('../scripts/lib/services');
const { build } = require('../scripts/build');
const { round, median } = require('./lib/figures');
const { runCli, startThrowawayServices } = require('./lib/throwaway-services');

const { ROOT, log, onShutdown, shutdown } = services;

const LEARNERS = Number(process.env.BENCH_LEARNERS || 1_300_000);
const RUNS = 7;
/** Every query of the list, median over RUNS, at most this long. */
const GOALS = { slowest_ms: '<=300' };
const INDEXES_015 = {
  drop: ['app_user_name_id_idx', 'app_user_email_trgm_idx', 'role_assignment_role_user_idx'],
  create: [
    'CREATE INDEX app_user_name_id_idx ON app_user (name, id)',
    'CREATE INDEX app_user_email_trgm_idx ON app_user USING gin ((email::text) gin_trgm_ops)',
    'CREATE INDEX role_assignment_role_user_idx ON role_assignment (role, user_id)',
  ],
};

const state = { api: null, pg: null };

/** LEARNERS accounts with realistic names and addresses, each a learner at a trust, and a few admins. */
async function prepareData(pg) {
  // Building the search indexes once over the finished table is far quicker than keeping them up to date row by row.
  const searchIndexes = ['CREATE INDEX app_user_name_trgm_idx ON app_user USING gin (name gin_trgm_ops)', ...INDEXES_015.create];
  for (const name of ['app_user_name_trgm_idx', ...INDEXES_015.drop]) await pg.query(`DROP INDEX ${name}`);
  await pg.query(
    `WITH trusts AS (SELECT id, row_number() OVER (ORDER BY ods_code) - 1 AS n FROM organisation WHERE type = 'TRUST' AND is_active),
     first_names AS (SELECT ARRAY['Amara','Ben','Chloe','Daniel','Esme','Farid','Grace','Harry','Isla','Jamal','Kate','Liam','Maya','Noah','Olivia','Priya','Quentin','Rosa','Sam','Tariq','Uma','Victor','Wendy','Yusuf','Zara'] AS a),
     last_names AS (SELECT ARRAY['Okafor','Whitmore','Smith','Jones','Patel','Khan','Williams','Brown','Taylor','Davies','Evans','Wilson','Thomas','Johnson','Roberts','Robinson','Thompson','Wright','Walker','White','Edwards','Hughes','Green','Hall','Lewis','Harris','Clarke','Jackson','Wood','Turner','Martin','Cooper','Hill','Ward','Morris','Moore','Clark','Lee','King','Baker'] AS a),
     people AS (
       INSERT INTO app_user (email, name, organisation_id, password_hash)
       SELECT 'person' || s.g || '@nhs.net', f.a[1 + (s.g * 7) % 25] || ' ' || l.a[1 + (s.g * 13) % 40] || ' ' || s.g, t.id, 'x'
       FROM (SELECT g, g % (SELECT count(*) FROM trusts) AS k FROM generate_series(1, $1::int) g) s
       JOIN trusts t ON t.n = s.k CROSS JOIN first_names f CROSS JOIN last_names l
       RETURNING id, organisation_id
     )
     INSERT INTO role_assignment (user_id, organisation_id, role) SELECT id, organisation_id, 'LEARNER' FROM people`,
    [LEARNERS],
  );
  for (const sql of searchIndexes) await pg.query(sql);
  const admins = {};
  for (const [role, odsCode] of [
    ['NATIONAL_ADMIN', 'X24'],
    ['REGIONAL_ADMIN', 'Y56'],
    ['ORG_ADMIN', 'RJ1'],
  ]) {
    const { rows } = await pg.query(
      `WITH o AS (SELECT id FROM organisation WHERE ods_code = $2),
       u AS (INSERT INTO app_user (email, name, organisation_id, password_hash) SELECT $1 || '@bench.nhs.net', 'Bench ' || $1, id, 'x' FROM o RETURNING id, organisation_id)
       INSERT INTO role_assignment (user_id, organisation_id, role) SELECT id, organisation_id, $3 FROM u RETURNING user_id, organisation_id`,
      [role.toLowerCase(), odsCode, role],
    );
    admins[role] = {
      id: rows[0].user_id,
      email: `${role.toLowerCase()}@bench.nhs.net`,
      name: `Bench ${role}`,
      organisationId: rows[0].organisation_id,
      roles: [{ role, organisationId: rows[0].organisation_id }],
    };
  }
  await pg.query('VACUUM ANALYZE app_user');
  await pg.query('VACUUM ANALYZE role_assignment');
  return admins;
}

/** The list as each admin uses it: first pages, a second page, searches by name, address and role. */
function cases(admins) {
  return [
    ['national_first_page', admins.NATIONAL_ADMIN, {}],
    ['national_search_name', admins.NATIONAL_ADMIN, { search: 'whitmore' }],
    ['national_search_email', admins.NATIONAL_ADMIN, { search: 'person123456@' }],
    ['national_role_regional_admin', admins.NATIONAL_ADMIN, { role: 'REGIONAL_ADMIN' }],
    ['national_search_and_role', admins.NATIONAL_ADMIN, { search: 'okafor', role: 'LEARNER' }],
    ['regional_first_page', admins.REGIONAL_ADMIN, {}],
    ['regional_search_name', admins.REGIONAL_ADMIN, { search: 'priya khan' }],
    ['org_first_page', admins.ORG_ADMIN, {}],
    ['org_search_name', admins.ORG_ADMIN, { search: 'smith' }],
  ];
}

async function measure(users, admins) {
  const figures = {};
  for (const [name, me, query] of cases(admins)) {
    const samples = [];
    let page;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      page = await users.list(me, { first: 20, ...query });
      samples.push(performance.now() - started);
    }
    // The second page, through the first page's cursor.
    if (name.endsWith('first_page') && page.pageInfo.endCursor) {
      const next = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        await users.list(me, { first: 20, ...query, after: page.pageInfo.endCursor });
        next.push(performance.now() - started);
      }
      figures[name.replace('first_page', 'second_page')] = round(median(next), 1);
    }
    figures[name] = round(median(samples), 1);
  }
  return figures;
}

async function bootApi(env) {
  Object.assign(process.env, env);
  require(path.join(ROOT, 'scripts', 'register-paths.js'));
  const { Test } = require('@nestjs/testing');
  const { UsersService } = require('@dasv/users');
  const { AppModule } = require(path.join(ROOT, 'dist', 'apps', 'api', 'src', 'app.module.js'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const api = moduleRef.createNestApplication({ logger: false });
  await api.init();
  return { api, users: api.get(UsersService) };
}

async function main() {
  services.setSignalExitCode(130);
  services.ensureDependencies();
  await build();
  const started = await startThrowawayServices({ prefix: 'dasv-bench-users-', database: 'dasv_bench', fast: true });
  onShutdown(async () => {
    if (state.pg) await state.pg.end().catch(() => {});
    if (state.api) await state.api.close().catch(() => {});
  });
  const env = {
    DATABASE_URL: started.postgres.url,
    REDIS_URL: started.redis.url,
    SMTP_URL: started.smtp.smtpUrl,
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    REDIS_PREFIX: 'bench',
  };
  runCli(['migrate', 'up'], env);
  runCli(['seed'], env);

  const { Client } = require('pg');
  state.pg = new Client({ connectionString: started.postgres.url });
  await state.pg.connect();
  const generating = performance.now();
  const admins = await prepareData(state.pg);
  log(`${LEARNERS} learner accounts generated and indexed in ${((performance.now() - generating) / 1000).toFixed(0)}s`);

  const { api, users } = await bootApi(env);
  state.api = api;
  const indexed = await measure(users, admins);
  log(`with migration 015: ${JSON.stringify(indexed)}`);

  for (const name of INDEXES_015.drop) await state.pg.query(`DROP INDEX ${name}`);
  await state.pg.query('ANALYZE app_user, role_assignment');
  const baseline = await measure(users, admins);
  log(`without migration 015 (baseline): ${JSON.stringify(baseline)}`);
  for (const sql of INDEXES_015.create) await state.pg.query(sql);

  const slowest = Math.max(...Object.values(indexed));
  const summary = {
    learners: LEARNERS,
    ms: indexed,
    baseline_ms: baseline,
    slowest_ms: slowest,
    baseline_slowest_ms: Math.max(...Object.values(baseline)),
    goals: GOALS,
    meets_goals: { slowest_ms: slowest <= 300 },
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return shutdown(0);
}

main().catch((err) => {
  process.stderr.write(`[dasv] bench:users-search failed: ${err.stack || err.message}\n`);
  shutdown(1);
});
