#pragma once
// Sentiment of a text with VADER (src/analytics/vader.h): the lexicon is the npm package
// vader-sentiment's vader_lexicon.txt, read at run time from a path that is a setting.
#include <string>

#include "supportlens/result.h"

namespace supportlens {

struct SentimentScores {
  double compound = 0;               // [-1, 1], rounded to 4 decimals as VADER does
  double pos = 0, neu = 0, neg = 0;  // shares of the text, rounded to 3 decimals
  // The catalog's 0-100 scale: 0 most negative, 50 neutral, 100 most positive.
  double score() const { return (compound + 1) * 50; }
};

// The lexicon's path: $SUPPORTLENS_VADER_LEXICON when set, else the package installed for the
// dashboard in the source tree the binary was built in (web/node_modules/vader-sentiment).
std::string DefaultLexiconPath();

// Scores one text; NotFound (with how to get the lexicon) when the lexicon file is missing.
Result<SentimentScores> ScoreSentiment(const std::string& text, const std::string& lexicon_path);
std::string RenderSentiment(const SentimentScores& scores, const std::string& format);  // json or table

}  // namespace supportlens
