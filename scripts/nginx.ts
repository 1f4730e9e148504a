/**
 * What running the committed nginx config needs: the Debian packages, a certificate, and
 * the config itself with a site's values on its `# site: NAME` lines (deploy/nginx.conf).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The committed config: the site file and the header snippet it includes. */
export const DEPLOY_DIR = resolve(__dirname, '..', 'deploy');
/** Where Debian's libnginx-mod-http-brotli-static puts the module. */
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

/** The values of a site: one per `# site: NAME` line of deploy/nginx.conf. */
export interface SiteValues {
  /** address:port; undefined keeps the committed line (nothing proxies to it). */
  readonly upstream: string | undefined;
  /** address:port */
  readonly http_listen: string;
  /** The https origin, e.g. https://polls.example.com. */
  readonly redirect: string;
  /** address:port */
  readonly https_listen: string;
  /** The https address:port again, for the server that refuses other host names. */
  readonly https_default: string;
  /** The IPv6 address:port of each, e.g. [::]:80; null drops the line. */
  readonly http_listen6: string | null;
  readonly https_listen6: string | null;
  readonly https_default6: string | null;
  /** The folder certbot --webroot writes its challenge files into. */
  readonly acme_root: string;
  readonly server_name: string;
  readonly ssl_certificate: string;
  readonly ssl_certificate_key: string;
  readonly root: string;
  /** The API's own origin, e.g. https://api.example.com; "" when it is behind the site. */
  readonly api_origin: string;
  /** The snippet that proxies the API (snippets/api-proxy.conf); null when it has its own origin. */
  readonly api_proxy: string | null;
  /** The API's token backend, e.g. djoser; undefined keeps the committed authtoken. */
  readonly auth_flavor: string | undefined;
}

/**
 * Whether an origin can be written into the config's quoted strings as it is: only the
 * characters an origin needs, so no quote ends the string and no `$` names a variable.
 */
export function isNginxSafe(origin: string): boolean {
  return /^[\w.:/[\]-]+$/.test(origin);
}

const SITE_LINE = /^(\s*\S+)\s+(.+?);\s*# site: (\w+)$/gm;

/**
 * The fixed text around a site value, which the site keeps as committed: the value is
 * the one variable part. A line of another shape is an error, so that the text the
 * tests run is the text a server runs.
 */
const SITE_SHAPES: Readonly<Record<string, RegExp>> = {
  redirect: /^(301 )(\S+?)(\$request_uri)$/,
  https_listen: /^()(\S+)( ssl http2)$/,
  https_listen6: /^()(\S+)( ssl http2)$/,
  https_default: /^()(\S+)( ssl default_server)$/,
  https_default6: /^()(\S+)( ssl default_server)$/,
  api_origin: /^(\$api_origin ")(.*)(")$/,
  auth_flavor: /^(\$auth_flavor ")(.*)(")$/,
};
const WHOLE = /^()(.+)()$/;

/**
 * The config with `values` in place of the variable part of its per-site lines (a null
 * value comments its line out, an undefined one keeps it); the rest of the text is left as it is. Throws unless each name is on exactly one line, in its shape.
 */
export function siteConfig(template: string, values: SiteValues): string {
  const seen = new Map<string, number>();
  const text = template.replace(
    SITE_LINE,
    (line, directive: string, args: string, name: string) => {
      seen.set(name, (seen.get(name) ?? 0) + 1);
      if (!(name in values)) throw new Error(`deploy/nginx.conf: unknown site value ${name}`);
      const value = (values as unknown as Record<string, string | null | undefined>)[name];
      if (value === undefined) return line;
      if (value === null) return `${directive.replace(/\S+$/, '')}# site: ${name} (not here)`;
      const shape = SITE_SHAPES[name] ?? WHOLE;
      const parts = shape.exec(args);
      if (!parts) {
        throw new Error(`deploy/nginx.conf: site line ${name} does not read ${String(shape)}`);
      }
      return `${directive} ${parts[1]}${value}${parts[3]}; # site: ${name}`;
    },
  );
  for (const name of Object.keys(values)) {
    if (seen.get(name) !== 1) {
      throw new Error(`deploy/nginx.conf: site value ${name} is on ${seen.get(name) ?? 0} lines`);
    }
  }
  return text;
}

/**
 * The main config around the site file, as Debian's /etc/nginx/nginx.conf is, but with
 * every file nginx writes inside `prefix`, so that it runs without touching /var.
 */
export function mainConfig(prefix: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${join(prefix, `${kind}_temp`)};`)
    .join('\n');
  // As root, the workers would run as nobody, who may not read a checkout under /root.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  return `${user}worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log stderr warn;
load_module ${BROTLI_MODULE};
events {
    worker_connections 256;
}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
${temp}
    include site.conf;
}
`;
}

/** Where to look for the programs and the module; the defaults are Debian's places. */
export interface Places {
  readonly dirs: readonly string[];
  readonly brotliModule: string;
}

const DEBIAN: Places = {
  // /usr/sbin, where nginx is, is often not on a user's PATH.
  dirs: [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin'],
  brotliModule: BROTLI_MODULE,
};

function onPath(command: string, places: Places): string | undefined {
  return places.dirs
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, command))
    .find((path) => existsSync(path));
}

/** The nginx binary, or undefined when it is not installed. */
export function nginxBinary(places: Places = DEBIAN): string | undefined {
  return onPath('nginx', places);
}

/** The Debian packages that are missing for nginx with brotli and for making a certificate. */
export function missingPackages(places: Places = DEBIAN): string[] {
  return [
    ...(nginxBinary(places) ? [] : ['nginx']),
    ...(existsSync(places.brotliModule) ? [] : ['libnginx-mod-http-brotli-static']),
    ...(onPath('openssl', places) ? [] : ['openssl']),
  ];
}

/** What to tell a user who lacks `missing`: one line with the command that installs them. */
export function installHint(missing: readonly string[]): string {
  return `${missing.join(', ')} missing; install with: sudo apt-get install ${missing.join(' ')}`;
}

/**
 * The nginx binary, after checking that it and its brotli module are there (the config
 * loads the module); throws the one-line install hint otherwise.
 */
export function requireNginx(places: Places = DEBIAN): string {
  const missing = missingPackages(places).filter((name) => name !== 'openssl');
  const nginx = nginxBinary(places);
  if (missing.length > 0 || !nginx) throw new Error(installHint(missing));
  return nginx;
}

/** Throws the one-line install hint unless nginx, its brotli module and openssl are there. */
export function requirePackages(places: Places = DEBIAN): void {
  const missing = missingPackages(places);
  if (missing.length > 0) throw new Error(installHint(missing));
}

/** A certificate and its key, as PEM files. */
export interface Certificate {
  readonly cert: string;
  readonly key: string;
}

/** Makes a self-signed certificate for localhost (and 127.0.0.1) into `dir`, valid a year. */
export async function selfSignedCertificate(dir: string): Promise<Certificate> {
  const cert = join(dir, 'localhost.crt');
  const key = join(dir, 'localhost.key');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '365',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { cert, key };
}
