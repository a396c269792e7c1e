import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { ErrorCode } from '@dasv/common';

/**
 * While PostgreSQL or Redis is down, a GraphQL answer is a 503 with SERVICE_UNAVAILABLE, so clients
 * and load balancers retry later. Partial data is dropped: it could only be the part that happened
 * not to need the missing service, and the response would otherwise be reset to 200 as a normal result.
 */
@Plugin()
export class ServiceUnavailablePlugin implements ApolloServerPlugin {
  // Apollo's hooks return promises; `async` keeps a throw here a rejection, as Apollo expects.
  // eslint-disable-next-line @typescript-eslint/require-await
  async requestDidStart(): Promise<GraphQLRequestListener<object>> {
    return {
      // eslint-disable-next-line @typescript-eslint/require-await -- as above: Apollo's hook returns a promise.
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        if (!result.errors?.some((error) => error.extensions?.code === ErrorCode.ServiceUnavailable)) return;
        delete result.data;
        result.errors = result.errors.filter((error) => error.extensions?.code === ErrorCode.ServiceUnavailable).slice(0, 1);
        response.http.status = 503;
        response.http.headers.set('retry-after', '30');
      },
    };
  }
}
