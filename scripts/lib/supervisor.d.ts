// Types for the tests that drive the launcher's supervisor directly.
export interface SupervisedChild {
  pid?: number;
  exited: Promise<unknown>;
  stop(options?: unknown): Promise<unknown>;
  output?(): string;
  describeExit?(): string;
  process?: { output(): string; describeExit(): string };
}

export interface SupervisorClock {
  now(): number;
  wait(ms: number): Promise<void>;
}

export interface SupervisorOptions<C extends SupervisedChild> {
  name: string;
  start: () => C | Promise<C>;
  onGiveUp?: (reason: string) => void;
  isShuttingDown?: () => boolean;
  log?: (message: string) => void;
  clock?: SupervisorClock;
  stopOptions?: unknown;
  initialDelayMs?: number;
  maxDelayMs?: number;
  crashLimit?: number;
  crashWindowMs?: number;
  stableAfterMs?: number;
  tailLines?: number;
}

export class Supervisor<C extends SupervisedChild = SupervisedChild> {
  constructor(options: SupervisorOptions<C>);
  readonly name: string;
  current: C | null;
  gaveUp: string | null;
  restarts: number;
  start(): Promise<C>;
  adopt(child: C): C;
  stop(options?: unknown): Promise<void>;
  settled(): Promise<void>;
}

export const DEFAULT_POLICY: Required<
  Pick<SupervisorOptions<SupervisedChild>, 'initialDelayMs' | 'maxDelayMs' | 'crashLimit' | 'crashWindowMs' | 'stableAfterMs' | 'tailLines'>
>;
