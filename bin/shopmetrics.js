#!/usr/bin/env node
import { main } from "../dist/bundle/main.js";

const { stdin, stdout, stderr, env } = process;
process.exitCode = await main(process.argv.slice(2), { stdin, stdout, stderr, env, cwd: process.cwd() });
