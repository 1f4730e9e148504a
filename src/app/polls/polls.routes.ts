import { Routes } from '@angular/router';

/** The polls feature: lazy-loaded behind the auth guard (see app.routes.ts). */
const POLLS_ROUTES: Routes = [];

export default POLLS_ROUTES;
