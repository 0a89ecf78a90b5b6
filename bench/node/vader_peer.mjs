// The peer of SentimentOfCustomerTweets (bench/sentiment_bench.cc): the npm package
// vader-sentiment scoring the same inbound tweets on one thread. Prints messages per second.
//
// usage: node vader_peer.mjs TWCS_CSV WEB_DIR
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { parseCsv } from '../../tests/sentiment/csv.mjs';

const [csvPath, webDir] = process.argv.slice(2);
const vader = createRequire(path.join(path.resolve(webDir), 'package.json'))('vader-sentiment');


const texts = parseCsv(readFileSync(csvPath, 'utf8')).slice(1).filter((r) => r[2] === 'True').map((r) => r[4]);
let sink = 0, scored = 0;
for (let i = 0; i < 3; i++) for (const t of texts) sink += vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;  // warm-up
const start = process.hrtime.bigint();
while (process.hrtime.bigint() - start < 2_000_000_000n) {
  for (const t of texts) sink += vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
  scored += texts.length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(JSON.stringify({ texts: texts.length, messages_per_second: Math.round(scored / seconds), checksum: sink }));
