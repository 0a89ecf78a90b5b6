#include "text/vader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <unordered_set>
#include <vector>

namespace supportlens {
namespace {

// Empirically derived constants of the paper.
constexpr double kBoostIncrease = 0.293, kBoostDecrease = -0.293;
constexpr double kCapsIncrease = 0.733;
constexpr double kNegationScalar = -0.74;

using WordSet = std::unordered_set<std::string_view>;

const WordSet& NegationWords() {
  static const WordSet words = {
      "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't", "couldn't",
      "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "don't",
      "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt", "needn't", "never", "none", "nope", "nor",
      "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent", "oughtn't", "shan't",
      "shouldn't", "uh-uh", "wasn't", "weren't", "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom",
      "despite"};
  return words;
}

// Degree adverbs: boosters raise, dampeners lower the intensity of what follows.
const std::unordered_map<std::string_view, double>& Boosters() {
  static const std::unordered_map<std::string_view, double> words = [] {
    std::unordered_map<std::string_view, double> m;
    for (std::string_view w : {"absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly", "deeply", "effing",
                               "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "flipping",
                               "flippin", "fricking", "frickin", "frigging", "friggin", "fully", "fucking", "greatly", "hella",
                               "highly", "hugely", "incredibly", "intensely", "majorly", "more", "most", "particularly", "purely",
                               "quite", "really", "remarkably", "so", "substantially", "thoroughly", "totally", "tremendously",
                               "uber", "unbelievably", "unusually", "utterly", "very"})
      m.emplace(w, kBoostIncrease);
    for (std::string_view w : {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little",
                               "marginally", "occasionally", "partly", "scarcely", "slightly", "somewhat", "sort of", "sorta",
                               "sortof", "sort-of"})
      m.emplace(w, kBoostDecrease);
    return m;
  }();
  return words;
}

struct Idiom {
  std::array<std::string_view, 3> words;  // unused trailing slots are empty
  size_t size;
  double valence;
};
const std::array<Idiom, 7> kIdioms = {{{{"the", "shit", ""}, 2, 3},
                                       {{"the", "bomb", ""}, 2, 3},
                                       {{"bad", "ass", ""}, 2, 1.5},
                                       {{"yeah", "right", ""}, 2, -2},
                                       {{"cut", "the", "mustard"}, 3, 2},
                                       {{"kiss", "of", "death"}, 3, -1.5},
                                       {{"hand", "to", "mouth"}, 3, -2}}};

bool IsPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The byte length of the white space at text[i], 0 for none: ASCII spaces and the Unicode ones
// (no-break space, the typographic spaces, line and paragraph separators, ideographic space).
size_t SpaceLength(std::string_view text, size_t i) {
  const auto b = [&](size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
  if (IsSpace(text[i])) return 1;
  if (b(0) == 0xC2 && b(1) == 0xA0) return 2;                                              // U+00A0
  if (b(0) == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;                              // U+1680
  if (b(0) == 0xE2 && b(1) == 0x80 && (b(2) <= 0x8A || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF)) return 3;
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;                              // U+205F
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;                              // U+3000
  return 0;
}
size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Python's str.isupper as VADER uses it: some uppercase letter and no lowercase one.
bool IsUpper(std::string_view w) {
  bool upper = false;
  for (char c : w) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') upper = true;
  }
  return upper;
}

// A token as written (for capitals) and in lower case (for every lookup).
struct Token {
  std::string_view word, lower;
};

bool IsPunctuationFree(std::string_view s) { return std::none_of(s.begin(), s.end(), IsPunctuation); }

// The affixes the reference strips from a word; anything else stays on it (":)" and "don't!!!!").
bool IsPunctuationAffix(std::string_view p) {
  static const WordSet affixes = {".", "!", "?", ",", ";", ":", "-", "'", "\"", "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"};
  return affixes.count(p) > 0;
}

// Whitespace-separated tokens of two or more characters. A word keeps its letters when one of the
// reference's punctuation affixes stands before or after it ("good." and "!!great"); any other
// token stays as written, so that emoticons (":)", ":-D") and contractions are kept whole.
void Tokenize(std::string_view text, std::string_view lower, std::vector<Token>& out) {
  out.clear();
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && SpaceLength(text, i)) i += SpaceLength(text, i);
    size_t start = i;
    while (i < text.size() && !SpaceLength(text, i)) ++i;
    if (i == start) break;
    std::string_view raw = text.substr(start, i - start);
    if (CodePoints(raw) <= 1) continue;
    size_t a = 0, b = raw.size();
    while (a < b && IsPunctuation(raw[a])) ++a;
    while (b > a && IsPunctuation(raw[b - 1])) --b;
    const std::string_view core = raw.substr(a, b - a);
    const bool stripped = CodePoints(core) > 1 && IsPunctuationFree(core) &&
                          ((b == raw.size() && IsPunctuationAffix(raw.substr(0, a))) ||
                           (a == 0 && IsPunctuationAffix(raw.substr(b))));
    if (!stripped) a = 0, b = raw.size();
    out.push_back({text.substr(start + a, b - a), lower.substr(start + a, b - a)});
  }
}

// A token's lexicon entry: as written first, for the emoticons the lexicon lists with capitals
// (":-D", "=D", ":P"), then in lower case.
const double* Valence(const VaderLexicon& lex, const Token& t) {
  if (t.word != t.lower)
    if (const double* v = lex.Find(t.word)) return v;
  return lex.Find(t.lower);
}

// As in the paper's code, the rule words (negations, "never so", "but", idioms) match as written:
// "Not" at the start of a sentence is no negation (docs/sentiment.md says why).
bool Negated(std::string_view word) { return NegationWords().count(word) || word.find("n't") != std::string_view::npos; }

double ScalarIncDec(const Token& t, double valence, bool caps_differential) {
  auto it = Boosters().find(t.lower);
  if (it == Boosters().end()) return 0;
  double scalar = valence < 0 ? -it->second : it->second;
  if (caps_differential && IsUpper(t.word)) scalar += valence > 0 ? kCapsIncrease : -kCapsIncrease;
  return scalar;
}

double NegationCheck(double valence, const std::vector<Token>& w, int start, size_t i) {
  auto is = [&](size_t k, std::string_view s) { return w[k].word == s; };
  if (start == 0 && Negated(w[i - 1].word)) return valence * kNegationScalar;
  if (start == 1) {
    if (is(i - 2, "never") && (is(i - 1, "so") || is(i - 1, "this"))) return valence * 1.5;
    if (Negated(w[i - 2].word)) return valence * kNegationScalar;
  }
  if (start == 2) {
    if ((is(i - 3, "never") && (is(i - 2, "so") || is(i - 2, "this"))) || is(i - 1, "so") || is(i - 1, "this"))
      return valence * 1.25;
    if (Negated(w[i - 3].word)) return valence * kNegationScalar;
  }
  return valence;
}

// Whether the tokens from `first` spell exactly `n` words.
bool Spells(const std::vector<Token>& w, size_t first, size_t n, const std::array<std::string_view, 3>& words) {
  if (first + n > w.size()) return false;
  for (size_t k = 0; k < n; ++k)
    if (w[first + k].word != words[k]) return false;
  return true;
}

std::optional<double> IdiomAt(const std::vector<Token>& w, size_t first, size_t n) {
  for (const Idiom& idiom : kIdioms)
    if (idiom.size == n && Spells(w, first, n, idiom.words)) return idiom.valence;
  return std::nullopt;
}

double IdiomsCheck(double valence, const std::vector<Token>& w, size_t i) {
  // The phrases ending at or just before the word, in the reference's order; the first wins.
  const std::array<std::pair<size_t, size_t>, 5> before = {{{i - 1, 2}, {i - 2, 3}, {i - 2, 2}, {i - 3, 3}, {i - 3, 2}}};
  for (auto [first, n] : before)
    if (auto v = IdiomAt(w, first, n)) {
      valence = *v;
      break;
    }
  // Then those starting at the word.
  if (w.size() - 1 > i)
    if (auto v = IdiomAt(w, i, 2)) valence = *v;
  if (w.size() - 1 > i + 1)
    if (auto v = IdiomAt(w, i, 3)) valence = *v;
  // Two-word dampeners ("kind of", "sort of") just before the word.
  auto two_word_booster = [&](size_t first) {
    const std::string_view a = w[first].word;
    if (a != "kind" && a != "sort" && a != "just") return false;
    return Boosters().count(std::string(a) + " " + std::string(w[first + 1].word)) > 0;
  };
  if (two_word_booster(i - 3) || two_word_booster(i - 2)) valence += kBoostDecrease;
  return valence;
}

double LeastCheck(const VaderLexicon& lex, double valence, const std::vector<Token>& w, size_t i) {
  if (i > 0 && w[i - 1].lower == "least" && !Valence(lex, w[i - 1])) {
    if (i == 1 || (w[i - 2].lower != "at" && w[i - 2].lower != "very")) valence *= kNegationScalar;
  }
  return valence;
}

double Round(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

// Decodes the UTF-8 code point at s[i]; its length in `len` (1 for a stray byte).
char32_t DecodeUtf8(std::string_view s, size_t i, size_t& len) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (i + len > s.size()) len = 1;
  if (len == 1) return c;
  char32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((b(k) & 0xC0) != 0x80) {
      len = 1;
      return c;
    }
    cp = (cp << 6) | (b(k) & 0x3F);
  }
  return cp;
}

