import { Role } from './roles';

/**
 * Who reads a list, as its query is scoped: the caller, and the roles among theirs that carry the
 * permission the list needs (AccessService.viewer). With no such role, nothing is in scope.
 */
export interface Viewer {
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** Puts a value among a query's parameters and returns the placeholder that stands for it. */
export type BindParameter = (value: unknown) => string;

/**
 * SQL that is true when `column` (an organisation id) lies at or below an organisation where the
 * viewer holds one of their roles: one indexed join of role_assignment with the organisation closure.
 * Repositories add it to their own WHERE, so lists are filtered in the database, never after loading;
 * `bind` puts the viewer's id and roles among the query's parameters, in the query's own style.
 */
export function inViewerScope(viewer: Viewer, column: string, bind: BindParameter): string {
  return `EXISTS (SELECT 1 FROM role_assignment sr JOIN organisation_ancestor sa ON sa.ancestor_id = sr.organisation_id
                  WHERE sr.user_id = ${bind(viewer.userId)}::uuid AND sr.role = ANY(${bind(viewer.roles)}::text[]) AND sa.descendant_id = ${column})`;
}

/** For SQL run with positional parameters: appends each value to `params` and answers `$n`. */
export function positionalParameters(params: unknown[]): BindParameter {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/** For a TypeORM query builder: sets each value as a named parameter of `qb` and answers `:name`. */
export function namedParameters(qb: { setParameter(key: string, value: unknown): unknown }): BindParameter {
  let count = 0;
  return (value) => {
    const name = `viewerScope${++count}`;
    qb.setParameter(name, value);
    return `:${name}`;
  };
}
