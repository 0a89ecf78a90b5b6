// The public sentiment entry points (include/supportlens/sentiment.h).
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>

#include "text/vader.h"

namespace supportlens {

std::string DefaultLexiconPath() {
  if (const char* env = std::getenv("SUPPORTLENS_VADER_LEXICON"); env && *env) return env;
  const std::filesystem::path relative = std::filesystem::path("web") / "node_modules" / "vader-sentiment" / "vader_lexicon.txt";
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  for (auto dir = ec ? std::filesystem::path() : exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path())
    if (std::filesystem::exists(dir / relative, ec)) return (dir / relative).string();
  return relative.string();  // relative to the working directory; Load names it when missing
}

std::string DefaultEmojiPath() {
  if (const char* env = std::getenv("SUPPORTLENS_EMOJI_TABLE"); env && *env) return env;
  return "/usr/share/unicode/emoji/emoji-test.txt";
}

Result<std::shared_ptr<const SentimentModel>> SentimentModel::Load(const std::string& lexicon_path, const std::string& emoji_path) {
  // The lexicon (7,500 entries) and the emoji list are read once per paths and process.
  static std::mutex mu;
  static std::map<std::pair<std::string, std::string>, std::shared_ptr<const SentimentModel>> loaded;
  std::lock_guard lock(mu);
  auto& slot = loaded[{lexicon_path, emoji_path}];
  if (!slot) {
    SL_ASSIGN_OR_RETURN(VaderLexicon lex, VaderLexicon::Load(lexicon_path));
    SL_RETURN_IF_ERROR(lex.LoadEmoji(emoji_path));
    slot = std::make_shared<const SentimentModel>(std::make_shared<const VaderLexicon>(std::move(lex)));
  }
  return slot;
}

SentimentScores SentimentModel::Score(std::string_view text) const { return AnalyzeSentiment(*lexicon_, text); }

Result<SentimentScores> ScoreSentiment(const std::string& text, const std::string& lexicon_path) {
  SL_ASSIGN_OR_RETURN(auto model, SentimentModel::Load(lexicon_path, DefaultEmojiPath()));
  return model->Score(text);
}

std::string RenderSentiment(const SentimentScores& s, const std::string& format) {
  const double score = std::round(s.score() * 100) / 100;
  if (format == "json")
    return nlohmann::json{{"compound", s.compound}, {"pos", s.pos}, {"neu", s.neu}, {"neg", s.neg}, {"score", score}}.dump() + "\n";
  return fmt::format("score {} (compound {}; positive {}, neutral {}, negative {})\n", score, s.compound, s.pos, s.neu, s.neg);
}

}  // namespace supportlens
