#!/usr/bin/env node
// The `lawtrail` command: runs the TypeScript sources directly through tsx, so `npx lawtrail …` works in a checkout.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
