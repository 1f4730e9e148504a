/**
 * The bare Angular app the bundle is compared with: the smallest app that can do this
 * app's job, and nothing else. `bare-app.ts` copies this folder and builds it with the
 * repository's packages and the same production settings.
 */
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
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
}).catch((error: unknown) => console.error(error));
