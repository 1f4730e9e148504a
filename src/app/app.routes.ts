import { Routes } from '@angular/router';

import { authGuard, authMatchGuard, guestGuard } from './core/auth/auth-guard';
import { Login } from './login/login';

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'polls' },
  {
    path: 'login',
    title: 'Log in · Polls',
    canActivate: [guestGuard],
    // Eager: the first page of every new visitor, so it travels in the initial bundle.
    component: Login,
  },
  {
    path: 'logout',
    title: 'Logging out · Polls',
    loadComponent: () => import('./logout/logout').then((m) => m.Logout),
  },
  {
    path: 'polls',
    title: 'Polls',
    // canMatch runs before the chunk is fetched; canActivate(Child) guard every page in it.
    canMatch: [authMatchGuard],
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    loadChildren: () => import('./polls/polls.routes'),
  },
  {
    path: '**',
    title: 'Page not found · Polls',
    loadComponent: () => import('./not-found/not-found').then((m) => m.NotFound),
  },
];
