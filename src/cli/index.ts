#!/usr/bin/env node
// Entry point of the bundled `gil-lens` binary.

import { main } from './main';
import { backgroundWorkSettled } from './settle';

main(process.argv.slice(2), (text) => process.stdout.write(text), (text) => process.stderr.write(text)).then(
  async (code) => {
    await backgroundWorkSettled();
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`gil-lens: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
