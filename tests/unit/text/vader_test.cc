// VADER against its reference: the expected scores were produced by the npm package
// vader-sentiment 1.1.3 (SentimentIntensityAnalyzer.polarity_scores) for each text; the first
// fourteen are also the examples of the VADER authors' README. The rules are checked one by one
// on a tiny lexicon.
#include "text/vader.h"

#include <gtest/gtest.h>

#include "supportlens/sentiment.h"

namespace supportlens {
namespace {

const std::string kLexicon = std::string(SUPPORTLENS_SOURCE_DIR) + "/web/node_modules/vader-sentiment/vader_lexicon.txt";

TEST(Vader, MatchesTheReferenceImplementation) {
  auto lexicon = VaderLexicon::Load(kLexicon);
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message() << " (make web installs it)";
  EXPECT_GT(lexicon->size(), 7000u);
  struct Case {
    std::string text;
    double compound, pos, neu, neg;
  };
  const std::vector<Case> cases = {
      {"VADER is smart, handsome, and funny.", 0.8316, 0.746, 0.254, 0},
      {"VADER is smart, handsome, and funny!", 0.8439, 0.752, 0.248, 0},
      {"VADER is very smart, handsome, and funny.", 0.8545, 0.701, 0.299, 0},
      {"VADER is VERY SMART, handsome, and FUNNY.", 0.9227, 0.754, 0.246, 0},
      {"VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342, 0.767, 0.233, 0},
      {"VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469, 0.706, 0.294, 0},
      {"VADER is not smart, handsome, nor funny.", -0.7424, 0, 0.354, 0.646},
      {"The book was good.", 0.4404, 0.492, 0.508, 0},
      {"At least it isn't a horrible book.", 0.431, 0.363, 0.637, 0},
      {"The book was only kind of good.", 0.3832, 0.303, 0.697, 0},
      {"The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042, 0.094, 0.579, 0.327},
      {"Today SUX!", -0.5461, 0, 0.221, 0.779},
      {"Today only kinda sux! But I'll get by, lol", 0.2228, 0.251, 0.569, 0.179},
      {"Make sure you :) or :D today!", 0.8633, 0.706, 0.294, 0},
      {"Not bad at all", -0.5423, 0, 0.462, 0.538},
      {"I waited three weeks for a refund and nobody answered. This is unacceptable!!", -0.555, 0, 0.736, 0.264},
      {"Thanks so much, the agent fixed it in minutes :)", 0.7096, 0.424, 0.576, 0},
      {"Where is my parcel???", 0, 0, 1, 0},
      {"The app is the bomb", 0.6124, 0.5, 0.5, 0},
      {"I never got this so wrong", -0.6113, 0, 0.501, 0.499},
      {"It is the least helpful support", 0.0946, 0.299, 0.443, 0.258},
      {"", 0, 0, 0, 0},
  };
  for (const Case& c : cases) {
    SentimentScores s = AnalyzeSentiment(*lexicon, c.text);
    EXPECT_DOUBLE_EQ(s.compound, c.compound) << c.text;
    EXPECT_DOUBLE_EQ(s.pos, c.pos) << c.text;
    EXPECT_DOUBLE_EQ(s.neu, c.neu) << c.text;
    EXPECT_DOUBLE_EQ(s.neg, c.neg) << c.text;
  }
}

TEST(Vader, EachRuleOnATinyLexicon) {
  VaderLexicon lex = VaderLexicon::FromEntries({{"good", 1.9}, {"bad", -2.5}, {":)", 2.0}});
  auto compound = [&](const char* text) { return AnalyzeSentiment(lex, text).compound; };
  // "good" alone: 1.9 / sqrt(1.9^2 + 15) = 0.4404.
  EXPECT_DOUBLE_EQ(compound("good food"), 0.4404);
  // Negation multiplies by -0.74: -1.406 / sqrt(1.406^2 + 15) = -0.3412.
  EXPECT_DOUBLE_EQ(compound("not good"), -0.3412);
  // A booster adds 0.293: 2.193 / sqrt(2.193^2 + 15) = 0.4927.
  EXPECT_DOUBLE_EQ(compound("very good"), 0.4927);
  // ALL CAPS among lower case adds 0.733: 2.633 / sqrt(2.633^2 + 15) = 0.5622.
  EXPECT_DOUBLE_EQ(compound("GOOD food"), 0.5622);
  // One exclamation mark adds 0.292: 2.192 / sqrt(2.192^2 + 15) = 0.4926.
  EXPECT_DOUBLE_EQ(compound("good food!"), 0.4926);
  // "but": 0.5 x 1.9 + 1.5 x -2.5 = -2.8: -2.8 / sqrt(2.8^2 + 15) = -2.8 / 4.7791 = -0.5859.
  EXPECT_DOUBLE_EQ(compound("good but bad"), -0.5859);
  // An emoticon is a lexicon entry kept whole by the tokenizer: 2 / sqrt(4 + 15) = 0.4588.
  EXPECT_DOUBLE_EQ(compound("thanks :)"), 0.4588);
  // No sentiment word: everything neutral; the 0-100 score is 50.
  SentimentScores none = AnalyzeSentiment(lex, "where is my parcel");
  EXPECT_EQ(none.compound, 0);
  EXPECT_EQ(none.neu, 1);
  EXPECT_EQ(none.score(), 50);
}

TEST(Vader, DampenersDistanceLeastNeverIdiomsAndPunctuationCaps) {
  VaderLexicon lex = VaderLexicon::FromEntries({{"good", 1.9}, {"bad", -2.5}, {"bomb", -2.2}});
  auto compound = [&](const char* text) { return AnalyzeSentiment(lex, text).compound; };
  // A dampener towards zero: -2.5 + 0.293 = -2.207; -2.207 / sqrt(2.207^2 + 15) = -0.4951.
  EXPECT_DOUBLE_EQ(compound("slightly bad"), -0.4951);
  // "kind of" two and three words before: 1.9 - 0.293 = 1.607; 1.607 / 4.1931 = 0.3832.
  EXPECT_DOUBLE_EQ(compound("it is kind of good"), 0.3832);
  // A booster two words away counts 0.95: 1.9 + 0.293 x 0.95 = 2.17835; / 4.44356 = 0.4902.
  EXPECT_DOUBLE_EQ(compound("very much good"), 0.4902);
  // "least" negates (x -0.74: -1.406 -> -0.3412), "at least" does not (0.4404).
  EXPECT_DOUBLE_EQ(compound("least good"), -0.3412);
  EXPECT_DOUBLE_EQ(compound("at least good"), 0.4404);
  // "never so": "so" boosts (2.193), "never" two words before then intensifies x 1.5 instead
  // of negating: 3.2895 / sqrt(3.2895^2 + 15) = 0.6474.
  EXPECT_DOUBLE_EQ(compound("never so good"), 0.6474);
  // Idioms replace the valence: "the bomb" is 3, not bomb's -2.2: 3 / sqrt(24) = 0.6124.
  EXPECT_DOUBLE_EQ(compound("this is the bomb"), 0.6124);
  // Two question marks add 0.18 each: 2.26 / 4.48415 = 0.504; four or more add 0.96:
  // 2.86 / 4.81452 = 0.594. Exclamation marks stop at four: 1.9 + 4 x 0.292 = 3.068 -> 0.6209.
  EXPECT_DOUBLE_EQ(compound("good??"), 0.504);
  EXPECT_DOUBLE_EQ(compound("good ????"), 0.594);
  EXPECT_DOUBLE_EQ(compound("good !!!!!!"), 0.6209);
}

// Where this implementation departs from the npm port (docs/sentiment.md), one test per class.
TEST(Vader, EmojiAreScoredByTheirUnicodeNames) {
  VaderLexicon lex = VaderLexicon::FromEntries({{"joy", 2.8}, {"tears", -0.9}, {"good", 1.9}});
  lex.AddEmoji(0x1F602, "face with tears of joy");
  // The port ignores emoji: "ok 😂" has no lexicon word, compound 0. Here the emoji reads as
  // "face with tears of joy": tears -0.9 + joy 2.8 (no rule applies: "of" is no modifier)
  // = 1.9, and 1.9 / sqrt(1.9^2 + 15) = 0.4404.
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "ok \U0001F602").compound, 0.4404);
  // Glued to a word, with a skin tone or the emoji variation selector: the same words.
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "ok\U0001F602\uFE0F").compound, 0.4404);
  // "good" 1.9 and the emoji 1.9: 3.8 / sqrt(3.8^2 + 15) = 3.8 / 5.4259 = 0.7003.
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "good\U0001F602").compound, 0.7003);
}

