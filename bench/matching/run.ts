/**
 * `npm run bench:matching`: only the purchase-order matching part of the benchmark (no Temporal, no sandboxes),
 * for working on the cascade. Writes bench/results-matching.{json,md} (git-ignored); `--quick` runs smaller sizes.
 * Exits 1 only when the indexed and the naive cascade disagree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gitCommit } from '../report';
import { benchMatching, MATCHING_SIZES } from './cascade';
import { matchingCheck, matchingMarkdown } from './report';

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const kind = values.quick ? 'quick' : 'full';
const commit = gitCommit();
const result = benchMatching(MATCHING_SIZES[kind], say);
const check = matchingCheck(result);
const base = path.join(__dirname, '..', values.quick ? 'results-matching-quick' : 'results-matching');
fs.writeFileSync(`${base}.json`, JSON.stringify({ kind, measuredAt: new Date().toISOString(), commit, matching: result, checks: [check] }, null, 2) + '\n');
fs.writeFileSync(`${base}.md`, [`# Benchmark: purchase-order matching (${kind} run, commit ${commit})`, '', ...matchingMarkdown(result), `- ${check.ok ? '✔' : '✘'} ${check.name}: ${check.detail}`, ''].join('\n'));
say(`written: ${path.relative(process.cwd(), base)}.json, .md`);
if (!check.ok) say(`FAILED ${check.name}: ${check.detail}`);
process.exit(check.ok ? 0 : 1);
