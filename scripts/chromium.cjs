// The one place that decides which Chromium the tests drive. Nothing here downloads a
// browser: tests use CHROME_BIN when it is set, else Debian's /usr/bin/chromium.
const { existsSync } = require('node:fs');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Path to the Chromium binary for tests; exits with a one-line hint when there is none. */
function findChromium() {
  const candidate = process.env.CHROME_BIN || DEBIAN_CHROMIUM;
  if (existsSync(candidate)) return candidate;
  const where = process.env.CHROME_BIN
    ? `CHROME_BIN=${candidate} does not exist`
    : `no ${DEBIAN_CHROMIUM}`;
  console.error(
    `No Chromium for the tests (${where}): install one with "sudo apt-get install -y chromium" or set CHROME_BIN to a Chrome or Chromium binary.`,
  );
  process.exit(1);
}

/** Flags for a headless Chromium that never calls home: the test network is loopback only. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

module.exports = { findChromium, QUIET_FLAGS };
