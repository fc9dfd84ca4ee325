#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npm ci && npm start` needs no build step.
require('tsx/cjs');
const { main } = require('../client/cli/main.ts');

main(process.argv.slice(2)).then((code) => {
  process.exit(code);
});
