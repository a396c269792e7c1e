import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getVariableValues } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '@dasv/common';
import { AppConfig } from '@dasv/config';
import { requestRefused } from './client-error';
import { invalidIdArguments } from './id-arguments';
import { operationShape } from './operation-shape';

/**
 * Refuses, before any resolver runs, a query that would cost more than one request may (nest
 * sample 23): too many root fields, one field under too many aliases, or an estimated cost over the
 * limit (exports cost what they read, lists what they return). Ids that are not ids are refused here too.
 */
@Plugin()
export class ComplexityPlugin implements ApolloServerPlugin {
  constructor(
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly config: AppConfig,
  ) {}

  // Apollo's hooks return promises; `async` keeps a throw here a rejection, as Apollo expects.
  // eslint-disable-next-line @typescript-eslint/require-await
  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    const { schema } = this.schemaHost;
    const { GRAPHQL_MAX_COMPLEXITY: max, GRAPHQL_MAX_ROOT_FIELDS: maxRootFields, GRAPHQL_MAX_ALIASES: maxAliases } = this.config.env;
    return {
      // Refuses by throwing: `async` makes that the rejected promise Apollo's hook is meant to return.
      // eslint-disable-next-line @typescript-eslint/require-await
      async didResolveOperation({ request, document, operation }) {
        if (!operation) return;
        // Variables that do not fit their types are refused by execution itself (BAD_USER_INPUT, 400)
        // before any resolver runs; estimating with them would throw an uncoded error instead.
        const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
        if (variables.errors) return;

        const shape = operationShape(document, operation);
        if (shape.rootFields > maxRootFields) {
          throw requestRefused(
            ErrorCode.QueryTooComplex,
            `A request may ask for at most ${maxRootFields} top-level fields; this one asks for ${shape.rootFields}.`,
            { rootFields: shape.rootFields, max: maxRootFields },
          );
        }
        if (shape.mostAliased.aliases > maxAliases) {
          throw requestRefused(
            ErrorCode.QueryTooComplex,
            `A request may ask for ${shape.mostAliased.field} under at most ${maxAliases} aliases; this one uses ${shape.mostAliased.aliases}.`,
            { field: shape.mostAliased.field, aliases: shape.mostAliased.aliases, max: maxAliases },
          );
        }
        const complexity = getComplexity({
          schema,
          operationName: request.operationName,
          query: document,
          variables: request.variables,
          estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
        });
        if (complexity > max) {
          throw requestRefused(ErrorCode.QueryTooComplex, `Query is too complex: ${complexity}. The maximum allowed is ${max}.`, { complexity, max });
        }

        const fields = invalidIdArguments(schema, document, variables.coerced);
        if (Object.keys(fields).length > 0) {
          throw requestRefused(ErrorCode.BadUserInput, `Check the highlighted fields: ${Object.keys(fields).join(', ')}.`, { fields });
        }
      },
    };
  }
}
