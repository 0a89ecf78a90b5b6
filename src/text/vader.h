#pragma once
// VADER sentiment (Hutto & Gilbert, 2014, "VADER: A Parsimonious Rule-based Model for Sentiment
// Analysis of Social Media Text", ICWSM-14): lexicon valence with negation, boosters and
// dampeners, ALL-CAPS emphasis, "but" shifts, idioms, "least", exclamation and question marks,
// emoticons (they are lexicon entries) and emoji (read as their Unicode names), normalised to a
// compound score in [-1, 1]. The rules and constants are those of the authors' implementation
// that the npm package vader-sentiment ports; where the port departs from them (letter case of
// the rule words, punctuation around words, emoji) this follows the authors. See docs/sentiment.md.
#include <string>
#include <string_view>
#include <unordered_map>

#include "supportlens/result.h"
#include "supportlens/sentiment.h"

namespace supportlens {

struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class VaderLexicon {
 public:
  // Reads vader_lexicon.txt (token TAB mean valence TAB ...); errors name the file and line.
  static Result<VaderLexicon> Load(const std::string& path);
  static VaderLexicon FromEntries(std::unordered_map<std::string, double> entries);  // tests
  // Reads the Unicode emoji-test.txt: each single-code-point emoji's name ("face with tears of
  // joy") is what VADER scores in its place. Errors name the file and line.
  Status LoadEmoji(const std::string& path);
  void AddEmoji(char32_t code_point, std::string name) { emoji_[code_point] = std::move(name); }  // tests

  const double* Find(std::string_view lowercase_token) const {
    auto it = valence_.find(lowercase_token);
    return it == valence_.end() ? nullptr : &it->second;
  }
  const std::string* EmojiName(char32_t code_point) const {
    auto it = emoji_.find(code_point);
    return it == emoji_.end() ? nullptr : &it->second;
  }
  bool has_emoji() const { return !emoji_.empty(); }
  size_t size() const { return valence_.size(); }
  size_t emoji_count() const { return emoji_.size(); }

 private:
  std::unordered_map<std::string, double, StringViewHash, std::equal_to<>> valence_;
  std::unordered_map<char32_t, std::string> emoji_;
};

SentimentScores AnalyzeSentiment(const VaderLexicon& lexicon, std::string_view text);

}  // namespace supportlens
