#include "synth/workspace_generator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <queue>
#include <string_view>
#include <system_error>
#include <vector>

#include "synth/agent_roster.h"
#include "synth/agent_schedule.h"
#include "synth/civil_time.h"
#include "synth/cost_model.h"
#include "synth/csv_writer.h"
#include "synth/customer_book.h"
#include "synth/distributions.h"
#include "synth/local_calendar.h"
#include "synth/random.h"
#include "synth/ticket_simulator.h"
#include "synth/vocabulary.h"
#include "synth/volume_plan.h"
#include "synth/workspace_settings.h"

namespace supportlens {
namespace {

using namespace synth;  // NOLINT: this file is the synth package's entry point

constexpr int64_t kTicketsPerDayWhenDerived = 400;
constexpr int kMinDerivedDays = 28;
constexpr int kMaxDerivedDays = 365;
constexpr int kMaxDays = 3660;
constexpr int64_t kMaxTickets = 2'000'000'000;

// Channel mix in staffed hours and outside them; overall about email 40 %, chat 25 %,
// phone 15 %, social 10 %, web 10 % (phones are rarely used at night).
const WeightedChoice kStaffedChannels = {0.370, 0.259, 0.183, 0.091, 0.097};
const WeightedChoice kOffHoursChannels = {0.50, 0.22, 0.04, 0.13, 0.11};
const WeightedChoice kSelfServiceKinds = {0.45, 0.30, 0.10, 0.15};  // knowledge_base, faq, forum, chatbot
const WeightedChoice kWrittenSelfServiceKinds = {0.50, 0.35, 0.15};
constexpr std::array<std::string_view, 4> kSelfServiceKindNames = {"knowledge_base", "faq", "forum", "chatbot"};
constexpr std::array<double, 4> kSelfServiceResolved = {0.70, 0.75, 0.50, 0.60};
constexpr std::array<double, kSegmentCount> kOfferValueEuros = {300, 2400, 15000};

bool ParseDate(std::string_view s, int64_t* unix_day) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::from_chars(s.data(), s.data() + 4, y).ptr != s.data() + 4) return false;
  if (std::from_chars(s.data() + 5, s.data() + 7, m).ptr != s.data() + 7) return false;
  if (std::from_chars(s.data() + 8, s.data() + 10, d).ptr != s.data() + 10) return false;
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const int64_t day = DaysFromCivil(y, m, d);
  const CivilDate back = CivilFromDays(day);
  if (back.year != y || back.month != m || back.day != d) return false;
  *unix_day = day;
  return true;
}

// A customer's follow-up on the same topic, due at a given instant (repeat contacts).
struct PendingRepeat {
  int64_t due;
  int64_t seq;
  int64_t customer;
  int topic;
  bool operator>(const PendingRepeat& o) const { return due != o.due ? due > o.due : seq > o.seq; }
};

class Generation {
 public:
  Generation(const GeneratorOptions& options, const LocalCalendar& calendar, const AgentRoster& roster,
             CustomerBook& customers)
      : options_(options),
        calendar_(calendar),
        roster_(roster),
        customers_(customers),
        simulator_(calendar, roster),
        rng_(options.seed, 0x71C4E7),
        horizon_(calendar.horizon()),
        range_start_(calendar.DayStart(0)) {
    const auto days = static_cast<size_t>(calendar.days());
    activity_.phone_seconds.assign(days, 0);
    activity_.chats.assign(days, 0);
    activity_.bot_conversations.assign(days, 0);
    std::vector<double> topic_weights;
    for (const TopicInfo& t : kTopics) topic_weights.push_back(t.weight);
    topics_ = WeightedChoice(topic_weights);
    for (size_t i = 0; i < kTopics.size(); ++i) {
      const double sev = kTopics[i].severity;
      priorities_[i] = WeightedChoice({20 / sev, 55, 18 * sev, 7 * sev * sev});
    }
    story_.events.reserve(64);
  }

