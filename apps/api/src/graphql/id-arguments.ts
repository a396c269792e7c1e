import { isUUID } from 'class-validator';
import {
  DocumentNode,
  getNamedType,
  GraphQLID,
  GraphQLInputType,
  GraphQLSchema,
  isListType,
  isNonNullType,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { FieldErrors } from '@dasv/common';

/**
 * Every ID a field takes as an argument of its own is a UUID (users, returns, submissions, course
 * content). Checked here once, for literals and variables alike, so a resolver never hands PostgreSQL
 * a value it cannot cast (which would surface as an internal error). IDs inside an input object are
 * left to that input's validation, which reports them together with every other problem of the
 * input; not every one of those is a UUID (a question's options are `a`, `b`, `c`…). The
 * hostile-arguments test proves each input refuses a malformed id as the client's error.
 */
export function invalidIdArguments(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): FieldErrors {
  const problems: FieldErrors = {};
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument || getNamedType(argument.type) !== GraphQLID) return;
        const value = valueFromAST(node.value, argument.type, variables);
        for (const path of badIds(value, argument.type, node.name.value)) problems[path] = [`${path} must be an id this service gave out`];
      },
    }),
  );
  return problems;
}

function badIds(value: unknown, type: GraphQLInputType, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (isNonNullType(type)) return badIds(value, type.ofType, path);
  if (isListType(type)) return Array.isArray(value) ? value.flatMap((item, i) => badIds(item, type.ofType, `${path}.${i}`)) : badIds(value, type.ofType, path);
  // GraphQL's ID type hands literals and variables over as strings.
  return type === GraphQLID && !(typeof value === 'string' && isUUID(value)) ? [path] : [];
}
