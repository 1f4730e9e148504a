import { API_PATHS } from '../api/paths';
import { ADMIN, API_URL, apiToken, expect, test, tokenCookie } from './fixtures';

/**
 * The tutorial's "How to use the Sample Code", steps 4 to 16, against this app and the
 * mock API. Steps 1-3 (unzip, cd, runserver) are what global-setup.ts does.
 */
test('the tutorial walkthrough: browser login and logout, then the API as Postman calls it', async ({
  page,
  request,
}) => {
  const questionUrl = API_URL + API_PATHS.question(1);
  let browserKey: string | undefined;

  await test.step('4-5. Go to /polls/ and get redirected to the login form', async () => {
    await page.goto('/polls');
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Fpolls$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  });

  await test.step('6. Type admin for the username and admin for the password', async () => {
    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
  });

  await test.step('7. Redirected to the polls app, and the application works', async () => {
    await expect(page).toHaveURL(/\/polls$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Polls' })).toBeVisible();
    browserKey = (await tokenCookie(page))?.value;
    expect(browserKey).toMatch(/^[0-9a-f]{40}$/);

    await page.getByRole('link', { name: "What's new?", exact: true }).click();
    await expect(page).toHaveURL(/\/polls\/1$/);
    await page.getByRole('radio', { name: 'The sky', exact: true }).check();
    await page.getByRole('button', { name: 'Vote', exact: true }).click();

    await expect(page).toHaveURL(/\/polls\/1\/results$/);
    await expect(
      page.getByText('Thanks for voting! Your vote for “The sky” was counted.'),
    ).toBeVisible();
    await expect(page.getByText(/^Total: \d+ votes?$/)).toBeVisible();
  });

  await test.step('8. Log out to invalidate the cookie that holds the token', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect.poll(() => tokenCookie(page)).toBeUndefined();
  });

  await test.step('9-14. In Postman, GET /polls/api/questions/1 with only Content-Type: no credentials', async () => {
    const response = await request.get(questionUrl, {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status()).toBe(401);
    expect(response.headers()['www-authenticate']).toBe('Token');
    expect(await response.text()).toBe(
      '{"detail":"Authentication credentials were not provided."}',
    );
  });

  await test.step('15-16. Add Authorization: Token <key> and get the data', async () => {
    // The logout above deleted admin's token on the server; logging in makes a new one,
    // the key the tutorial copies out of its cookie.
    const key = await apiToken(request, ADMIN);
    expect(key).not.toBe(browserKey);
    const response = await request.get(questionUrl, {
      headers: { 'Content-Type': 'application/json', Authorization: `Token ${key}` },
    });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({
      id: 1,
      question_text: "What's new?",
      choices: [
        { id: 1, choice_text: 'Not much' },
        { id: 2, choice_text: 'The sky' },
        { id: 3, choice_text: 'Just hacking again' },
      ],
    });
  });
});
