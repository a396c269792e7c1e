import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, OperationTypeNode, SelectionSetNode } from 'graphql';

export interface OperationShape {
  /** Distinct response keys at the top level, fragments included. */
  rootFields: number;
  /**
   * The field asked for under the most aliases in any one selection, and how many. A mutation's own
   * top level is not counted: its fields run one after another, are bounded by the root-field limit,
   * and each carries its own limits (sign-in lockout, e-mails per recipient), which their tests
   * exercise with aliases.
   */
  mostAliased: { field: string; aliases: number };
}

/**
 * Counts what a cost estimate can miss: each root field is its own piece of work however cheap,
 * and the same field under many aliases multiplies whatever it costs.
 */
export function operationShape(document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const mostAliased = { field: '', aliases: 0 };

  /** Response key → field name of one selection set, fragments flattened (validation has ruled out cycles). */
  const flatten = (selectionSet: SelectionSetNode, into: Map<string, string>, seen: Set<string>): Map<string, string> => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        into.set(selection.alias?.value ?? selection.name.value, selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        flatten(selection.selectionSet, into, seen);
      } else if (!seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) flatten(fragment.selectionSet, into, new Set([...seen, selection.name.value]));
      }
    }
    return into;
  };

  const visitSets = (selectionSet: SelectionSetNode, seen: Set<string>, counted = true): void => {
    const perField = new Map<string, number>();
    if (counted) for (const field of flatten(selectionSet, new Map(), seen).values()) perField.set(field, (perField.get(field) ?? 0) + 1);
    for (const [field, aliases] of perField) {
      if (aliases > mostAliased.aliases) Object.assign(mostAliased, { field, aliases });
    }
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.selectionSet) visitSets(selection.selectionSet, seen);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visitSets(selection.selectionSet, seen);
      else if (selection.kind === Kind.FRAGMENT_SPREAD && !seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value);
        if (fragment) visitSets(fragment.selectionSet, new Set([...seen, selection.name.value]));
      }
    }
  };

  visitSets(operation.selectionSet, new Set(), operation.operation !== OperationTypeNode.MUTATION);
  return { rootFields: flatten(operation.selectionSet, new Map(), new Set()).size, mostAliased };
}
