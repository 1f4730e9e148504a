/**
 * The contract suite: the same cases against every server main.ts hands over, each
 * server in turn, the cases in order (a logout revokes the key later cases log in again
 * for). Run it with `npm run test:contract`.
 */
import { describe } from 'node:test';
import { errorsContract } from './errors';
import { loginContract } from './login';
import { logoutContract } from './logout';
import { pollsContract } from './polls';
import { ServerUnderTest, targetsFromEnv } from './server-under-test';
import { tokenAuthenticationContract } from './token-authentication';

for (const target of targetsFromEnv()) {
  const server = new ServerUnderTest(target);
  describe(target.name, () => {
    tokenAuthenticationContract(server);
    loginContract(server);
    pollsContract(server);
    errorsContract(server);
    logoutContract(server);
  });
}
