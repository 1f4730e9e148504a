import { router as jsonServerRouter, type JsonServerRouter } from 'json-server';
import type { Question as QuestionRepresentation } from '../../api/types';
import { JsonFile, recordArrays } from '../json-file';

/** A row of Django's polls_question. */
export interface Question {
  readonly id: number;
  readonly question_text: string;
  /** ISO 8601, exactly as DRF's DateTimeField renders it (UTC with a `Z`). */
  readonly pub_date: string;
}

/** A row of polls_choice; `questionId` is json-server's spelling of the foreign key. */
export interface Choice {
  readonly id: number;
  readonly questionId: number;
  readonly choice_text: string;
  votes: number;
}

export interface PollsData {
  readonly questions: Question[];
  readonly choices: Choice[];
}

/**
 * Shapes a question the way the QuestionSerializer does (the API's wire type, fields
 * in serializer order): no json-server extras.
 */
export function representQuestion(
  question: Question,
  choices: readonly Choice[],
): QuestionRepresentation {
  return {
    id: question.id,
    question_text: question.question_text,
    pub_date: question.pub_date,
    choices: [...choices]
      .sort((a, b) => a.id - b.id)
      .map((c) => ({ id: c.id, choice_text: c.choice_text, votes: c.votes })),
  };
}

/**
 * Questions and choices: the state of a json-server router (which answers the reads),
 * persisted to the polls data file. Votes are counted here, synchronously, so
 * concurrent votes can never overwrite each other.
 */
export class PollsStore {
  readonly router: JsonServerRouter;

  constructor(private readonly file: JsonFile) {
    this.router = jsonServerRouter(parsePollsData(file.read(), file.path));
  }

  static open(path: string): PollsStore {
    return new PollsStore(new JsonFile(path));
  }

  private get data(): PollsData {
    return this.router.db.getState() as PollsData;
  }

  /** Picks up a file replaced behind the server's back (CLI, reset). */
  reloadIfChanged(): void {
    if (this.file.changedOnDisk()) {
      this.router.db.setState(parsePollsData(this.file.read(), this.file.path));
    }
  }

  findQuestion(id: bigint): Question | undefined {
    return this.data.questions.find((q) => BigInt(q.id) === id);
  }

  /** A choice of that question only: another question's choice does not exist here. */
  findChoice(question: Question, id: bigint): Choice | undefined {
    return this.data.choices.find((c) => c.questionId === question.id && BigInt(c.id) === id);
  }

  representation(question: Question): QuestionRepresentation {
    return representQuestion(
      question,
      this.data.choices.filter((c) => c.questionId === question.id),
    );
  }

  /**
   * One more vote, written to disk before this returns (the F('votes') + 1 of the
   * tutorial). A vote that could not be written is not counted.
   */
  vote(choice: Choice): void {
    choice.votes += 1;
    try {
      this.file.write(this.data);
    } catch (e) {
      choice.votes -= 1;
      throw e;
    }
  }
}

function parsePollsData(data: unknown, path: string): PollsData {
  const { questions, choices } = recordArrays(data, path, {
    questions: (q) =>
      Number.isInteger(q['id']) && typeof q['question_text'] === 'string'
        ? null
        : 'a question without an integer "id" and a "question_text"',
    choices: (c) =>
      Number.isInteger(c['id']) && Number.isInteger(c['questionId']) && Number.isInteger(c['votes'])
        ? null
        : 'a choice without integer "id", "questionId" and "votes"',
  });
  // Only these two collections exist as json-server routes.
  return { questions: questions as Question[], choices: choices as Choice[] };
}