bool ShapesAnEmoji(char32_t cp) { return cp == 0xFE0F || cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF); }

// Emoji become their names as separate words; what only shapes an emoji's look (the emoji
// variation selector, skin tones, the zero-width joiner) goes with it.
std::string_view ReplaceEmoji(const VaderLexicon& lex, std::string_view text, std::string& buffer) {
  if (!lex.has_emoji() || std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return text;
  buffer.clear();
  bool after_emoji = false;
  for (size_t i = 0, len = 1; i < text.size(); i += len) {
    const char32_t cp = DecodeUtf8(text, i, len);
    if (cp >= 0x80) {
      if (const std::string* name = lex.EmojiName(cp)) {
        buffer += ' ';
        buffer += *name;
        buffer += ' ';
        after_emoji = true;
        continue;
      }
      if (after_emoji && ShapesAnEmoji(cp)) continue;
    }
    after_emoji = false;
    buffer.append(text.substr(i, len));
  }
  return buffer;
}

}  // namespace

Result<VaderLexicon> VaderLexicon::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return Status::NotFound(fmt::format(
        "{}: the VADER lexicon is missing (it comes with the npm package vader-sentiment: run `make web`, or point "
        "--lexicon / SUPPORTLENS_VADER_LEXICON at a vader_lexicon.txt)",
        path));
  VaderLexicon lex;
  std::string line;
  int64_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    size_t tab2 = tab == std::string::npos ? std::string::npos : line.find('\t', tab + 1);
    if (tab == std::string::npos || tab == 0)
      return Status::InvalidData(fmt::format("{}:{}: token: expected TOKEN<TAB>MEAN-VALENCE", path, n));
    std::string value = line.substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1);
    char* end = nullptr;
    double v = std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(v))
      return Status::InvalidData(fmt::format("{}:{}: valence: not a number: \"{}\"", path, n, value));
    lex.valence_[line.substr(0, tab)] = v;
  }
  if (lex.valence_.empty()) return Status::InvalidData(fmt::format("{}: the VADER lexicon is empty", path));
  return lex;
}

