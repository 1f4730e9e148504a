import { isApiUrl } from './api-config';

describe('isApiUrl', () => {
  const page = 'https://app.example/polls/3';

  it('accepts relative URLs: they stay on the app origin', () => {
    expect(isApiUrl('/polls/api/questions/', '', page)).toBeTrue();
    expect(isApiUrl('polls/api/questions/', '', page)).toBeTrue();
    expect(isApiUrl('/accounts/logout/', 'https://api.example', page)).toBeTrue();
  });

  it('accepts absolute URLs on the app origin or exactly the configured API origin', () => {
    expect(isApiUrl('https://app.example/polls/api/questions/', '', page)).toBeTrue();
    expect(
      isApiUrl('https://api.example/polls/api/questions/', 'https://api.example', page),
    ).toBeTrue();
    expect(isApiUrl('https://api.example/x', 'https://api.example/', page)).toBeTrue();
  });

  it('refuses every other origin, including look-alikes', () => {
    const api = 'https://api.example';
    for (const url of [
      'https://evil.example/polls/api/questions/',
      '//evil.example/polls/api/questions/',
      'https://api.example.evil.example/polls/api/questions/',
      'https://api.example@evil.example/polls/api/questions/',
      'http://api.example/polls/api/questions/',
      'https://api.example:8443/polls/api/questions/',
      'http://app.example/polls/api/questions/',
      'data:text/plain,hello',
    ]) {
      expect(isApiUrl(url, api, page))
        .withContext(url)
        .toBeFalse();
    }
  });

  it('treats a malformed API origin as no API origin', () => {
    expect(isApiUrl('data:text/plain,x', 'data:text/plain,y', page)).toBeFalse();
    expect(isApiUrl('https://api.example/x', 'not a url', page)).toBeFalse();
  });
});
