/**
 * `npm run test:postman`: runs the Postman collection with newman against a freshly
 * started mock API (free port, throwaway data), writing test-reports/postman.xml.
 * Exits non-zero when any assertion or request fails, or when the server cannot start.
 */
import { run, type NewmanRunSummary } from 'newman';
import { join } from 'node:path';
import { startMockApi } from '../../scripts/servers';

const COLLECTION = join(__dirname, 'polls-api.postman_collection.json');
const REPORT = join(__dirname, '..', '..', 'test-reports', 'postman.xml');

function runCollection(baseUrl: string): Promise<NewmanRunSummary> {
  return new Promise((resolve, reject) => {
    run(
      {
        collection: COLLECTION,
        reporters: ['cli', 'junit'],
        reporter: { junit: { export: REPORT } },
        // An environment value overrides the collection's baseUrl, as it would in Postman.
        envVar: [{ key: 'baseUrl', value: baseUrl }],
        timeoutRequest: 10_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

async function main(): Promise<number> {
  // On Ctrl-C the harness stops the server and deletes its data.
  const api = await startMockApi();
  try {
    const summary = await runCollection(api.url);
    const { failures, error, stats } = summary.run;
    if (error) console.error(`postman: the run stopped early: ${error.message}`);
    console.log(
      `postman: ${stats.assertions.total - stats.assertions.failed}/${stats.assertions.total} ` +
        `assertions passed in ${stats.requests.total} requests`,
    );
    return failures.length > 0 || error ? 1 : 0;
  } finally {
    await api.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`postman: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
