// Dev-server proxy: the SPA calls relative URLs, and `ng serve` forwards the API paths
// to API_TARGET (the mock API by default; any DRF-style server works the same way).
const target = process.env.API_TARGET || 'http://127.0.0.1:3000';

/** When the API is down, answer 502 as a reverse proxy would, so the app can say so. */
function answerBadGateway(proxy) {
  proxy.on('error', (error, _request, response) => {
    if (!('writeHead' in response) || response.headersSent) return;
    response.writeHead(502, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify({
        detail: `API server ${target} is not reachable (${error.code ?? error.message}).`,
      }),
    );
  });
}

const route = { target, changeOrigin: true, secure: true, configure: answerBadGateway };

/**
 * The app's runtime config (src/app/core/runtime-config.ts), as nginx writes it in
 * production: API_ORIGIN sends the app's API calls straight to that origin, e.g.
 * `API_ORIGIN=http://127.0.0.1:3000 npm start` (the mock API allows localhost origins);
 * AUTH_FLAVOR names the API's token backend (authtoken, djoser, dj-rest-auth or knox),
 * passed on as it is for the app to check. The development build leaves out
 * public/config.json, the default that production builds ship, so that this answer is
 * the one the app gets.
 */
const runtimeConfig = {
  target,
  bypass(request, response) {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' });
    response.end(
      JSON.stringify({
        apiOrigin: process.env.API_ORIGIN ?? '',
        authFlavor: process.env.AUTH_FLAVOR || 'authtoken',
      }),
    );
    // The answer is written: the dev server neither proxies nor serves the file.
    return request.url;
  },
};

// DRF's authtoken at /accounts/, then the other backends' login and logout paths:
// djoser's, dj-rest-auth's and knox's (FLAVOR_PATHS in api/paths.ts).
export default {
  '/accounts/': route,
  '/auth/': route,
  '/dj-rest-auth/': route,
  '/api/auth/': route,
  '/polls/api/': route,
  '/config.json': runtimeConfig,
};