  Status Run(const std::filesystem::path& dir) {
    SL_RETURN_IF_ERROR(tickets_.Open(dir / "tickets.csv", {"ticket_id", "created_at", "channel", "customer_id",
                                                           "priority", "topic", "tags", "subject", "is_complaint",
                                                           "queue"}));
    SL_RETURN_IF_ERROR(events_.Open(dir / "events.csv", {"event_id", "ticket_id", "at", "type", "actor_kind",
                                                         "actor_id", "public", "status", "assignee_id", "level",
                                                         "text"}));
    SL_RETURN_IF_ERROR(calls_.Open(dir / "calls.csv", {"call_id", "offered_at", "channel", "queue", "customer_id",
                                                       "ticket_id", "answered_at", "abandoned_at", "ended_at",
                                                       "talk_s", "hold_s", "acw_s", "agent_id", "transferred"}));
    SL_RETURN_IF_ERROR(surveys_.Open(dir / "surveys.csv", {"response_id", "kind", "score", "answered_at",
                                                           "scale_min", "scale_max", "ticket_id", "customer_id",
                                                           "agent_id", "comment"}));
    SL_RETURN_IF_ERROR(offers_.Open(dir / "offers.csv", {"offer_id", "offered_at", "kind", "accepted", "value",
                                                         "ticket_id", "agent_id", "customer_id"}));
    SL_RETURN_IF_ERROR(sessions_.Open(dir / "self_service.csv", {"session_id", "started_at", "kind",
                                                                 "resolved_without_agent", "customer_id",
                                                                 "handed_off_ticket_id"}));

    GenerateTickets();

    CsvWriter shifts, states;
    SL_RETURN_IF_ERROR(shifts.Open(dir / "shifts.csv", {"agent_id", "start", "end"}));
    SL_RETURN_IF_ERROR(states.Open(dir / "agent_states.csv", {"agent_id", "state", "start", "end"}));
    ScheduleTotals schedule = WriteSchedules(roster_, calendar_, options_.seed, shifts, states);
    activity_.labor_cents = std::move(schedule.labor_cents_per_day);
    SL_RETURN_IF_ERROR(shifts.Close());
    SL_RETURN_IF_ERROR(states.Close());

    WriteEmployeeSurveys();

    CsvWriter customers, retention;
    SL_RETURN_IF_ERROR(customers.Open(dir / "customers.csv", {"customer_id", "segment", "acquired_on", "churned_on",
                                                              "recurring_revenue"}));
    SL_RETURN_IF_ERROR(retention.Open(dir / "retention_requests.csv", {"request_id", "customer_id", "requested_at",
                                                                       "outcome"}));
    customers_.WriteOutcomes(calendar_, customers, surveys_, retention, &response_id_);
    SL_RETURN_IF_ERROR(customers.Close());
    SL_RETURN_IF_ERROR(retention.Close());

    CsvWriter costs;
    SL_RETURN_IF_ERROR(costs.Open(dir / "costs.csv", {"period_start", "period_end", "amount", "category", "channel"}));
    WriteCosts(calendar_, roster_, activity_, costs);
    SL_RETURN_IF_ERROR(costs.Close());

    for (CsvWriter* w : {&tickets_, &events_, &calls_, &surveys_, &offers_, &sessions_}) SL_RETURN_IF_ERROR(w->Close());
    return Status::Ok();
  }

 private:
  void GenerateTickets() {
    const std::vector<int64_t> plan = PlanHourlyVolume(calendar_, rng_, options_.tickets);
    std::vector<int64_t> offsets;
    for (int day = 0; day < calendar_.days(); ++day) {
      for (int hour = 0; hour < 24; ++hour) {
        const int64_t count = plan[static_cast<size_t>(day) * 24 + hour];
        if (count == 0) continue;
        const int64_t start = calendar_.HourStart(day, hour);
        const int64_t length = calendar_.HourStart(day, hour + 1) - start;
        offsets.resize(static_cast<size_t>(count));
        for (int64_t& o : offsets) o = static_cast<int64_t>(rng_.Below(static_cast<uint64_t>(length)));
        std::sort(offsets.begin(), offsets.end());
        const bool staffed = calendar_.IsWorkday(day) && hour >= LocalCalendar::kStaffedOpenHour &&
                             hour < LocalCalendar::kStaffedCloseHour;
        for (int64_t o : offsets) OneTicket(day, start + o, staffed);
      }
    }
  }

