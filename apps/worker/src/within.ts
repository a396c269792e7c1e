/**
 * Rejects when `work` has not settled within `ms`. BullMQ's connections queue commands while Redis is
 * away instead of failing them, so a call made then would otherwise hold its caller (and any rows it
 * has locked) until Redis is back.
 */
export function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
