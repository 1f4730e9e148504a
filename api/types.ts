/**
 * The API's wire types, taken from the OpenAPI schema (api/openapi.yaml, which drf-server
 * generates; `npm run schema` writes it and api/openapi.d.ts). Names match the JSON
 * exactly (Django's model fields), so a payload from the server is used as it is, never
 * renamed or mapped.
 */
import type { components } from './openapi';

type Schemas = components['schemas'];

/** DRF's `obtain_auth_token` answer. */
export type TokenResponse = Schemas['AuthToken'];

/** One answer to a question, with the server's running vote count. */
export type Choice = Schemas['Choice'];

/**
 * A poll question with its choices nested, as `GET /polls/api/questions/` sends it;
 * `pub_date` is an ISO 8601 timestamp.
 */
export type Question = Schemas['Question'];

/** Body of `POST /polls/api/questions/{id}/vote/`. */
export type VoteRequest = Schemas['VoteRequest'];
