import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';

import { UNREACHABLE_MESSAGE } from '../core/banner-interceptor';
import { FIELDS_MESSAGE, loginErrors } from './login-errors';

function response(status: number, error: unknown, headers?: Record<string, string>) {
  return new HttpErrorResponse({ status, error, headers: new HttpHeaders(headers) });
}

describe('loginErrors', () => {
  it("shows DRF's non_field_errors on the form", () => {
    const errors = loginErrors(
      response(400, { non_field_errors: ['Unable to log in with provided credentials.'] }),
    );
    expect(errors).toEqual({
      form: ['Unable to log in with provided credentials.'],
      username: [],
      password: [],
    });
  });

  it('shows field errors beside their field, and asks to correct them', () => {
    const errors = loginErrors(
      response(400, {
        username: ['This field may not be blank.'],
        password: ['This field is required.'],
      }),
    );
    expect(errors).toEqual({
      form: [FIELDS_MESSAGE],
      username: ['This field may not be blank.'],
      password: ['This field is required.'],
    });
  });

  it('shows a distinct message when the server cannot be reached', () => {
    expect(loginErrors(response(0, new ProgressEvent('error'))).form).toEqual([
      UNREACHABLE_MESSAGE,
    ]);
    // A reverse proxy (or the dev server's) in front of an API that is down.
    for (const status of [502, 503, 504]) {
      expect(loginErrors(response(status, '')).form)
        .withContext(`${status}`)
        .toEqual([UNREACHABLE_MESSAGE]);
    }
  });

  it('says how long to wait when throttled, from Retry-After', () => {
    const errors = loginErrors(
      response(
        429,
        { detail: 'Request was throttled. Expected available in 42 seconds.' },
        { 'Retry-After': '42' },
      ),
    );
    expect(errors.form).toEqual(['Too many failed login attempts. Try again in 42 seconds.']);
  });

  it("shows DRF's own detail, as it came, when Retry-After is not exposed", () => {
    const errors = loginErrors(
      response(429, { detail: 'Request was throttled. Expected available in 1 second.' }),
    );
    expect(errors.form).toEqual(['Request was throttled. Expected available in 1 second.']);
  });

  it('places the errors of a server in another language by field, and shows them as they came', () => {
    const errors = loginErrors(
      response(400, {
        non_field_errors: ['Impossible de se connecter avec les informations fournies.'],
        password: ['Ce champ est obligatoire.'],
      }),
    );
    expect(errors).toEqual({
      form: ['Impossible de se connecter avec les informations fournies.'],
      username: [],
      password: ['Ce champ est obligatoire.'],
    });
    expect(
      loginErrors(response(429, { detail: 'Anfrage wurde gedrosselt. Erwartet in 7 Sekunden.' }))
        .form,
    ).toEqual(['Anfrage wurde gedrosselt. Erwartet in 7 Sekunden.']);
  });

  it('still explains a throttle with no wait time', () => {
    expect(loginErrors(response(429, null)).form[0]).toMatch(/^Too many failed login attempts/);
  });

  it("shows other answers' detail, or the status when there is none", () => {
    expect(loginErrors(response(415, { detail: 'Unsupported media type.' })).form).toEqual([
      'Unsupported media type.',
    ]);
    expect(loginErrors(response(400, { detail: 'JSON parse error - x' })).form).toEqual([
      'JSON parse error - x',
    ]);
    expect(loginErrors(response(500, '<html>Server Error</html>')).form).toEqual([
      'Login failed (HTTP 500). Please try again.',
    ]);
    expect(loginErrors(new Error('boom')).form).toEqual(['Login failed. Please try again.']);
  });
});