Status VaderLexicon::LoadEmoji(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return Status::NotFound(fmt::format(
        "{}: the Unicode emoji list is missing (Debian's unicode-data package installs it; `make` installs the package, "
        "or point --emoji / SUPPORTLENS_EMOJI_TABLE at an emoji-test.txt)",
        path));
  std::string line;
  int64_t n = 0;
  size_t before = emoji_.size();
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    // "1F602 ; fully-qualified # 😂 E0.6 face with tears of joy"
    const size_t semi = line.find(';'), hash = line.find('#');
    if (semi == std::string::npos || hash == std::string::npos || hash < semi)
      return Status::InvalidData(fmt::format("{}:{}: line: expected CODE POINTS ; STATUS # EMOJI VERSION NAME", path, n));
    if (line.find("component", semi) < hash) continue;  // skin tones and hair styles are not emoji of their own
    std::vector<char32_t> cps;
    for (size_t i = 0; i < semi;) {
      while (i < semi && line[i] == ' ') ++i;
      size_t j = i;
      while (j < semi && line[j] != ' ') ++j;
      if (j > i) cps.push_back(static_cast<char32_t>(std::strtoul(line.substr(i, j - i).c_str(), nullptr, 16)));
      i = j;
    }
    if (cps.empty() || cps.size() > 2 || (cps.size() == 2 && cps[1] != 0xFE0F) || cps[0] < 0x80) continue;
    // After '#': the emoji, its version ("E0.6"), then the name.
    size_t p = line.find(' ', hash + 2);
    p = p == std::string::npos ? p : line.find(' ', p + 1);
    if (p == std::string::npos)
      return Status::InvalidData(fmt::format("{}:{}: name: missing after the emoji and its version", path, n));
    emoji_.emplace(cps[0], line.substr(p + 1));
  }
  if (emoji_.size() == before) return Status::InvalidData(fmt::format("{}: no emoji in the list", path));
  return Status::Ok();
}

