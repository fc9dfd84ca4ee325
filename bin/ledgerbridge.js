#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npm ci && npm start` needs no build step.
require('tsx/cjs');
const { main } = require('../client/cli/main.ts');

// `ledgerbridge log acme | head`: the reader has what it wanted; stop quietly rather than with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

main(process.argv.slice(2)).then((code) => {
  process.exit(code);
});
