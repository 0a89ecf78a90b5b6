// Runs the npm package vader-sentiment (JavaScript) and `supportlens sentiment --lines` (C++) on
// the same real tweets and checks that the compound scores agree within 1e-3 for at least 95 %
// of them. The texts where they differ are sorted into the known departures of the JavaScript
// port from the authors' rules (docs/sentiment.md); any other difference is a failure.
//
// usage: node vader_agreement.mjs SUPPORTLENS_BINARY TWCS_CSV WEB_DIR
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { parseCsv } from './csv.mjs';

const [binary, csvPath, webDir] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(webDir), 'package.json'));
const vader = require('vader-sentiment');


if (!existsSync(csvPath)) {
  console.error(`${csvPath}: missing; the real data sets live beside the project (cmake -DSUPPORTLENS_DATA_DIR=... to point elsewhere)`);
  process.exit(2);
}
const rows = parseCsv(readFileSync(csvPath, 'utf8'));
const textColumn = rows[0].indexOf('text');
// One text per line for --lines: a line break is whitespace to both implementations.
const texts = rows.slice(1).filter((r) => r.length > textColumn).map((r) => r[textColumn].replace(/[\r\n]+/g, ' '));

const run = spawnSync(binary, ['sentiment', '--lines'], { input: texts.join('\n') + '\n', maxBuffer: 1 << 28 });
if (run.status !== 0) {
  console.error(`supportlens sentiment --lines failed (${run.status}): ${run.stderr}`);
  process.exit(2);
}
const ours = run.stdout.toString().trim().split('\n').map((l) => JSON.parse(l).compound);
if (ours.length !== texts.length) {
  console.error(`expected ${texts.length} scores, got ${ours.length}`);
  process.exit(2);
}

// The departures, in the order they are looked for (docs/sentiment.md).
const departures = [
  // The port has no emoji handling; they are scored by their Unicode names.
  ['emoji', (t) => /\p{Extended_Pictographic}/u.test(t)],
  // The lexicon rates ":P" (1.4) apart from ":p" (1.0), and ":-D", "=D", ";D" only with capitals;
  // the port looks every token up in lower case and misses them.
  ['emoticon written with capitals', (t) => /(^|\s)(\(-:O|\(:O|:-D|:D|:P|;D|=-D|=D|O\.o|o\.O|O_o|o_O)(\s|$)/.test(t)],
];
const counts = Object.fromEntries(departures.map(([name]) => [name, 0]));
let agree = 0;
const unexplained = [];
texts.forEach((text, i) => {
  const theirs = vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
  if (Math.abs(theirs - ours[i]) <= 1e-3) { agree++; return; }
  const cause = departures.find(([, test]) => test(text));
  if (cause) counts[cause[0]]++;
  else unexplained.push({ text, theirs, ours: ours[i] });
});

const share = agree / texts.length;
console.log(`texts: ${texts.length}; compound within 1e-3: ${agree} (${(100 * share).toFixed(2)} %)`);
for (const [name, n] of Object.entries(counts)) console.log(`  differ, ${name}: ${n}`);
console.log(`  differ, unexplained: ${unexplained.length}`);
for (const u of unexplained.slice(0, 10)) console.log(`    js ${u.theirs} ours ${u.ours}: ${u.text}`);
if (share < 0.95) { console.error('FAIL: fewer than 95 % of the texts agree'); process.exit(1); }
if (unexplained.length) { console.error('FAIL: differences that no known departure explains'); process.exit(1); }
