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

export default {
  '/accounts/': route,
  '/polls/api/': route,
};
