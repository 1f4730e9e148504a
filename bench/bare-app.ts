import { readdir, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { buildApp, gzipSizes, type FileSize } from './bundle';

/**
 * The smallest Angular app that can do this app's job: one root component with a router
 * outlet, `provideRouter`, and `provideHttpClient` with one functional interceptor, and
 * no styles or code of its own. Built with the same packages and the same production
 * settings, it is the framework's floor: what any Angular client of a token API
 * downloads before the first line of its own code.
 */
const MAIN_TS = `import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { Component, inject } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { RouterLink, RouterOutlet, provideRouter } from '@angular/router';

@Component({ selector: 'app-home', template: '<h1>Home</h1>' })
class Home {}

@Component({
  selector: 'app-root',
  imports: [RouterLink, RouterOutlet],
  template: '<a routerLink="/">Home</a><router-outlet />',
})
class Root {
  readonly http = inject(HttpClient);
}

bootstrapApplication(Root, {
  providers: [
    provideRouter([{ path: '', component: Home }]),
    provideHttpClient(withInterceptors([(request, next) => next(request)])),
  ],
}).catch((error) => console.error(error));
`;

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Bare</title><base href="/" /></head>
  <body><app-root></app-root></body>
</html>
`;

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    skipLibCheck: true,
    isolatedModules: true,
    experimentalDecorators: true,
    importHelpers: true,
    target: 'ES2022',
    module: 'preserve',
  },
  angularCompilerOptions: { strictTemplates: true },
  files: ['src/main.ts'],
};

const ANGULAR_JSON = {
  version: 1,
  cli: { analytics: false },
  projects: {
    bare: {
      projectType: 'application',
      root: '',
      sourceRoot: 'src',
      architect: {
        build: {
          builder: '@angular/build:application',
          options: { browser: 'src/main.ts', tsConfig: 'tsconfig.json', index: 'src/index.html' },
          configurations: { production: { outputHashing: 'all' } },
          defaultConfiguration: 'production',
        },
      },
    },
  },
};

/**
 * Writes the bare app into `dir` (using the repository's installed packages), builds it
 * for production, and returns the gzip -9 sizes of every script it serves.
 */
export async function measureBareApp(repo: string, dir: string): Promise<FileSize[]> {
  await mkdir(join(dir, 'src'), { recursive: true });
  await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await Promise.all([
    writeFile(join(dir, 'src', 'main.ts'), MAIN_TS),
    writeFile(join(dir, 'src', 'index.html'), INDEX_HTML),
    writeFile(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2)),
    writeFile(join(dir, 'angular.json'), JSON.stringify(ANGULAR_JSON, null, 2)),
    writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bare', private: true })),
  ]);
  const browserDir = await buildApp(dir, join(dir, 'dist'));
  const scripts = (await readdir(browserDir)).filter((name) => name.endsWith('.js'));
  return gzipSizes(browserDir, scripts);
}