  void OneTicket(int day, int64_t created_at, bool staffed) {
    const int64_t ticket = ++ticket_no_;
    int64_t customer = 0;
    int topic = 0;
    if (!repeats_.empty() && repeats_.top().due <= created_at) {
      customer = repeats_.top().customer;
      topic = repeats_.top().topic;
      repeats_.pop();
    } else {
      customer = customers_.Pick(rng_, day);
      topic = static_cast<int>(topics_.Sample(rng_));
    }
    const TopicInfo& info = kTopics[static_cast<size_t>(topic)];
    story_.created_at = created_at;
    story_.channel = static_cast<Channel>((staffed ? kStaffedChannels : kOffHoursChannels).Sample(rng_));
    story_.priority = static_cast<Priority>(priorities_[static_cast<size_t>(topic)].Sample(rng_));
    story_.topic = topic;
    story_.complaint = rng_.Chance(info.complaint_share);
    simulator_.Simulate(rng_, &story_);
    const Segment segment = customers_.SegmentOf(customer);

    // tickets.csv
    tags_.assign(info.name);
    if (rng_.Chance(0.5)) tags_.append(";").append(info.tags[rng_.Below(info.tags.size())]);
    if (segment == kEnterprise) tags_.append(";vip");
    if (story_.escalated) tags_.append(";escalated");
    if (story_.bot_handoff) tags_.append(";bot_handoff");
    tickets_.Id("T", ticket, 8).Timestamp(created_at).Raw(kChannelNames[story_.channel]).Id("C", customer + 1, 7);
    tickets_.Raw(kPriorityNames[story_.priority]).Raw(info.name).Raw(tags_).Text(story_.subject);
    tickets_.Bool(story_.complaint).Raw(kQueueNames[story_.queue]);
    tickets_.EndRow();

    WriteEvents(ticket, customer);
    WriteCalls(ticket, customer, staffed);
    const int csat = WriteTicketSurveys(ticket, customer);
    WriteOffer(ticket, customer, segment, topic);
    WriteSelfService(ticket, customer, day);

    if (story_.channel == kChat) ++activity_.chats[static_cast<size_t>(day)];
    if (story_.bot_involved) ++activity_.bot_conversations[static_cast<size_t>(day)];
    if (story_.has_call) {
      activity_.phone_seconds[static_cast<size_t>(day)] += story_.talk_s + story_.hold_s + story_.acw_s;
    }

    const int badness = static_cast<int>(std::lround(2.0 * story_.penalty)) + (csat > 0 && csat <= 2 ? 2 : 0);
    customers_.RecordTicket(customer, day, std::max(0, badness));

    // Repeat contacts: unresolved-feeling experiences bring the customer back on the same topic.
    const double p_repeat = 0.05 + (story_.penalty > 0.5 ? 0.12 : 0.0) + (story_.bot_solved ? 0.05 : 0.0);
    if (rng_.Chance(p_repeat)) {
      const int64_t delay = std::min<int64_t>(std::llround(LogNormal(rng_, 2 * 86400, 0.6)), 6 * 86400 + 43200);
      repeats_.push({created_at + std::max<int64_t>(600, delay), ticket, customer, topic});
    }
  }

  void WriteEvents(int64_t ticket, int64_t customer) {
    const auto& agents = roster_.agents();
    for (const SimEvent& e : story_.events) {
      if (e.at >= horizon_) break;  // the export is taken at the end of the range
      events_.Id("E", ++event_no_, 10).Id("T", ticket, 8).Timestamp(e.at);
      events_.Raw(kEventTypeNames[static_cast<int>(e.type)]).Raw(kActorKindNames[static_cast<int>(e.actor)]);
      switch (e.actor) {
        case ActorKind::kCustomer: events_.Id("C", customer + 1, 7); break;
        case ActorKind::kAgent:
        case ActorKind::kBot: events_.Raw(agents[static_cast<size_t>(e.agent)].id); break;
        case ActorKind::kSystem: events_.Empty(); break;
      }
      events_.Bool(e.is_public);
      if (e.type == EventType::kStatus) {
        events_.Raw(kTicketStatusNames[static_cast<int>(e.status)]);
      } else {
        events_.Empty();
      }
      if (e.type == EventType::kAssign) {
        events_.Raw(agents[static_cast<size_t>(e.assignee)].id);
      } else {
        events_.Empty();
      }
      if (e.type == EventType::kEscalate) {
        events_.Int(e.level);
      } else {
        events_.Empty();
      }
      events_.Text(e.text);
      events_.EndRow();
    }
  }

