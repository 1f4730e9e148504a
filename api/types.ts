/**
 * The API's wire types. Names match the JSON exactly (Django's model fields), so a
 * payload from the server is used as it is, never renamed or mapped.
 */

/** DRF's `obtain_auth_token` answer. */
export interface TokenResponse {
  readonly token: string;
}

/** One answer to a question, with the server's running vote count. */
export interface Choice {
  readonly id: number;
  readonly choice_text: string;
  readonly votes: number;
}

/** A poll question with its choices nested, as `GET /polls/api/questions/` sends it. */
export interface Question {
  readonly id: number;
  readonly question_text: string;
  /** ISO 8601 timestamp. */
  readonly pub_date: string;
  readonly choices: readonly Choice[];
}

/** Body of `POST /polls/api/questions/{id}/vote/`. */
export interface VoteRequest {
  readonly choice: number;
}
