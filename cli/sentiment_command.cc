// supportlens sentiment TEXT [--lexicon PATH] [--format json|table]: the VADER sentiment of a text.
#include <iostream>

#include "commands.h"
#include "supportlens/sentiment.h"

namespace supportlens::cli {

void RegisterSentiment(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("sentiment", "Sentiment of a text (VADER): compound, shares and the 0-100 score");
  struct Options {
    std::string text, lexicon, format = "table";
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("text", o->text, "The text (quote it)")->required();
  cmd->add_option("--lexicon", o->lexicon, "vader_lexicon.txt (default: $SUPPORTLENS_VADER_LEXICON, else the npm package installed by make)");
  cmd->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  cmd->callback([o, &action] {
    action = [o] {
      auto scores = ScoreSentiment(o->text, o->lexicon.empty() ? DefaultLexiconPath() : o->lexicon);
      if (!scores.ok()) return Fail(scores.status());
      std::cout << RenderSentiment(*scores, o->format);
      return 0;
    };
  });
}

}  // namespace supportlens::cli
