#include "analytics/vader.h"

#include <fmt/format.h>

#include <algorithm>
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

const std::unordered_set<std::string_view>& NegationWords() {
  static const std::unordered_set<std::string_view> words = {
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

const std::unordered_map<std::string_view, double>& Idioms() {
  static const std::unordered_map<std::string_view, double> idioms = {
      {"the shit", 3}, {"the bomb", 3}, {"bad ass", 1.5}, {"yeah right", -2}, {"cut the mustard", 2}, {"kiss of death", -1.5},
      {"hand to mouth", -2}};
  return idioms;
}

constexpr std::string_view kPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const std::vector<std::string_view> kPunctuationAffixes = {".",  "!",   "?",   ",",   ";",   ":",    "-",    "'", "\"",
                                                           "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::vector<std::string> SplitOnSpace(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (IsSpace(c)) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
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

// Tokens of two or more characters, with a leading or trailing punctuation mark removed from
// words but emoticons (":)", ":-(") kept whole.
std::vector<std::string> WordsAndEmoticons(std::string_view text) {
  std::string no_punctuation;
  for (char c : text)
    if (kPunctuation.find(c) == std::string_view::npos) no_punctuation += c;
  std::unordered_map<std::string, std::string> stripped;
  for (const std::string& w : SplitOnSpace(no_punctuation)) {
    if (w.size() <= 1) continue;
    for (std::string_view p : kPunctuationAffixes) {
      stripped[std::string(p) + w] = w;
      stripped[w + std::string(p)] = w;
    }
  }
  std::vector<std::string> out;
  for (std::string& t : SplitOnSpace(text)) {
    if (t.size() <= 1) continue;
    auto it = stripped.find(t);
    out.push_back(it == stripped.end() ? std::move(t) : it->second);
  }
  return out;
}

bool Negated(std::string_view word) {
  std::string w(word);
  return NegationWords().count(w) || w.find("n't") != std::string::npos;
}

double ScalarIncDec(std::string_view word, double valence, bool caps_differential) {
  auto it = Boosters().find(Lower(word));
  if (it == Boosters().end()) return 0;
  double scalar = valence < 0 ? -it->second : it->second;
  if (caps_differential && IsUpper(word)) scalar += valence > 0 ? kCapsIncrease : -kCapsIncrease;
  return scalar;
}

double NeverCheck(double valence, const std::vector<std::string>& w, int start, size_t i) {
  if (start == 0 && Negated(w[i - 1])) return valence * kNegationScalar;
  if (start == 1) {
    if (w[i - 2] == "never" && (w[i - 1] == "so" || w[i - 1] == "this")) return valence * 1.5;
    if (Negated(w[i - 2])) return valence * kNegationScalar;
  }
  if (start == 2) {
    if ((w[i - 3] == "never" && (w[i - 2] == "so" || w[i - 2] == "this")) || w[i - 1] == "so" || w[i - 1] == "this")
      return valence * 1.25;
    if (Negated(w[i - 3])) return valence * kNegationScalar;
  }
  return valence;
}

double IdiomsCheck(double valence, const std::vector<std::string>& w, size_t i) {
  const std::string onezero = w[i - 1] + " " + w[i], twoonezero = w[i - 2] + " " + w[i - 1] + " " + w[i],
                    twoone = w[i - 2] + " " + w[i - 1], threetwoone = w[i - 3] + " " + w[i - 2] + " " + w[i - 1],
                    threetwo = w[i - 3] + " " + w[i - 2];
  for (const std::string* s : {&onezero, &twoonezero, &twoone, &threetwoone, &threetwo}) {
    auto it = Idioms().find(*s);
    if (it != Idioms().end()) {
      valence = it->second;
      break;
    }
  }
  if (w.size() - 1 > i) {
    auto it = Idioms().find(w[i] + " " + w[i + 1]);
    if (it != Idioms().end()) valence = it->second;
  }
  if (w.size() - 1 > i + 1) {
    auto it = Idioms().find(w[i] + " " + w[i + 1] + " " + w[i + 2]);
    if (it != Idioms().end()) valence = it->second;
  }
  if (Boosters().count(threetwo) || Boosters().count(twoone)) valence += kBoostDecrease;
  return valence;
}

double LeastCheck(const VaderLexicon& lex, double valence, const std::vector<std::string>& w, size_t i) {
  if (i > 1 && Lower(w[i - 1]) == "least" && !lex.Find("least")) {
    std::string before = Lower(w[i - 2]);
    if (before != "at" && before != "very") valence *= kNegationScalar;
  } else if (i > 0 && Lower(w[i - 1]) == "least" && !lex.Find("least")) {
    valence *= kNegationScalar;
  }
  return valence;
}

double Round(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
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

VaderLexicon VaderLexicon::FromEntries(std::unordered_map<std::string, double> entries) {
  VaderLexicon lex;
  lex.valence_ = std::move(entries);
  return lex;
}

const double* VaderLexicon::Find(std::string_view token) const {
  auto it = valence_.find(std::string(token));
  return it == valence_.end() ? nullptr : &it->second;
}

SentimentScores AnalyzeSentiment(const VaderLexicon& lex, std::string_view text) {
  const std::vector<std::string> w = WordsAndEmoticons(text);
  // Some words, not all, in capitals: capitals then mean emphasis.
  size_t caps = static_cast<size_t>(std::count_if(w.begin(), w.end(), [](const std::string& s) { return IsUpper(s); }));
  const bool caps_differential = caps > 0 && caps < w.size();
  std::vector<double> sentiments;
  for (size_t i = 0; i < w.size(); ++i) {
    const std::string lower = Lower(w[i]);
    if ((i + 1 < w.size() && lower == "kind" && Lower(w[i + 1]) == "of") || Boosters().count(lower)) {
      sentiments.push_back(0);  // a modifier, not a sentiment itself
      continue;
    }
    double valence = 0;
    if (const double* v = lex.Find(lower)) {
      valence = *v;
      if (IsUpper(w[i]) && caps_differential) valence += valence > 0 ? kCapsIncrease : -kCapsIncrease;
      for (int start = 0; start < 3; ++start) {
        if (i <= static_cast<size_t>(start)) continue;
        const std::string& before = w[i - static_cast<size_t>(start) - 1];
        if (lex.Find(Lower(before))) continue;
        // Modifiers further away count less.
        double s = ScalarIncDec(before, valence, caps_differential);
        if (start == 1 && s != 0) s *= 0.95;
        if (start == 2 && s != 0) s *= 0.9;
        valence += s;
        valence = NeverCheck(valence, w, start, i);
        if (start == 2) valence = IdiomsCheck(valence, w, i);
      }
      valence = LeastCheck(lex, valence, w, i);
    }
    sentiments.push_back(valence);
  }
  // "but": what comes before it counts half, what comes after one and a half times.
  auto but = std::find(w.begin(), w.end(), "but");
  if (but == w.end()) but = std::find(w.begin(), w.end(), "BUT");
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
