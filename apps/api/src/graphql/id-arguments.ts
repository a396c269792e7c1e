import { isUUID } from 'class-validator';
import {
  DocumentNode,
  getNamedType,
  GraphQLID,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { FieldErrors } from '@dasv/common';

/**
 * Every ID this API accepts is a UUID (users, organisations' rows, returns, submissions, course
 * content). Checked here once, for literals and variables alike and however deep in an input, so a
 * resolver never hands PostgreSQL a value it cannot cast (which would surface as an internal error).
 */
export function invalidIdArguments(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): FieldErrors {
  const problems: FieldErrors = {};
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        if (!argument || !mentionsId(argument.type)) return;
        const value = valueFromAST(node.value, argument.type, variables);
        for (const path of badIds(value, argument.type, node.name.value)) problems[path] = [`${path} must be an id this service gave out`];
      },
    }),
  );
  return problems;
}

function mentionsId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named === GraphQLID) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => mentionsId(field.type, seen));
}

function badIds(value: unknown, type: GraphQLInputType, path: string): string[] {
  if (value === null || value === undefined) return [];
  if (isNonNullType(type)) return badIds(value, type.ofType, path);
  if (isListType(type)) return Array.isArray(value) ? value.flatMap((item, i) => badIds(item, type.ofType, `${path}.${i}`)) : badIds(value, type.ofType, path);
  if (isInputObjectType(type)) {
    return Object.values(type.getFields()).flatMap((field) => badIds((value as Record<string, unknown>)[field.name], field.type, `${path}.${field.name}`));
  }
  return type === GraphQLID && !isUUID(String(value)) ? [path] : [];
}
