/**
 * DataLoaders live for one request: built lazily from a singleton factory and cached in the GraphQL
 * context, so a batch never serves one user's rows to another.
 */
export interface LoaderFactory<T> {
  createLoaders(): T;
}

export class RequestLoaders {
  private readonly sets = new Map<LoaderFactory<unknown>, unknown>();

  get<T>(factory: LoaderFactory<T>): T {
    let set = this.sets.get(factory) as T | undefined;
    if (set === undefined) {
      set = factory.createLoaders();
      this.sets.set(factory, set);
    }
    return set;
  }
}
