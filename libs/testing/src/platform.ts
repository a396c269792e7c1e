import type { INestApplication, Type } from '@nestjs/common';

/** What a test app needs from the worker to play its part on demand (see TestApp.runJobs). */
export interface OutboxRelayControl {
  drain(): Promise<number>;
  pause(): Promise<void>;
}

/**
 * The apps a test boots, handed to this library by the test run (test/platform.ts, a jest setup
 * file) rather than imported: libraries never import apps, and the apps are assembled from them.
 */
export interface Platform {
  apiModule: Type<unknown>;
  configureApi: (app: INestApplication) => void;
  workerModule: Type<unknown>;
  workerQueues: readonly string[];
  outboxRelay: Type<OutboxRelayControl>;
  outboxCompletions: Type<{ flush(): Promise<void> }>;
  outboxReconciler: Type<{ reconcile(): Promise<unknown> }>;
}

let registered: Platform | undefined;

export function registerPlatform(platform: Platform): void {
  registered = platform;
}

export function platform(): Platform {
  if (!registered) throw new Error('No platform registered: jest runs test/platform.ts first (setupFiles in jest.config.js).');
  return registered;
}
