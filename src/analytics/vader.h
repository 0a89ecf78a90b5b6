#pragma once
// VADER sentiment (Hutto & Gilbert, 2014, "VADER: A Parsimonious Rule-based Model for Sentiment
// Analysis of Social Media Text", ICWSM-14): lexicon valence with negation, boosters and
// dampeners, ALL-CAPS emphasis, "but" shifts, idioms, "least", exclamation and question marks,
// emoticons (they are lexicon entries), normalised to a compound score in [-1, 1]. It follows
// the rules of the npm package vader-sentiment, whose vader_lexicon.txt it reads at run time.
#include <string>
#include <string_view>
#include <unordered_map>

#include "supportlens/result.h"
#include "supportlens/sentiment.h"

namespace supportlens {

class VaderLexicon {
 public:
  // Reads vader_lexicon.txt (token TAB mean valence TAB ...); errors name the file and line.
  static Result<VaderLexicon> Load(const std::string& path);
  static VaderLexicon FromEntries(std::unordered_map<std::string, double> entries);  // tests
  const double* Find(std::string_view lowercase_token) const;
  size_t size() const { return valence_.size(); }

 private:
  std::unordered_map<std::string, double> valence_;
};

SentimentScores AnalyzeSentiment(const VaderLexicon& lexicon, std::string_view text);

}  // namespace supportlens
