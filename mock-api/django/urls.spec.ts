import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendSlashLocation, pathInfo, resolve } from './urls';

describe('URLconf', () => {
  it('resolves the five endpoints and nothing else', () => {
    assert.deepEqual(resolve('/accounts/get_auth_token/'), { name: 'obtain-auth-token' });
    assert.deepEqual(resolve('/accounts/logout/'), { name: 'logout' });
    assert.deepEqual(resolve('/polls/api/questions/'), { name: 'question-list' });
    assert.deepEqual(resolve('/polls/api/questions/12/'), { name: 'question-detail', pk: '12' });
    assert.deepEqual(resolve('/polls/api/questions/abc/vote/'), {
      name: 'question-vote',
      pk: 'abc',
    });
    for (const path of [
      '/db',
      '/users',
      '/tokens',
      '/questions',
      '/choices',
      '/polls/api/users',
      '/polls/api/',
      '/',
      '/polls/api/questions/1.5/',
    ]) {
      assert.equal(resolve(path), null, path);
    }
  });

  it("decodes the path as Django's path_info", () => {
    assert.equal(pathInfo('/polls/api/questions/%31/'), '/polls/api/questions/1/');
    assert.equal(pathInfo('/x/%C3%A9'), '/x/é');
    assert.equal(pathInfo('/x/%ff%C3'), '/x/%FF%C3');
  });

  it("redirects to the slashed URL like CommonMiddleware's APPEND_SLASH", () => {
    assert.equal(appendSlashLocation('/polls/api/questions/1'), '/polls/api/questions/1/');
    assert.equal(
      appendSlashLocation('/polls/api/questions/%31?a=1&b=%C3%A9'),
      '/polls/api/questions/1/?a=1&b=%C3%A9',
    );
    assert.equal(appendSlashLocation('/accounts/get_auth_token'), '/accounts/get_auth_token/');
    assert.equal(appendSlashLocation('/db'), null);
    assert.equal(appendSlashLocation('/polls/api/questions/'), null);
  });
});
