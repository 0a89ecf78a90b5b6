#!/bin/sh
# Sentiment throughput: SupportLens's VADER against the npm package's JavaScript on the same
# customer tweets, each on one thread, in the same run (docs/PERFORMANCE.md).
# usage: bench/run_sentiment.sh BUILD_DIR
set -eu
build=$1
here=$(cd "$(dirname "$0")" && pwd)
data=${SUPPORTLENS_DATA_DIR:-$here/../../shared/data}
csv=$data/twcs-customer-support-on-twitter/twcs_first_5000_rows.csv
ours=$(SUPPORTLENS_DATA_DIR=$data "$build/supportlens_bench" --benchmark_filter=SentimentOfCustomerTweets --benchmark_format=json |
  sed -n 's/.*"items_per_second": \([0-9.e+]*\).*/\1/p' | head -1)
peer=$(node "$here/node/vader_peer.mjs" "$csv" "$here/../web" | sed -n 's/.*"messages_per_second":\([0-9]*\).*/\1/p')
awk -v o="$ours" -v p="$peer" 'BEGIN {
  printf "supportlens VADER (C++): %.0f messages/s\n", o;
  printf "vader-sentiment (JavaScript, node): %.0f messages/s\n", p;
  printf "ratio: %.1fx\n", o / p }'
