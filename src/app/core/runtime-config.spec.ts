import { RuntimeConfigError, loadRuntimeConfig, parseRuntimeConfig } from './runtime-config';

describe('parseRuntimeConfig', () => {
  it('reads an API origin, dropping a trailing slash', () => {
    expect(parseRuntimeConfig({ apiOrigin: 'https://api.example' }).apiOrigin).toBe(
      'https://api.example',
    );
    expect(parseRuntimeConfig({ apiOrigin: 'http://127.0.0.1:3000/' }).apiOrigin).toBe(
      'http://127.0.0.1:3000',
    );
  });

  it('takes no API origin, or an empty one, as the app origin, and DRF authtoken by default', () => {
    const defaults = { apiOrigin: '', authFlavor: 'authtoken' } as const;
    expect(parseRuntimeConfig({ apiOrigin: '' })).toEqual(defaults);
    expect(parseRuntimeConfig({})).toEqual(defaults);
  });

  it('reads each auth flavour the app knows', () => {
    for (const authFlavor of ['authtoken', 'djoser', 'dj-rest-auth', 'knox'] as const) {
      expect(parseRuntimeConfig({ apiOrigin: '', authFlavor })).toEqual({
        apiOrigin: '',
        authFlavor,
      });
    }
  });

  it('refuses an auth flavour it does not know, and names the value', () => {
    for (const authFlavor of ['', 'Knox', 'simplejwt', 'toString', null, 1]) {
      expect(() => parseRuntimeConfig({ authFlavor }))
        .withContext(String(authFlavor))
        .toThrowError(
          RuntimeConfigError,
          `config.json: authFlavor must be one of authtoken, djoser, dj-rest-auth, knox (got ${JSON.stringify(authFlavor)}).`,
        );
    }
  });

  it('refuses anything that is not an http(s) origin, and names the value', () => {
    for (const apiOrigin of [
      'api.example',
      'http://api.example',
      'https://api.example/polls',
      'https://api.example?x=1',
      'ftp://api.example',
      'javascript:alert(1)',
      42,
    ]) {
      expect(() => parseRuntimeConfig({ apiOrigin }))
        .withContext(String(apiOrigin))
        .toThrowError(
          RuntimeConfigError,
          `config.json: apiOrigin must be an https origin such as https://api.example.com, or http on this machine (got ${JSON.stringify(apiOrigin)}).`,
        );
    }
  });
});

describe('loadRuntimeConfig', () => {
  const base = 'https://app.example/polls/1';

  function answering(response: Response | Error): {
    fetchFile: typeof fetch;
    urls: string[];
  } {
    const urls: string[] = [];
    const fetchFile = async (input: RequestInfo | URL) => {
      urls.push(String(input));
      if (response instanceof Error) throw response;
      return response;
    };
    return { fetchFile, urls };
  }

  it('fetches config.json beside the base URL and reads it', async () => {
    const { fetchFile, urls } = answering(
      Response.json({ apiOrigin: 'https://api.example', authFlavor: 'knox' }, { status: 200 }),
    );
    expect(await loadRuntimeConfig('https://app.example/', fetchFile)).toEqual({
      apiOrigin: 'https://api.example',
      authFlavor: 'knox',
    });
    expect(urls).toEqual(['https://app.example/config.json']);
  });

  it('says which of missing, unreadable or unreachable stopped it', async () => {
    const cases: [Response | Error, string][] = [
      [
        new Response('no', { status: 404 }),
        'config.json could not be loaded (error 404): the app is not deployed completely.',
      ],
      [new Response('<html>', { status: 200 }), 'config.json is not valid JSON.'],
      [
        new TypeError('Failed to fetch'),
        'Cannot reach the server to load config.json. Check the connection and reload.',
      ],
    ];
    for (const [response, message] of cases) {
      await expectAsync(loadRuntimeConfig(base, answering(response).fetchFile))
        .withContext(message)
        .toBeRejectedWithError(RuntimeConfigError, message);
    }
  });
});
