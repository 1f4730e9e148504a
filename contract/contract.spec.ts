/**
 * The contract suite: the same cases against every server main.ts hands over, each
 * server in turn, the cases in order (a logout revokes the key later cases log in again
 * for). Run it with `npm run test:contract`.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { errorsContract } from './errors';
import { flavorContract } from './flavors';
import { loginContract } from './login';
import { logoutContract } from './logout';
import { pollsContract } from './polls';
import { describedAnswers } from './schema';
import { schemaViewContract } from './schema-view';
import { ServerUnderTest, targetsFromEnv } from './server-under-test';
import { tokenAuthenticationContract } from './token-authentication';

for (const target of targetsFromEnv()) {
  const server = new ServerUnderTest(target);
  describe(target.name, () => {
    if (target.flavor !== undefined && target.flavor !== 'authtoken') {
      flavorContract(server);
      return;
    }
    tokenAuthenticationContract(server);
    loginContract(server);
    pollsContract(server);
    errorsContract(server);
    if (target.servesSchema) schemaViewContract(server);
    logoutContract(server);
    server.test(
      'met every answer api/openapi.yaml describes, each as the schema says',
      async () => {
        const missed = describedAnswers().filter((answer) => !server.schema.met.has(answer));
        assert.deepEqual(missed, [], 'answers the schema describes that no case met');
      },
    );
  });
}
