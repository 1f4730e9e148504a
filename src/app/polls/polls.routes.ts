import { Routes } from '@angular/router';

import { QuestionDetail } from './question-detail/question-detail';
import { QuestionList } from './question-list/question-list';
import { QuestionResults } from './question-results/question-results';

/**
 * The polls feature: lazy-loaded behind the auth guard (see app.routes.ts). The three pages
 * share most of their code and are small, so they travel in this one lazy chunk: the
 * results page is already there when a vote succeeds.
 */
const POLLS_ROUTES: Routes = [
  { path: '', component: QuestionList, title: 'Polls' },
  { path: ':id', component: QuestionDetail, title: 'Vote · Polls' },
  { path: ':id/results', component: QuestionResults, title: 'Results · Polls' },
];

export default POLLS_ROUTES;
