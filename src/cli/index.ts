#!/usr/bin/env node
// Entry point of the bundled `gil-lens` binary.

import { main } from './main';
import { backgroundWorkSettled } from './settle';

// A reader that stops early (`gil-lens check . | head`) closes the pipe: the rest of the output has nowhere to go.
// Node would throw EPIPE as an unhandled error with a stack trace; say so in a line and stop, as an I/O error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.stderr.write('gil-lens: the output was closed before everything was written (broken pipe)\n', () => process.exit(2));
});

main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text)).then(
  async (code) => {
    await backgroundWorkSettled();
    process.exitCode = code;
    // Leave without waiting for the loop to empty: Node's exit drain can still deadlock with a compiler job
    // (see settle.ts) on a loaded machine. Once stdout and stderr have taken everything written, exit now.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(`gil-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