  void CallPrefix(int64_t offered_at, std::string_view channel, int64_t customer) {
    calls_.Id("CL", ++call_no_, 8).Timestamp(offered_at).Raw(channel).Raw(kQueueNames[story_.queue]);
    calls_.Id("C", customer + 1, 7);
  }

  void WriteCalls(int64_t ticket, int64_t customer, bool staffed) {
    const auto& agents = roster_.agents();
    if (story_.channel == kPhone) {
      // Earlier attempts the customer gave up on (some within 5 seconds: short abandons).
      const int64_t abandoned = Poisson(rng_, staffed ? 0.06 : 0.15);
      for (int64_t k = 0; k < abandoned; ++k) {
        const int64_t wait = rng_.Chance(0.25) ? rng_.Between(1, 4)
                                               : std::clamp<int64_t>(std::llround(LogNormal(rng_, 70, 0.8)), 5, 900);
        const int64_t offered = story_.created_at - wait - rng_.Between(60, 1800);
        if (offered < range_start_) continue;
        CallPrefix(offered, "phone", customer);
        calls_.Empty().Empty().Timestamp(offered + wait).Timestamp(offered + wait);
        calls_.Empty().Empty().Empty().Empty().Bool(false);
        calls_.EndRow();
      }
    }
    if (story_.has_call) {
      CallPrefix(story_.created_at, "phone", customer);
      calls_.Id("T", ticket, 8).Timestamp(story_.call_answered_at).Empty().Timestamp(story_.call_ended_at);
      calls_.Int(story_.talk_s).Int(story_.hold_s).Int(story_.acw_s);
      calls_.Raw(agents[static_cast<size_t>(story_.call_agent)].id).Bool(story_.transferred);
      calls_.EndRow();
    }
    if (story_.has_chat_queue && story_.chat_offered_at < horizon_) {
      CallPrefix(story_.chat_offered_at, "chat", customer);
      calls_.Id("T", ticket, 8);
      if (story_.chat_answered_at >= 0) {
        calls_.Timestamp(story_.chat_answered_at).Empty().Timestamp(story_.chat_ended_at);
        calls_.Int(story_.chat_ended_at - story_.chat_answered_at).Int(0).Int(story_.chat_acw_s);
        calls_.Raw(agents[static_cast<size_t>(story_.chat_agent)].id).Bool(story_.transferred);
      } else {
        calls_.Empty().Timestamp(story_.chat_abandoned_at).Timestamp(story_.chat_ended_at);
        calls_.Empty().Empty().Empty().Empty().Bool(false);
      }
      calls_.EndRow();
    }
  }

  // CSAT on about a quarter of solved tickets (unhappy customers answer a bit more often) and
  // an occasional CES; returns the CSAT score written, or 0.
  int WriteTicketSurveys(int64_t ticket, int64_t customer) {
    if (story_.final_solved_at < 0 || story_.final_solved_at >= horizon_) return 0;
    const auto& agents = roster_.agents();
    int csat = 0;
    const double p_answer = 0.22 + (story_.penalty > 0.5 ? 0.08 : 0.0);
    if (rng_.Chance(p_answer)) {
      const int64_t at =
          story_.final_solved_at + std::clamp<int64_t>(std::llround(LogNormal(rng_, 3 * 3600, 1.2)), 60, 5 * 86400);
      if (at < horizon_) {
        csat = static_cast<int>(std::clamp(std::round(Normal(rng_, 4.6 - story_.penalty, 0.7)), 1.0, 5.0));
        SurveyPrefix("csat", csat, at, 1, 5, ticket, customer);
        surveys_.Raw(agents[static_cast<size_t>(story_.solver)].id);
        if (csat >= 4 && rng_.Chance(0.3)) {
          surveys_.Text(kPositiveComments[rng_.Below(kPositiveComments.size())]);
        } else if (csat <= 2 && rng_.Chance(0.5)) {
          surveys_.Text(kNegativeComments[rng_.Below(kNegativeComments.size())]);
        } else {
          surveys_.Empty();
        }
        surveys_.EndRow();
      }
    }
    if (rng_.Chance(0.08)) {
      const int64_t at = story_.final_solved_at + std::clamp<int64_t>(std::llround(LogNormal(rng_, 3600, 1.0)), 30, 86400);
      if (at < horizon_) {
        const double mean = 5.8 - 1.2 * story_.penalty - 0.2 * std::max(0, story_.agent_replies - 1);
        const int ces = static_cast<int>(std::clamp(std::round(Normal(rng_, mean, 1.0)), 1.0, 7.0));
        SurveyPrefix("ces", ces, at, 1, 7, ticket, customer);
        surveys_.Raw(agents[static_cast<size_t>(story_.solver)].id).Empty();
        surveys_.EndRow();
      }
    }
    return csat;
  }

