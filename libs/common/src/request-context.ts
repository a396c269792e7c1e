import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  requestId: string;
  ip?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Carries the request id from the HTTP edge down to audit rows and logs without threading it through every call. */
export const RequestContext = {
  run<T>(scope: RequestScope, fn: () => T): T {
    return storage.run(scope, fn);
  },
  current(): RequestScope | undefined {
    return storage.getStore();
  },
};
