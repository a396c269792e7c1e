// Types for the tests that start children the way the launcher does.
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  pid: number | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; error: Error | null }>;
  readonly running: boolean;
  output(): string;
  describeExit(): string;
  signal(signal: NodeJS.Signals): void;
  stop(options?: { signal?: NodeJS.Signals; timeoutMs?: number }): Promise<unknown>;
}

export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  options?: SpawnOptions & {
    stopSignal?: NodeJS.Signals;
    capture?: boolean;
    forward?: boolean;
    format?: ((chunk: Buffer) => string) | null;
    onOutput?: (text: string) => void;
  },
): ManagedProcess;