  void SurveyPrefix(std::string_view kind, int score, int64_t at, int lo, int hi, int64_t ticket, int64_t customer) {
    surveys_.Id("S", ++response_id_, 9).Raw(kind).Int(score).Timestamp(at).Int(lo).Int(hi);
    surveys_.Id("T", ticket, 8).Id("C", customer + 1, 7);
  }

  void WriteOffer(int64_t ticket, int64_t customer, Segment segment, int topic) {
    if (story_.last_replier < 0 || story_.last_reply_at >= horizon_) return;
    const std::string_view name = kTopics[static_cast<size_t>(topic)].name;
    double p = 0.03;
    if (name == "billing" || name == "account" || name == "onboarding") p *= 2;
    if (story_.channel == kPhone || story_.channel == kChat) p *= 1.5;
    if (!rng_.Chance(p)) return;
    const bool accepted = rng_.Chance(std::clamp(0.32 - 0.1 * story_.penalty, 0.05, 0.6));
    const auto value = std::llround(LogNormal(rng_, kOfferValueEuros[segment], 0.6) * 100.0);
    offers_.Id("O", ++offer_no_, 8).Timestamp(story_.last_reply_at).Raw(rng_.Chance(0.6) ? "upsell" : "cross_sell");
    offers_.Bool(accepted).Cents(value).Id("T", ticket, 8).Raw(roster_.agent(story_.last_replier).id);
    offers_.Id("C", customer + 1, 7);
    offers_.EndRow();
  }

  // Self-service: sessions that ended in this ticket (hand-offs), and unrelated sessions
  // around the same time, most of them resolved without an agent.
  void WriteSelfService(int64_t ticket, int64_t customer, int day) {
    const Channel ch = story_.channel;
    if ((ch == kEmail || ch == kWeb || ch == kChat) && rng_.Chance(0.22)) {
      const int64_t started = std::max(range_start_, story_.created_at - rng_.Between(60, 1800));
      const size_t kind = ch == kChat ? 3 : kWrittenSelfServiceKinds.Sample(rng_);
      sessions_.Id("SS", ++session_no_, 9).Timestamp(std::min(started, story_.created_at));
      sessions_.Raw(kSelfServiceKindNames[kind]).Bool(false).Id("C", customer + 1, 7).Id("T", ticket, 8);
      sessions_.EndRow();
    }
    const int64_t standalone = Poisson(rng_, 0.7);
    for (int64_t k = 0; k < standalone; ++k) {
      const int64_t started = std::max(range_start_, story_.created_at - rng_.Between(0, 3 * 3600));
      const size_t kind = kSelfServiceKinds.Sample(rng_);
      sessions_.Id("SS", ++session_no_, 9).Timestamp(started).Raw(kSelfServiceKindNames[kind]);
      sessions_.Bool(rng_.Chance(kSelfServiceResolved[kind]));
      if (rng_.Chance(0.6)) {
        sessions_.Id("C", customers_.Pick(rng_, day) + 1, 7);
      } else {
        sessions_.Empty();
      }
      sessions_.Empty();
      sessions_.EndRow();
    }
  }

