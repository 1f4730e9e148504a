// Karma runs the unit specs once in headless Chromium (`npm run test:unit`).
const path = require('node:path');
const { findChromium, QUIET_FLAGS } = require('./scripts/chromium.cjs');

process.env.CHROME_BIN = findChromium();

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-junit-reporter'),
    ],
    client: { jasmine: { random: true } },
    // `dots` prints failures in full and nothing else; the JUnit file feeds `npm test`'s total.
    reporters: ['dots', 'junit'],
    junitReporter: {
      outputDir: path.join(__dirname, 'test-reports'),
      outputFile: 'unit.xml',
      useBrowserName: false,
    },
    browsers: ['ChromeHeadlessLocal'],
    customLaunchers: {
      // Root in a container cannot use Chromium's sandbox.
      ChromeHeadlessLocal: { base: 'ChromeHeadless', flags: QUIET_FLAGS },
    },
    browserNoActivityTimeout: 60000,
    logLevel: config.LOG_WARN,
    restartOnFileChange: true,
  });
};
