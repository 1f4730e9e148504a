import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { API_PATHS } from '../../api/paths';
import type { Question } from '../../api/types';
import { auth, startTestServer, startWithToken, type TestServer } from '../testing';

// The question views and the vote as a client sees them are the contract suite's
// (contract/polls.ts); these are the cases about the mock's storage.

let api: TestServer;
let token: string;
before(async () => ({ api, token } = await startWithToken()));
after(() => api.stop());

describe('POST /polls/api/questions/{id}/vote/', () => {
  it('writes the vote to polls.json before it answers', async () => {
    const response = await fetch(`${api.url}${API_PATHS.vote(1)}`, {
      method: 'POST',
      headers: { ...auth(token), 'Content-Type': 'application/json' },
      body: '{"choice": 2}',
    });
    assert.equal(response.status, 200);
    const onDisk = JSON.parse(readFileSync(join(api.dataDir, 'polls.json'), 'utf8')) as {
      choices: { id: number; votes: number }[];
    };
    assert.equal(onDisk.choices.find((c) => c.id === 2)?.votes, 1);
  });
});

describe('concurrent votes', () => {
  it('writes 200 simultaneous votes to disk: all of them are there after a restart', async () => {
    const { api: server, token: key } = await startWithToken();
    const dataDir = server.dataDir;
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, () =>
          fetch(`${server.url}${API_PATHS.vote(2)}`, {
            method: 'POST',
            headers: { ...auth(key), 'Content-Type': 'application/json' },
            body: '{"choice": 5}',
          }).then((r) => r.status),
        ),
      );
      assert.deepEqual(new Set(results), new Set([200]));
      await server.close();
      const restarted = await startTestServer({ dataDir });
      try {
        const question = await fetch(`${restarted.url}${API_PATHS.question(2)}`, {
          headers: auth(key),
        });
        const body = (await question.json()) as Question;
        assert.equal(body.choices.find((c) => c.id === 5)?.votes, 200);
      } finally {
        await restarted.close();
      }
    } finally {
      await server.stop().catch(() => undefined);
    }
  });
});