TEST(Vader, EmoticonsWrittenWithCapitalsUseTheirOwnRating) {
  // The lexicon rates ":P" 1.4 and ":p" 1.0; the port lowercases every token first and so
  // scores ":P" as ":p". ":P" also counts as capitals among lower-case words (+0.733):
  // 2.133 / sqrt(2.133^2 + 15) = 2.133 / 4.4221 = 0.4824 (the port: 1.733 / 4.2434 = 0.4084).
  VaderLexicon lex = VaderLexicon::FromEntries({{":P", 1.4}, {":p", 1.0}});
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "see you :P").compound, 0.4824);
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "see you :p").compound, 0.25);
}

TEST(Vader, RuleWordsMatchAsWrittenAsInThePapersCode) {
  // Kept from the paper's code (and the port): "Not" and "NOT" are no negation, "But" no shift.
  VaderLexicon lex = VaderLexicon::FromEntries({{"good", 1.9}, {"bad", -2.5}});
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "not good").compound, -0.3412);
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "Not good").compound, 0.4404);
  // "good But bad": 1.9 - 2.5 = -0.6; -0.6 / sqrt(0.36 + 15) = -0.1531.
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "good But bad").compound, -0.1531);
}

TEST(Vader, UnicodeSpacesSeparateWords) {
  // A no-break space between two words splits them, as in the port (JavaScript's \s): "done."
  // then "good" 1.9 -> 0.4404; kept together, "done.\u00a0good" would be no word at all.
  VaderLexicon lex = VaderLexicon::FromEntries({{"good", 1.9}});
  EXPECT_DOUBLE_EQ(AnalyzeSentiment(lex, "done.\u00a0good").compound, 0.4404);
}

