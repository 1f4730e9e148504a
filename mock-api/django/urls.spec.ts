import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_PATHS, FLAVOR_PATHS, SCHEMA_PATH } from '../../api/paths';
import { appendSlashLocation, pathInfo, resolve, reverse } from './urls';

describe('URLconf', () => {
  it('resolves the six endpoints and the schema, and nothing else', () => {
    assert.deepEqual(resolve(API_PATHS.login), { name: 'obtain-auth-token' });
    // The polls app's URLconf serves the schema before the router's URLs, with no suffix.
    assert.deepEqual(resolve(SCHEMA_PATH), { name: 'schema' });
    assert.deepEqual(resolve(SCHEMA_PATH, 'knox'), { name: 'schema' });
    assert.deepEqual(resolve(API_PATHS.logout), { name: 'logout' });
    assert.deepEqual(resolve(API_PATHS.apiRoot), { name: 'api-root' });
    assert.deepEqual(resolve(API_PATHS.questions), { name: 'question-list' });
    assert.deepEqual(resolve(API_PATHS.question(12)), { name: 'question-detail', pk: '12' });
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
      '/polls/',
      '/',
      '/polls/api/questions/1.json/vote/',
      '/polls/api/questions.JSON',
      '/accounts/get_auth_token.json',
      '/polls/api/schema.json',
    ]) {
      assert.equal(resolve(path), null, path);
    }
  });

  it("resolves DefaultRouter's format suffixes, a slash after them optional", () => {
    assert.deepEqual(resolve('/polls/api/.json'), { name: 'api-root', format: 'json' });
    assert.deepEqual(resolve('/polls/api/questions.json'), {
      name: 'question-list',
      format: 'json',
    });
    assert.deepEqual(resolve('/polls/api/questions.api/'), {
      name: 'question-list',
      format: 'api',
    });
    assert.deepEqual(resolve('/polls/api/questions/1.json'), {
      name: 'question-detail',
      pk: '1',
      format: 'json',
    });
    // The pk stops at the dot: this is question 1 in a format named "5".
    assert.deepEqual(resolve('/polls/api/questions/1.5/'), {
      name: 'question-detail',
      pk: '1',
      format: '5',
    });
    assert.deepEqual(resolve('/polls/api/questions/2/vote.json'), {
      name: 'question-vote',
      pk: '2',
      format: 'json',
    });
  });

  it('reverses the names of the routes that capture nothing, with a format suffix too', () => {
    assert.equal(reverse('question-list'), API_PATHS.questions);
    assert.equal(reverse('api-root'), API_PATHS.apiRoot);
    assert.equal(reverse('question-list', 'json'), '/polls/api/questions.json');
    assert.equal(reverse('api-root', 'json'), '/polls/api/.json');
    assert.throws(() => reverse('logout', 'json'), /no URL named logout with a format/);
  });

  it("decodes the path as Django's path_info", () => {
    assert.equal(pathInfo('/polls/api/questions/%31/'), API_PATHS.question(1));
    assert.equal(pathInfo('/x/%C3%A9'), '/x/é');
    assert.equal(pathInfo('/x/%ff%C3'), '/x/%FF%C3');
  });

  it("redirects to the slashed URL like CommonMiddleware's APPEND_SLASH", () => {
    assert.equal(appendSlashLocation('/polls/api/questions/1'), API_PATHS.question(1));
    assert.equal(
      appendSlashLocation('/polls/api/questions/%31?a=1&b=%C3%A9'),
      '/polls/api/questions/1/?a=1&b=%C3%A9',
    );
    assert.equal(appendSlashLocation('/accounts/get_auth_token'), API_PATHS.login);
    assert.equal(appendSlashLocation('/polls/api'), API_PATHS.apiRoot);
    assert.equal(
      appendSlashLocation('/polls/api/schema?format=json'),
      '/polls/api/schema/?format=json',
    );
    assert.equal(appendSlashLocation('/db'), null);
    assert.equal(appendSlashLocation(API_PATHS.questions), null);
  });

  it("serves each flavour's auth URLs instead of the tutorial's, as its urls.py writes them", () => {
    assert.deepEqual(resolve(FLAVOR_PATHS.djoser.login, 'djoser'), { name: 'djoser-login' });
    // djoser's re_path(r"^token/login/?$") and dj-rest-auth's r'logout/?$': no redirect.
    assert.deepEqual(resolve('/auth/token/logout', 'djoser'), { name: 'djoser-logout' });
    assert.deepEqual(resolve('/dj-rest-auth/logout', 'dj-rest-auth'), { name: 'rest-logout' });
    assert.equal(resolve('/dj-rest-auth/login', 'dj-rest-auth'), null);
    assert.equal(
      appendSlashLocation('/dj-rest-auth/login', 'dj-rest-auth'),
      '/dj-rest-auth/login/',
    );
    assert.deepEqual(resolve(FLAVOR_PATHS.knox.logoutAll, 'knox'), { name: 'knox-logoutall' });
    assert.equal(appendSlashLocation('/api/auth/logout', 'knox'), FLAVOR_PATHS.knox.logout);
    assert.equal(resolve(API_PATHS.login, 'knox'), null);
    assert.equal(resolve(FLAVOR_PATHS.knox.login), null, 'not in the tutorial URLconf');
    assert.deepEqual(resolve(API_PATHS.questions, 'djoser'), { name: 'question-list' });
  });
});
