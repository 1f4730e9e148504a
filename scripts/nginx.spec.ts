/**
 * The committed nginx config as the harness runs it: the site's values land on the
 * `# site:` lines and nowhere else, and a missing package is named with its install command.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  DEPLOY_DIR,
  installHint,
  missingPackages,
  requireNginx,
  requirePackages,
  siteConfig,
  type SiteValues,
} from './nginx';
import { FLAVOR_PATHS } from '../api/paths';

const template = readFileSync(join(DEPLOY_DIR, 'nginx.conf'), 'utf8');
const values: SiteValues = {
  upstream: '127.0.0.1:3999',
  http_listen: '127.0.0.1:18080',
  redirect: 'https://localhost:18443',
  https_listen: '127.0.0.1:18443',
  http_listen6: '[::1]:18080',
  https_listen6: '[::1]:18443',
  https_default: '127.0.0.1:18443',
  https_default6: '[::1]:18443',
  acme_root: '/tmp/x/acme',
  server_name: 'localhost',
  ssl_certificate: '/tmp/x/localhost.crt',
  ssl_certificate_key: '/tmp/x/localhost.key',
  root: '/tmp/x/browser',
  api_origin: '',
  api_proxy: 'snippets/api-proxy.conf',
  auth_flavor: 'djoser',
};

test('the site values replace the arguments of their lines, and nothing else changes', () => {
  const site = siteConfig(template, values).split('\n');
  const original = template.split('\n');
  assert.equal(site.length, original.length);
  const changed = site.filter((line, index) => line !== original[index]);
  assert.deepEqual(
    changed.map((line) => line.trim()),
    [
      'server 127.0.0.1:3999; # site: upstream',
      'listen 127.0.0.1:18080; # site: http_listen',
      'listen [::1]:18080; # site: http_listen6',
      'root /tmp/x/acme; # site: acme_root',
      'return 301 https://localhost:18443$request_uri; # site: redirect',
      'listen 127.0.0.1:18443 ssl default_server; # site: https_default',
      'listen [::1]:18443 ssl default_server; # site: https_default6',
      'listen 127.0.0.1:18443 ssl http2; # site: https_listen',
      'listen [::1]:18443 ssl http2; # site: https_listen6',
      'server_name localhost; # site: server_name',
      'ssl_certificate /tmp/x/localhost.crt; # site: ssl_certificate',
      'ssl_certificate_key /tmp/x/localhost.key; # site: ssl_certificate_key',
      'root /tmp/x/browser; # site: root',
      'set $auth_flavor "djoser"; # site: auth_flavor',
    ],
  );
});

test("the API's token backend: authtoken as committed, the site's in the runtime config", () => {
  const committed = siteConfig(template, { ...values, auth_flavor: undefined });
  assert.match(committed, /^\s*set \$auth_flavor "authtoken"; # site: auth_flavor$/m);
  const site = siteConfig(template, { ...values, auth_flavor: 'dj-rest-auth' });
  assert.match(site, /^\s*set \$auth_flavor "dj-rest-auth"; # site: auth_flavor$/m);
  assert.match(
    site,
    /return 200 '\{"apiOrigin": "\$api_origin", "authFlavor": "\$auth_flavor"\}';/,
  );
});

test("every backend's login path is proxied under the login rate limit", () => {
  const proxy = readFileSync(join(DEPLOY_DIR, 'api-proxy.conf'), 'utf8');
  const limited = [
    ...proxy.matchAll(
      /^location = (\S+) \{\n\s+limit_req zone=polls_login burst=20 nodelay;\n\s+proxy_pass http:\/\/polls_api;\n\}$/gm,
    ),
  ].map((match) => match[1]);
  assert.deepEqual(
    limited,
    Object.values(FLAVOR_PATHS).map((flavor) => flavor.login),
  );
  const prefixes = [
    ...proxy.matchAll(/^location \^~ (\S+) \{\n\s+proxy_pass http:\/\/polls_api;\n\}$/gm),
  ].map((match) => String(match[1]));
  for (const path of Object.values(FLAVOR_PATHS).flatMap((flavor) => Object.values(flavor))) {
    const prefix = prefixes.find((candidate) => path.startsWith(candidate));
    assert.ok(prefix, `${path} is proxied`);
  }
});

test('the API on its own origin: no proxy, the origin in the runtime config and the CSP', () => {
  const committed = siteConfig(template, values);
  assert.match(committed, /^\s*include snippets\/api-proxy\.conf; # site: api_proxy$/m);
  assert.match(committed, /^\s*set \$api_origin ""; # site: api_origin$/m);

  const site = siteConfig(template, {
    ...values,
    upstream: undefined,
    api_origin: 'https://api.example.com',
    api_proxy: null,
  });
  assert.match(site, /^\s*set \$api_origin "https:\/\/api\.example\.com"; # site: api_origin$/m);
  assert.doesNotMatch(site, /include snippets\/api-proxy/);
  assert.doesNotMatch(site, /proxy_pass/, 'nothing is proxied');
  // Both read the one variable, so the config file and the CSP cannot disagree.
  assert.match(site, /return 200 '\{"apiOrigin": "\$api_origin", /);
  assert.match(site, /connect-src 'self' \$api_origin;/);
  // An undefined value keeps the committed line: nginx needs a server in the upstream block.
  assert.match(site, /^\s*server 127\.0\.0\.1:8000; # site: upstream$/m);
});

test('the committed per-site lines keep their fixed text around the value', () => {
  const lines = template.split('\n').map((line) => line.trim());
  assert.ok(
    lines.includes('return 301 https://polls.example.com$request_uri; # site: redirect'),
    'a permanent redirect to the same path and query',
  );
  assert.ok(lines.includes('listen 443 ssl http2; # site: https_listen'), 'TLS and HTTP/2');
  assert.ok(lines.includes('listen 80; # site: http_listen'));
  assert.ok(lines.includes('listen [::]:80; # site: http_listen6'), 'IPv6 clients too');
  assert.ok(lines.includes('listen [::]:443 ssl http2; # site: https_listen6'));
});

test('the committed file names one host: redirect, server_name and the certificate agree', () => {
  const arg = (name: string) => {
    const line = new RegExp(`^\\s*\\S+\\s+(.+?);\\s*# site: ${name}$`, 'm').exec(template);
    assert.ok(line, name);
    return String(line[1]);
  };
  const host = arg('server_name');
  assert.equal(arg('redirect'), `301 https://${host}$request_uri`);
  assert.equal(arg('ssl_certificate'), `/etc/letsencrypt/live/${host}/fullchain.pem`);
  assert.equal(arg('ssl_certificate_key'), `/etc/letsencrypt/live/${host}/privkey.pem`);
});

test('a null site value drops its line, on a host without IPv6', () => {
  const site = siteConfig(template, {
    ...values,
    http_listen6: null,
    https_listen6: null,
    https_default6: null,
  });
  assert.doesNotMatch(site, /\[::/);
  assert.match(site, /^\s*# site: http_listen6 \(not here\)$/m);
  assert.equal(site.split('\n').length, template.split('\n').length);
});

test('a per-site line that lost its fixed text is an error, not a silent rewrite', () => {
  for (const [from, to, name] of [
    [
      'return 301 https://polls.example.com$request_uri;',
      'return 302 https://polls.example.com;',
      'redirect',
    ],
    ['listen 443 ssl http2;', 'listen 443 ssl;', 'https_listen'],
    ['listen [::]:443 ssl http2;', 'listen [::]:443 ssl;', 'https_listen6'],
    ['listen 443 ssl default_server;', 'listen 443 ssl;', 'https_default'],
  ]) {
    assert.ok(template.includes(from));
    assert.throws(
      () => siteConfig(template.replace(from, to), values),
      new RegExp(`site line ${name} does not read`),
    );
  }
});

test('a site value on no line, or on two, is an error', () => {
  assert.throws(
    () => siteConfig(template.replace('# site: root', ''), values),
    /site value root is on 0 lines/,
  );
  const twice = template.replace(
    'server_name polls.example.com; # site: server_name',
    'server_name a; # site: server_name\n    server_name b; # site: server_name',
  );
  assert.throws(() => siteConfig(twice, values), /site value server_name is on 2 lines/);
  assert.throws(
    () => siteConfig(`${template}\n    listen 1; # site: other\n`, values),
    /unknown site value other/,
  );
});

test('missing programs and the module are named, with the apt-get line that installs them', () => {
  const nowhere = { dirs: ['/nonexistent'], brotliModule: '/nonexistent/brotli.so' };
  const missing = missingPackages(nowhere);
  assert.deepEqual(missing, ['nginx', 'libnginx-mod-http-brotli-static', 'openssl']);
  assert.equal(
    installHint(missing),
    'nginx, libnginx-mod-http-brotli-static, openssl missing; install with: sudo apt-get install nginx libnginx-mod-http-brotli-static openssl',
  );
  assert.deepEqual(missingPackages(), [], 'this machine has them (.ci/run installs them)');
  assert.throws(
    () =>
      requirePackages({ dirs: ['/usr/bin', '/usr/sbin'], brotliModule: '/nonexistent/brotli.so' }),
    {
      message:
        'libnginx-mod-http-brotli-static missing; install with: sudo apt-get install libnginx-mod-http-brotli-static',
    },
  );
  assert.doesNotThrow(() => requirePackages());
});

test('starting nginx needs its brotli module too, but not openssl', () => {
  const withoutModule = { dirs: ['/usr/bin', '/usr/sbin'], brotliModule: '/nonexistent/brotli.so' };
  assert.throws(() => requireNginx(withoutModule), {
    message:
      'libnginx-mod-http-brotli-static missing; install with: sudo apt-get install libnginx-mod-http-brotli-static',
  });
  assert.throws(() => requireNginx({ dirs: ['/nonexistent'], brotliModule: '/nonexistent/b.so' }), {
    message:
      'nginx, libnginx-mod-http-brotli-static missing; install with: sudo apt-get install nginx libnginx-mod-http-brotli-static',
  });
  assert.match(requireNginx(), /\/nginx$/);
});