TEST(Vader, TheUnicodeEmojiListLoads) {
  VaderLexicon lex = VaderLexicon::FromEntries({{"x", 1}});
  Status st = lex.LoadEmoji(DefaultEmojiPath());
  ASSERT_TRUE(st.ok()) << st.message() << " (Debian's unicode-data package)";
  EXPECT_GT(lex.emoji_count(), 1000u);
  ASSERT_NE(lex.EmojiName(0x1F602), nullptr);
  EXPECT_EQ(*lex.EmojiName(0x1F602), "face with tears of joy");
  EXPECT_EQ(*lex.EmojiName(0x2764), "red heart");   // listed as 2764 FE0F
  EXPECT_EQ(lex.EmojiName(0x1F3FB), nullptr);        // a skin tone is a component, not an emoji
  Status missing = lex.LoadEmoji("/nonexistent/emoji-test.txt");
  EXPECT_EQ(missing.kind(), ErrorKind::kNotFound);
  EXPECT_NE(missing.message().find("unicode-data"), std::string::npos) << missing.message();
}

TEST(Vader, AMissingLexiconSaysWhereItComesFrom) {
  auto missing = ScoreSentiment("good", "/nonexistent/vader_lexicon.txt");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().kind(), ErrorKind::kNotFound);
  EXPECT_NE(missing.status().message().find("npm package vader-sentiment"), std::string::npos) << missing.status().message();
}

}  // namespace
}  // namespace supportlens