VaderLexicon VaderLexicon::FromEntries(std::unordered_map<std::string, double> entries) {
  VaderLexicon lex;
  for (auto& [k, v] : entries) lex.valence_.emplace(k, v);
  return lex;
}

SentimentScores AnalyzeSentiment(const VaderLexicon& lex, std::string_view original) {
  thread_local std::string emoji_buffer, lower;
  thread_local std::vector<Token> w;
  thread_local std::vector<double> sentiments;
  const std::string_view text = ReplaceEmoji(lex, original, emoji_buffer);
  lower.assign(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  Tokenize(text, lower, w);
  // Some words, not all, in capitals: capitals then mean emphasis.
  size_t caps = static_cast<size_t>(std::count_if(w.begin(), w.end(), [](const Token& t) { return IsUpper(t.word); }));
  const bool caps_differential = caps > 0 && caps < w.size();
  sentiments.clear();
  for (size_t i = 0; i < w.size(); ++i) {
    const std::string_view lw = w[i].lower;
    if ((i + 1 < w.size() && lw == "kind" && w[i + 1].lower == "of") || Boosters().count(lw)) {
      sentiments.push_back(0);  // a modifier, not a sentiment itself
      continue;
    }
    double valence = 0;
    if (const double* v = Valence(lex, w[i])) {
      valence = *v;
      if (caps_differential && IsUpper(w[i].word)) valence += valence > 0 ? kCapsIncrease : -kCapsIncrease;
      for (int start = 0; start < 3; ++start) {
        if (i <= static_cast<size_t>(start)) continue;
        const Token& before = w[i - static_cast<size_t>(start) - 1];
        if (Valence(lex, before)) continue;
        // Modifiers further away count less.
        double s = ScalarIncDec(before, valence, caps_differential);
        if (start == 1 && s != 0) s *= 0.95;
        if (start == 2 && s != 0) s *= 0.9;
        valence += s;
        valence = NegationCheck(valence, w, start, i);
        if (start == 2) valence = IdiomsCheck(valence, w, i);
      }
      valence = LeastCheck(lex, valence, w, i);
    }
    sentiments.push_back(valence);
  }
  // "but": what comes before it counts half, what comes after one and a half times.
  auto but = std::find_if(w.begin(), w.end(), [](const Token& t) { return t.word == "but"; });
  if (but == w.end()) but = std::find_if(w.begin(), w.end(), [](const Token& t) { return t.word == "BUT"; });
  if (but != w.end()) {
    const size_t b = static_cast<size_t>(but - w.begin());
    for (size_t i = 0; i < sentiments.size(); ++i) {
      if (i < b) sentiments[i] *= 0.5;
      else if (i > b) sentiments[i] *= 1.5;
    }
  }
  SentimentScores out;
  if (sentiments.empty()) return out;
  double sum = 0;
  for (double s : sentiments) sum += s;
  // Exclamation marks (up to 4) and question marks (2 or more) add emphasis.
  const auto exclamations = std::min<int64_t>(4, std::count(text.begin(), text.end(), '!'));
  const auto questions = std::count(text.begin(), text.end(), '?');
  double emphasis = static_cast<double>(exclamations) * 0.292;
  if (questions > 1) emphasis += questions <= 3 ? static_cast<double>(questions) * 0.18 : 0.96;
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const double compound = std::clamp(sum / std::sqrt(sum * sum + 15), -1.0, 1.0);
  double pos = 0, neg = 0, neu = 0;
  for (double s : sentiments) {
    if (s > 0) pos += s + 1;  // +1 and -1 compensate for neutral words counting 1
    else if (s < 0) neg += s - 1;
    else neu += 1;
  }
  if (pos > std::fabs(neg)) pos += emphasis;
  else if (pos < std::fabs(neg)) neg -= emphasis;
  const double total = pos + std::fabs(neg) + neu;
  out.compound = Round(compound, 4);
  out.pos = Round(std::fabs(pos / total), 3);
  out.neg = Round(std::fabs(neg / total), 3);
  out.neu = Round(std::fabs(neu / total), 3);
  return out;
}

}  // namespace supportlens
