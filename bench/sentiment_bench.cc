// Messages scored per second: VADER on the customer tweets of the real Twitter support data
// (inbound tweets, 2,777 short texts), over and over on one thread. bench/run_sentiment.sh runs
// it beside the npm package's JavaScript on the same texts.
//
//   build/supportlens_bench --benchmark_filter=Sentiment
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <stdexcept>

#include "ingest/csv_reader.h"
#include "supportlens/sentiment.h"

namespace supportlens {
namespace {

std::vector<std::string> CustomerTweets() {
  const char* env = std::getenv("SUPPORTLENS_DATA_DIR");
  const std::string dir = env && *env ? env : SUPPORTLENS_DATA_DIR;
  auto reader = CsvReader::Open(dir + "/twcs-customer-support-on-twitter/twcs_first_5000_rows.csv");
  if (!reader.ok()) throw std::runtime_error(reader.status().message());
  std::vector<std::string> texts;
  CsvRecord r;
  (*reader)->Next(r);  // header: tweet_id, author_id, inbound, created_at, text, ...
  while ((*reader)->Next(r))
    if (r.error.empty() && r.fields.size() > 4 && r.fields[2] == "True") texts.push_back(r.fields[4]);
  return texts;
}

void SentimentOfCustomerTweets(benchmark::State& state) {
  const std::vector<std::string> texts = CustomerTweets();
  auto model = SentimentModel::LoadDefault();
  if (!model.ok()) {
    state.SkipWithError(model.status().message().c_str());
    return;
  }
  double sink = 0;
  for (auto _ : state)
    for (const std::string& t : texts) sink += (*model)->Score(t).compound;
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(texts.size()));
}
BENCHMARK(SentimentOfCustomerTweets)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace
}  // namespace supportlens
