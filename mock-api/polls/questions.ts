import type { Request, RequestHandler, Response } from 'express';
import type { User } from '../auth/auth-store';
import { apiView, DEFAULT_VIEW_SETTINGS, type Authenticate } from '../drf/api-view';
import { primaryKeyField, validate } from '../drf/fields';
import { indentOf } from '../drf/media-types';
import { drfErrors, sendJson } from '../drf/responses';
import { pyIntFromString } from '../python/values';
import { requestState } from '../request-state';
import { representQuestion, type Choice, type PollsStore, type Question } from './polls-store';

export interface QuestionsDeps {
  readonly store: PollsStore;
  readonly authenticate: Authenticate<User, unknown>;
}

/** The `pk` captured by the URL pattern. */
function routePk(req: Request): string {
  return requestState(req).pk ?? '';
}

/**
 * A read that the json-server router answers: the view rewrites the request to the
 * router's URL for the records (`routerPath`), and the router's render hook (see
 * `renderQuestions`) shapes them. Only these rewritten URLs ever reach the router.
 */
function jsonServerReadView(
  deps: QuestionsDeps,
  name: string,
  routerPath: (req: Request) => string,
): RequestHandler {
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      name,
      handlers: {
        GET: ({ req, next, accepted }) => {
          req.url = `${routerPath(req)}?_embed=choices`;
          req.query = { _embed: 'choices' };
          // Keeps json-server's own body parser away from GET bodies, which DRF never reads.
          Object.assign(req, { _body: true });
          requestState(req).forwardedToJsonServer = { indent: indentOf(accepted.mediaType) };
          next();
        },
      },
    },
    deps.authenticate,
  );
}

/** `GET /polls/api/questions/`: every question with its choices. */
export function questionListView(deps: QuestionsDeps): RequestHandler {
  return jsonServerReadView(deps, 'Question List', () => '/questions');
}

/** `GET /polls/api/questions/{pk}/`: Django converts the pk with int(); no match is a 404. */
export function questionDetailView(deps: QuestionsDeps): RequestHandler {
  return jsonServerReadView(deps, 'Question Instance', (req) => {
    const id = pyIntFromString(routePk(req));
    if (id === null) throw drfErrors.notFound();
    return `/questions/${id}`;
  });
}

/** `POST /polls/api/questions/{pk}/vote/` with `choice`: one more vote, the question back. */
export function voteView(deps: QuestionsDeps): RequestHandler {
  const { store } = deps;
  const findQuestion = (req: Request): Question => {
    const id = pyIntFromString(routePk(req));
    const question = id === null ? undefined : store.findQuestion(id);
    if (!question) throw drfErrors.notFound();
    return question;
  };
  return apiView(
    {
      ...DEFAULT_VIEW_SETTINGS,
      name: 'Vote',
      actions: {
        POST: { choice: { type: 'field', required: true, read_only: false, label: 'Choice' } },
      },
      handlers: {
        POST: async ({ req, data, respond }) => {
          findQuestion(req);
          const body = await data();
          // From here to the write nothing awaits: the vote is one synchronous step.
          const question = findQuestion(req);
          const { choice } = validate(body, {
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
  const options = { indent: requestState(req).forwardedToJsonServer?.indent };
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
