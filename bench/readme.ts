import { readFile, writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { formatTable, type Results } from './report';

export const RESULTS_START = '<!-- results:start -->';
export const RESULTS_END = '<!-- results:end -->';

/**
 * `text` with everything between the two markers replaced by `content`; the markers
 * and everything outside them stay as they were. Throws when a marker is missing,
 * repeated or out of order, so a README that lost its markers fails loudly instead
 * of silently keeping stale figures.
 */
export function replaceMarkedRegion(text: string, content: string): string {
  const count = (marker: string) => text.split(marker).length - 1;
  for (const marker of [RESULTS_START, RESULTS_END]) {
    if (count(marker) !== 1) {
      throw new Error(
        `expected the marker ${marker} exactly once, found it ${count(marker)} times`,
      );
    }
  }
  const start = text.indexOf(RESULTS_START) + RESULTS_START.length;
  const end = text.indexOf(RESULTS_END);
  if (end < start) throw new Error(`${RESULTS_END} comes before ${RESULTS_START}`);
  return `${text.slice(0, start)}\n\n${content.trim()}\n\n${text.slice(end)}`;
}

function plural(count: number, word: string): string {
  return `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;
}

/** The results as Markdown: when and where they were measured, the run sizes, the table, the notes. */
export function resultsMarkdown(results: Results): string {
  const c = results.config;
  return [
    '<!-- Written by `npm run bench` from the data in results.json; edits here are overwritten. -->',
    `Measured ${results.date.slice(0, 10)} on ${plural(results.cpus, 'core')} (${results.cpuModel}), ` +
      `${results.platform}, Node ${results.node}; ${results.app}; ${results.seconds} s in all.`,
    `Run sizes: GET loads of ${c.loadSeconds} s over ${plural(c.getConnections, 'connection')} ` +
      `after ${c.warmupSeconds} s of warm-up, in ${plural(c.loadRounds, 'slice')}; token stores of ` +
      `${plural(c.smallStore, 'user')} and ${plural(c.largeStore, 'user')}; ` +
      `${plural(c.readyStarts, 'server start')} per store; ${plural(c.votes, 'vote')} over ` +
      `${plural(c.voteConnections, 'connection')}; ${plural(c.logins, 'login')}; ` +
      `${plural(c.browserRuns, 'browser run')}; ` +
      `${plural(c.lighthouseRuns, 'Lighthouse run')} per page and server.`,
    formatTable(results.rows),
    ...results.notes,
  ].join('\n\n');
}

/**
 * `text` (the content of `file`) with its results section rewritten from `results`,
 * formatted as the repository's Prettier config wants for that file.
 */
export async function renderReadme(file: string, text: string, results: Results): Promise<string> {
  const options = await resolveConfig(file);
  const section = await format(resultsMarkdown(results), { ...options, filepath: file });
  return replaceMarkedRegion(text, section);
}

/** Rewrites the results section of `file` between its markers. */
export async function updateReadme(file: string, results: Results): Promise<void> {
  await writeFile(file, await renderReadme(file, await readFile(file, 'utf8'), results));
}
