// supportlens sentiment TEXT [--format json|table]: the VADER sentiment of a text; with --lines,
// of each line of standard input (one JSON object per line out); with --db, the stored
// sentiment per ticket or per customer, most negative first.
#include <iostream>

#include "commands.h"
#include "engine/report_engine.h"
#include "query_options.h"
#include "supportlens/sentiment.h"
#include "supportlens/text_analytics.h"

namespace supportlens::cli {

void RegisterSentiment(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("sentiment",
                                 "Sentiment of a text (VADER): compound, shares and the 0-100 score; or, with --db, of the stored "
                                 "customer messages per ticket or customer");
  struct Options {
    std::string text, lexicon, emoji, format = "table";
    bool lines = false;
    std::string db, workspace = "default", by = "ticket";
    SentimentListRequest list;
    std::vector<std::string> filters;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("text", o->text, "The text (quote it)");
  cmd->add_flag("--lines", o->lines, "Score each line of standard input instead, one JSON object per line");
  cmd->add_option("--lexicon", o->lexicon, "vader_lexicon.txt (default: $SUPPORTLENS_VADER_LEXICON, else the npm package installed by make)");
  cmd->add_option("--emoji", o->emoji, "Unicode emoji-test.txt (default: $SUPPORTLENS_EMOJI_TABLE, else Debian's unicode-data copy)");
  cmd->add_option("--db", o->db, "List the stored sentiment of this database or workspace folder instead");
  cmd->add_option("--workspace", o->workspace, "Workspace name inside the database")->capture_default_str();
  cmd->add_option("--by", o->by, "ticket | customer (with --db)")->capture_default_str()->check(CLI::IsMember({"ticket", "customer"}));
  cmd->add_flag("--open", o->list.open_only, "Only tickets not resolved now (with --db)");
  cmd->add_option("--from", o->list.from, "Tickets created from this day (YYYY-MM-DD, with --db)");
  cmd->add_option("--to", o->list.to, "Tickets created before this day (with --db)");
  cmd->add_option("--filter", o->filters, "Keep only DIM=VALUE (repeatable; with --db)");
  cmd->add_option("--limit", o->list.limit, "At most this many, most negative first; 0: all (with --db)")->capture_default_str();
  cmd->add_option("--format", o->format, "json | table")->capture_default_str()->check(CLI::IsMember({"json", "table"}));
  cmd->callback([o, &action] {
    action = [o] {
      if (!o->db.empty()) {
        if (!o->text.empty() || o->lines) return Fail(Status::InvalidArgument("sentiment: --db lists stored scores; give no TEXT or --lines"));
        auto filters = ParseFilters(o->filters);
        if (!filters.ok()) return Fail(filters.status());
        o->list.filters = *filters;
        auto ws = OpenLoadedWorkspace(o->db, o->workspace);
        if (!ws.ok()) return Fail(ws.status());
        if (o->by == "ticket") {
          auto tickets = TicketSentiments(**ws, o->list);
          if (!tickets.ok()) return Fail(tickets.status());
          std::cout << RenderTicketSentiments(*tickets, o->format);
        } else {
          auto customers = CustomerSentiments(**ws, o->list);
          if (!customers.ok()) return Fail(customers.status());
          std::cout << RenderCustomerSentiments(*customers, o->format);
        }
        return 0;
      }
      if (o->lines == !o->text.empty()) return Fail(Status::InvalidArgument("sentiment: give a TEXT, --lines or --db"));
      auto model = SentimentModel::Load(o->lexicon.empty() ? DefaultLexiconPath() : o->lexicon,
                                        o->emoji.empty() ? DefaultEmojiPath() : o->emoji);
      if (!model.ok()) return Fail(model.status());
      if (!o->lines) {
        std::cout << RenderSentiment((*model)->Score(o->text), o->format);
        return 0;
      }
      std::ios::sync_with_stdio(false);
      std::string line;
      while (std::getline(std::cin, line)) std::cout << RenderSentiment((*model)->Score(line), "json");
      return 0;
    };
  });
}

}  // namespace supportlens::cli
