#pragma once
// The fixed vocabulary of the synthetic support operation: channels, priorities, topics,
// queues and teams, the SLA policy, and the canned texts used for subjects, messages and
// survey comments. Tables only; the behaviour that uses them lives in ticket_simulator.
#include <array>
#include <cstdint>
#include <string_view>

namespace supportlens::synth {

enum Channel : uint8_t { kEmail, kChat, kPhone, kSocial, kWeb, kChannelCount };
enum Priority : uint8_t { kLow, kNormal, kHigh, kUrgent, kPriorityCount };
enum Queue : uint8_t { kGeneralQueue, kBillingQueue, kTechnicalQueue, kQueueCount };
// Teams 0..2 serve the queue with the same number; kEscalationTeam handles level 2.
enum Team : uint8_t { kGeneralTeam, kBillingTeam, kTechnicalTeam, kEscalationTeam, kTeamCount };
enum Segment : uint8_t { kSmb, kMidMarket, kEnterprise, kSegmentCount };

inline constexpr std::array<std::string_view, kChannelCount> kChannelNames = {"email", "chat", "phone", "social", "web"};
inline constexpr std::array<std::string_view, kPriorityCount> kPriorityNames = {"low", "normal", "high", "urgent"};
inline constexpr std::array<std::string_view, kQueueCount> kQueueNames = {"general", "billing", "technical"};
inline constexpr std::array<std::string_view, kTeamCount> kTeamNames = {"general", "billing", "technical",
                                                                        "escalations"};
inline constexpr std::array<std::string_view, kSegmentCount> kSegmentNames = {"smb", "mid_market", "enterprise"};

// SLA policy per priority (written to workspace.toml and used to decide which tickets were slow).
inline constexpr std::array<int64_t, kPriorityCount> kSlaFirstReplySeconds = {86400, 28800, 14400, 3600};
inline constexpr std::array<int64_t, kPriorityCount> kSlaResolutionSeconds = {864000, 432000, 259200, 86400};

struct TopicInfo {
  std::string_view name;
  Queue queue;
  double weight;           // share of ticket volume
  double complaint_share;  // probability that a ticket on this topic is a complaint
  double severity;         // > 1 pushes priority up and escalations/reopens more likely
  std::array<std::string_view, 4> subjects;
  std::array<std::string_view, 3> tags;  // extra tags, one may be added
};

inline constexpr int kTopicCount = 10;
extern const std::array<TopicInfo, kTopicCount> kTopics;

// Canned texts. Customer messages carry a mood so that sentiment analysis has signal.
extern const std::array<std::string_view, 6> kCustomerFollowUps;    // neutral follow-ups
extern const std::array<std::string_view, 6> kCustomerNegative;     // frustrated messages
extern const std::array<std::string_view, 5> kCustomerPositive;     // thanks / confirmation
extern const std::array<std::string_view, 4> kCustomerReopen;       // the fix did not hold
extern const std::array<std::string_view, 6> kAgentReplies;
extern const std::array<std::string_view, 4> kInternalNotes;
extern const std::array<std::string_view, 4> kBotAnswers;
extern const std::array<std::string_view, 3> kAskForHuman;
extern const std::array<std::string_view, 5> kPositiveComments;
extern const std::array<std::string_view, 5> kNegativeComments;
extern const std::array<std::string_view, 16> kFirstNames;
extern const std::array<std::string_view, 16> kLastNames;

}  // namespace supportlens::synth
