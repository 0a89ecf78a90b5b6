#pragma once
// Sentiment of a text with VADER (src/analytics/vader.h). Its data is read at run time from
// paths that are settings: the lexicon of the npm package vader-sentiment, and the Unicode emoji
// list (Debian's unicode-data) for the names that emoji are scored by.
#include <memory>
#include <string>
#include <string_view>

#include "supportlens/result.h"

namespace supportlens {

struct SentimentScores {
  double compound = 0;               // [-1, 1], rounded to 4 decimals as VADER does
  double pos = 0, neu = 0, neg = 0;  // shares of the text, rounded to 3 decimals
  // The catalog's 0-100 scale: 0 most negative, 50 neutral, 100 most positive.
  double score() const { return (compound + 1) * 50; }
};

// Strongly negative: a compound at or below this (VADER's own negative cut-off is -0.05).
inline constexpr double kStronglyNegativeCompound = -0.5;

// The lexicon's path: $SUPPORTLENS_VADER_LEXICON when set, else the package installed for the
// dashboard in the source tree the binary was built in (web/node_modules/vader-sentiment).
std::string DefaultLexiconPath();
// The emoji list's path: $SUPPORTLENS_EMOJI_TABLE when set, else Debian's
// /usr/share/unicode/emoji/emoji-test.txt.
std::string DefaultEmojiPath();

class VaderLexicon;

// A loaded lexicon and emoji list, shared and immutable: score from any thread.
class SentimentModel {
 public:
  // Loads once per pair of paths and process; NotFound (saying where the file comes from) when
  // one is missing.
  static Result<std::shared_ptr<const SentimentModel>> Load(const std::string& lexicon_path, const std::string& emoji_path);
  static Result<std::shared_ptr<const SentimentModel>> LoadDefault() { return Load(DefaultLexiconPath(), DefaultEmojiPath()); }
  SentimentScores Score(std::string_view text) const;
  explicit SentimentModel(std::shared_ptr<const VaderLexicon> lexicon) : lexicon_(std::move(lexicon)) {}

 private:
  std::shared_ptr<const VaderLexicon> lexicon_;
};

// Scores one text with the default emoji list.
Result<SentimentScores> ScoreSentiment(const std::string& text, const std::string& lexicon_path);
std::string RenderSentiment(const SentimentScores& scores, const std::string& format);  // json or table

}  // namespace supportlens
