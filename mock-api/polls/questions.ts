import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { apiView, type Authenticate } from '../drf/api-view';
import { primaryKeyField, validate } from '../drf/fields';
import { BROWSABLE_API_RENDERER, indentOf, JSON_RENDERER, type Accepted } from '../drf/media-types';
import { pyIntFromString } from '../drf/python-values';
import { DEFAULT_PARSERS, readRequestData } from '../drf/request-data';
import { drfErrors, sendJson } from '../drf/responses';
import type { Token, User } from '../auth/auth-store';
import { representQuestion, type Choice, type PollsStore, type Question } from './polls-store';

export interface QuestionsDeps {
  readonly store: PollsStore;
  readonly authenticate: Authenticate<User, Token>;
}

/** The `pk` captured by the URL pattern, as the URL routing left it in res.locals. */
export function routePk(res: Response): string {
  const pk: unknown = res.locals['pk'];
  return typeof pk === 'string' ? pk : '';
}

const viewSet = {
  renderers: [JSON_RENDERER, BROWSABLE_API_RENDERER],
  parsers: DEFAULT_PARSERS,
  requiresAuthentication: true,
} as const;

/**
 * Hands a read over to the json-server router, which finds the records; the router's
 * render hook (see `renderQuestions`) shapes them. Only these rewritten URLs ever reach
 * the router.
 */
function forwardToJsonServer(req: Request, res: Response, next: NextFunction, path: string) {
  req.url = `${path}?_embed=choices`;
  req.query = { _embed: 'choices' };
  // Keeps json-server's own body parser away from GET bodies, which DRF never reads.
  Object.assign(req, { _body: true });
  res.locals['jsonServer'] = true;
  next();
}

/** `GET /polls/api/questions/`: every question with its choices. */
export function questionListView(deps: QuestionsDeps): RequestHandler {
  return apiView(
    {
      ...viewSet,
      name: 'Question List',
      handlers: {
        GET: ({ req, res, next, accepted }) => {
          res.locals['accepted'] = accepted;
          forwardToJsonServer(req, res, next, '/questions');
        },
      },
    },
    deps.authenticate,
  );
}

/** `GET /polls/api/questions/{pk}/`: Django converts the pk with int(); no match is a 404. */
export function questionDetailView(deps: QuestionsDeps): RequestHandler {
  return apiView(
    {
      ...viewSet,
      name: 'Question Instance',
      handlers: {
        GET: ({ req, res, next, accepted }) => {
          const id = pyIntFromString(routePk(res));
          if (id === null) throw drfErrors.notFound();
          res.locals['accepted'] = accepted;
          forwardToJsonServer(req, res, next, `/questions/${id}`);
        },
      },
    },
    deps.authenticate,
  );
}

/** `POST /polls/api/questions/{pk}/vote/` with `choice`: one more vote, the question back. */
export function voteView(deps: QuestionsDeps): RequestHandler {
  const { store } = deps;
  const findQuestion = (res: Response): Question => {
    const id = pyIntFromString(routePk(res));
    const question = id === null ? undefined : store.findQuestion(id);
    if (!question) throw drfErrors.notFound();
    return question;
  };
  return apiView(
    {
      ...viewSet,
      name: 'Vote',
      actions: {
        POST: { choice: { type: 'field', required: true, read_only: false, label: 'Choice' } },
      },
      handlers: {
        POST: async ({ req, res, respond }) => {
          findQuestion(res);
          const data = await readRequestData(req, DEFAULT_PARSERS);
          // From here to the write nothing awaits: the vote is one synchronous step.
          const question = findQuestion(res);
          const { choice } = validate(data, {
            choice: primaryKeyField((pk) => store.findChoice(question, pk)),
          });
          store.vote(choice);
          respond(200, store.representation(question));
        },
      },
    },
    deps.authenticate,
  );
}

interface EmbeddedQuestion extends Question {
  readonly choices: Choice[];
}

/** json-server's render hook: DRF's representation, or DRF's 404 when nothing matched. */
export function renderQuestions(req: Request, res: Response): void {
  const accepted = res.locals['accepted'] as Accepted | undefined;
  const options = { indent: accepted ? indentOf(accepted.mediaType) : undefined };
  const data = res.locals['data'] as EmbeddedQuestion | EmbeddedQuestion[] | undefined;
  if (res.statusCode === 404 || data === undefined) {
    const error = drfErrors.notFound();
    sendJson(res, error.status, error.data, options);
    return;
  }
  const represent = (q: EmbeddedQuestion) => representQuestion(q, q.choices);
  const body = Array.isArray(data)
    ? [...data].sort((a, b) => a.id - b.id).map(represent)
    : represent(data);
  sendJson(res, 200, body, options);
}