  // ESAT: most employed agents answer a monthly pulse survey; each agent has a mood of their own.
  void WriteEmployeeSurveys() {
    Rng rng(options_.seed, 0xE5A7);
    const int64_t first = calendar_.first_unix_day();
    int d0 = 0;
    while (d0 < calendar_.days()) {
      const CivilDate c = CivilFromDays(first + d0);
      const int64_t next_month = c.month == 12 ? DaysFromCivil(c.year + 1, 1, 1) : DaysFromCivil(c.year, c.month + 1, 1);
      const int d1 = static_cast<int>(std::min<int64_t>(calendar_.days(), next_month - first));
      for (size_t i = 0; i < roster_.agents().size(); ++i) {
        const Agent& a = roster_.agent(static_cast<int>(i));
        if (a.bot) continue;
        const int lo = std::max(d0, a.hired_day);
        const int hi = std::min(d1, a.left_day) - 1;
        if (lo > hi || !rng.Chance(0.8)) continue;
        const int day = static_cast<int>(rng.Between(lo, hi));
        const int64_t at = calendar_.HourStart(day, static_cast<int>(rng.Between(10, 15))) + rng.Between(0, 3599);
        Rng mood_rng(a.key, 0x3D);
        const double mood = Normal(mood_rng, 0.0, 0.5);
        const int score = static_cast<int>(std::clamp(std::round(Normal(rng, 3.9 + mood, 0.8)), 1.0, 5.0));
        surveys_.Id("S", ++response_id_, 9).Raw("esat").Int(score).Timestamp(at).Int(1).Int(5);
        surveys_.Empty().Empty().Raw(a.id).Empty();
        surveys_.EndRow();
      }
      d0 = d1;
    }
  }

  const GeneratorOptions& options_;
  const LocalCalendar& calendar_;
  const AgentRoster& roster_;
  CustomerBook& customers_;
  TicketSimulator simulator_;
  Rng rng_;
  const int64_t horizon_;
  const int64_t range_start_;
  WeightedChoice topics_;
  std::array<WeightedChoice, kTopicCount> priorities_;
  std::priority_queue<PendingRepeat, std::vector<PendingRepeat>, std::greater<PendingRepeat>> repeats_;
  TicketStory story_;
  std::string tags_;
  DailyActivity activity_;
  CsvWriter tickets_, events_, calls_, surveys_, offers_, sessions_;
  int64_t ticket_no_ = 0, event_no_ = 0, call_no_ = 0, response_id_ = 0, offer_no_ = 0, session_no_ = 0;
};

}  // namespace

Status GenerateWorkspace(const GeneratorOptions& options, const std::filesystem::path& out_dir) {
  if (options.tickets < 0 || options.tickets > kMaxTickets) {
    return Status::InvalidArgument("tickets must be between 0 and " + std::to_string(kMaxTickets));
  }
  if (options.days < 0 || options.days > kMaxDays) {
    return Status::InvalidArgument("days must be between 0 (derived) and " + std::to_string(kMaxDays));
  }
  int64_t first_day = 0;
  if (!ParseDate(options.start_date, &first_day)) {
    return Status::InvalidArgument("start_date is not a YYYY-MM-DD date: \"" + options.start_date + "\"");
  }
  const int days = options.days > 0
                       ? options.days
                       : static_cast<int>(std::clamp<int64_t>(
                             (options.tickets + kTicketsPerDayWhenDerived / 2) / kTicketsPerDayWhenDerived,
                             kMinDerivedDays, kMaxDerivedDays));
  SL_ASSIGN_OR_RETURN(const LocalCalendar calendar, LocalCalendar::Create(options.timezone, first_day, days));

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) return Status::Io("cannot create " + out_dir.string() + ": " + ec.message());

  SL_RETURN_IF_ERROR(WriteTextFile(out_dir / "workspace.toml", RenderWorkspaceToml(options.timezone, calendar)));
  const AgentRoster roster(calendar, options.seed, static_cast<double>(options.tickets) / days);
  SL_RETURN_IF_ERROR(roster.WriteAgents(out_dir / "agents.csv"));
  CustomerBook customers(options.seed, std::max<int64_t>(10, options.tickets / 3), days);
  Generation generation(options, calendar, roster, customers);
  return generation.Run(out_dir);
}

}  // namespace supportlens
