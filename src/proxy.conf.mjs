// Dev-server proxy: the SPA calls relative URLs, and `ng serve` forwards the API paths
// to API_TARGET (the mock API by default; any DRF-style server works the same way).
const target = process.env.API_TARGET || 'http://127.0.0.1:3000';

export default {
  '/accounts/': { target, changeOrigin: true, secure: true },
  '/polls/api/': { target, changeOrigin: true, secure: true },
};
