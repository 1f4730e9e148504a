import { Question } from '../../../../api/types';

/** One choice's line on the results page. */
export interface ChoiceResult {
  readonly id: number;
  readonly choice_text: string;
  readonly votes: number;
  /** Share of all votes, rounded to a whole percent for the text. */
  readonly percent: number;
  /** The exact share (0 to 100) for the bar, so equal counts get equal bars. */
  readonly share: number;
  /** Has the most votes (ties included); false for every choice while nobody has voted. */
  readonly leading: boolean;
}

export interface Tally {
  readonly total: number;
  readonly choices: readonly ChoiceResult[];
}

/**
 * Totals and shares for a question, in the server's choice order. Each percent is rounded
 * on its own, so the figures may add up to 99 or 101, but each one is honest. A question
 * nobody has voted on is 0% everywhere rather than a division by zero.
 */
export function tally(question: Question): Tally {
  const total = question.choices.reduce((sum, choice) => sum + choice.votes, 0);
  const most = Math.max(0, ...question.choices.map((choice) => choice.votes));
  return {
    total,
    choices: question.choices.map((choice) => {
      const share = total === 0 ? 0 : (choice.votes / total) * 100;
      return {
        id: choice.id,
        choice_text: choice.choice_text,
        votes: choice.votes,
        percent: Math.round(share),
        share,
        leading: most > 0 && choice.votes === most,
      };
    }),
  };
}

/** "1 vote", "0 votes", "12 votes". */
export function votesLabel(count: number): string {
  return `${count} ${count === 1 ? 'vote' : 'votes'}`;
}
