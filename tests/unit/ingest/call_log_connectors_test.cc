// The call-log connectors: what each line becomes, and the exact message for each bad line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "ingest/connectors/connectors.h"
#include "connector_test_support.h"
#include "ingest/importer.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;



const std::string kBankHeader =
    "vru+line,call_id,customer_id,priority,type,date,vru_entry,vru_exit,vru_time,q_start,q_exit,q_time,outcome,ser_start,ser_exit,ser_time,server\n";

TEST(AnonymousBank, EachOutcomeBecomesACallOrANote) {
  std::string path = WriteTemp("bank.csv", kBankHeader +
      // 2: queued and served; 3: served straight from the VRU, its clock a second ahead;
      // 4: abandoned in the queue; 5: hung up in the VRU; 6: phantom; 7: served across midnight.
      "AA0101,1,12345,2,PS,2010-08-02,10:00:00,10:00:10,10,10:00:10,10:01:00,50,AGENT,10:01:00,10:04:00,180,DANA\n"
      "AA0102,1,0,0,NW,2010-08-02,11:00:00,11:00:09,9,0:00:00,0:00:00,0,AGENT,11:00:08,11:02:08,120,YOSI\n"
      "AA0103,7,0,0,IN,2010-08-02,12:00:00,12:00:05,5,12:00:05,12:02:05,120,HANG,0:00:00,0:00:00,0,NO_SERVER\n"
      "AA0104,8,0,0,PS,2010-08-02,13:00:00,13:00:30,30,0:00:00,0:00:00,0,HANG,0:00:00,0:00:00,0,NO_SERVER\n"
      "AA0105,9,0,0,PS,2010-08-02,14:00:00,14:00:05,5,14:00:05,14:00:10,5,PHANTOM,14:00:10,14:00:11,1,NO_SERVER\n"
      "AA0106,10,0,0,TT,2010-08-02,23:58:00,23:58:10,10,23:58:10,23:59:50,100,AGENT,23:59:50,0:03:10,200,DANA\n");
  auto log = TranslateAnonymousBank(path, "bank.csv", *TimeZone::Find("UTC"));
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_TRUE(log->issues.empty());
  const EntitySpec& calls = *FindEntity("calls");
  const auto& records = log->entities[0].second;
  ASSERT_EQ(records.size(), 4u);
  auto served = Fields(calls, records[0]);
  EXPECT_EQ(served["call_id"], "AA0101-1");  // call_id repeats across lines: the line is part of the key
  EXPECT_EQ(served["offered_at"], "2010-08-02T10:00:10Z");  // q_start
  EXPECT_EQ(served["answered_at"], "2010-08-02T10:01:00Z");
  EXPECT_EQ(served["ended_at"], "2010-08-02T10:04:00Z");
  EXPECT_EQ(served["talk_s"], "180");
  EXPECT_EQ(served["agent_id"], "DANA");
  EXPECT_EQ(served["customer_id"], "12345");
  EXPECT_EQ(served["queue"], "PS");
  EXPECT_EQ(served["+queue_seconds"], "50");
  auto direct = Fields(calls, records[1]);
  EXPECT_EQ(direct["offered_at"], "2010-08-02T11:00:08Z");  // service start, a second before the VRU's exit
  EXPECT_EQ(direct.count("customer_id"), 0u);               // 0 = not identified
  auto abandoned = Fields(calls, records[2]);
  EXPECT_EQ(abandoned["abandoned_at"], "2010-08-02T12:02:05Z");
  EXPECT_EQ(abandoned.count("answered_at"), 0u);
  auto midnight = Fields(calls, records[3]);
  EXPECT_EQ(midnight["ended_at"], "2010-08-03T00:03:10Z");
  EXPECT_EQ(midnight["queue"], "TT");
  ASSERT_EQ(log->notes.size(), 2u);
  EXPECT_EQ(log->notes[0], "1 calls hung up in the VRU before reaching the queue: not calls offered to agents, left out");
  EXPECT_EQ(log->notes[1], "1 PHANTOM calls (virtual calls, per the data's documentation): left out");
}

TEST(AnonymousBank, LocalClockTimesFollowTheWorkspaceZone) {
  std::string path = WriteTemp("bank_tz.csv", kBankHeader +
      "AA0101,1,0,0,PS,2010-08-02,10:00:00,10:00:10,10,10:00:10,10:01:00,50,AGENT,10:01:00,10:04:00,180,DANA\n");
  auto log = TranslateAnonymousBank(path, "bank_tz.csv", *TimeZone::Find("Asia/Jerusalem"));
  ASSERT_TRUE(log.ok());
  // Israel summer time is UTC+3.
  EXPECT_EQ(Fields(*FindEntity("calls"), log->entities[0].second[0])["offered_at"], "2010-08-02T07:00:10Z");
}

TEST(AnonymousBank, BadLinesGetFileLineFieldAndReason) {
  std::string path = WriteTemp("bank_bad.csv", kBankHeader +
      "AA0101,1,0,0,PS,2010-08-02,10:00:00,10:00:10,10,10:00:10,10:01:00,50,AGENT,10:01:00,10:04:00,180,DANA\n"
      "AA0102,2,0,0,PS,2010-13-02,10:00:00,10:00:10,10,10:00:10,10:01:00,50,AGENT,10:01:00,10:04:00,180,DANA\n"
      "AA0103,3,0,0,PS,2010-08-02,25:00:00,10:00:10,10,10:00:10,10:01:00,50,AGENT,10:01:00,10:04:00,180,DANA\n"
      "AA0104,4,0,0,PS,2010-08-02,10:00:00,10:00:10,10,10:00:10,10:01:00,50,LOST,10:01:00,10:04:00,180,DANA\n"
      "AA0105,5,0,0,PS,2010-08-02\n"
      "AA0106,6,0,0,PS,2010-08-02,10:00:00,10:00:10,10,10:00:10,10:01:00,50,AGENT,10:01:00,10:04:00,\"180,DANA\n");
  auto log = TranslateAnonymousBank(path, "bank_bad.csv", *TimeZone::Find("UTC"));
  ASSERT_TRUE(log.ok());
  std::vector<std::string> got;
  for (auto& i : log->issues) got.push_back(FormatIssue(i));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "bank_bad.csv:3: date: not a date: \"2010-13-02\"",
                     "bank_bad.csv:4: vru_entry: not a clock time H:MM:SS: \"25:00:00\"",
                     "bank_bad.csv:5: outcome: expected AGENT, HANG or PHANTOM, got \"LOST\"",
                     "bank_bad.csv:6: record: expected 17 fields, found 6",
                     "bank_bad.csv:7: ser_time: malformed CSV quoting: quoted field is never closed",
                 }));
  EXPECT_EQ(log->entities[0].second.size(), 1u);
  auto wrong_header = TranslateAnonymousBank(WriteTemp("not_bank.csv", "a,b,c\n1,2,3\n"), "not_bank.csv", *TimeZone::Find("UTC"));
  ASSERT_FALSE(wrong_header.ok());
  EXPECT_EQ(wrong_header.status().message(), "not_bank.csv:1: a: expected the Anonymous Bank column \"vru+line\" here, found \"a\"");
}

TEST(AsteriskQueueLog, CallsAndAgentStatesFromTheEvents) {
  std::string path = WriteTemp("queue_log",
      "1000|NONE|NONE|SIP/201|AGENTLOGIN|SIP/201\n"
      "1000|NONE|support|NONE|QUEUESTART||||\n"
      "1010|c1|support|NONE|ENTERQUEUE||5551234|1\n"
      "1015|c1|support|SIP/202|RINGNOANSWER|5000\n"
      "1030|c1|support|SIP/201|CONNECT|20|c1b|3\n"
      "1150|c1|support|SIP/201|COMPLETECALLER|20|120|1\n"
      "1200|NONE|NONE|SIP/201|PAUSE|lunch\n"
      "1260|NONE|NONE|SIP/201|UNPAUSE|\n"
      "1300|c2|support|NONE|ENTERQUEUE||5559999|1\n"
      "1345|c2|support|NONE|ABANDON|1|1|45\n"
      "1400|c3|sales|NONE|ENTERQUEUE||5550000|1\n"
      "1460|c3|sales|NONE|EXITWITHTIMEOUT|1|1|60\n"
      "1500|c4|support|NONE|ENTERQUEUE||5551111|1\n"
      "1505|c4|support|SIP/201|CONNECT|5|c4b|2\n"
      "1600|c4|support|SIP/201|TRANSFER|300|default|5|95\n"
      "2000|NONE|NONE|SIP/201|AGENTLOGOFF|SIP/201|1000\n");
  auto log = TranslateAsteriskQueueLog(path, "queue_log");
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_TRUE(log->issues.empty()) << FormatIssue(log->issues[0]);
  const EntitySpec& calls = *FindEntity("calls");
  const auto& c = log->entities[0].second;
  ASSERT_EQ(c.size(), 4u);
  auto c1 = Fields(calls, c[0]);
  EXPECT_EQ(c1["call_id"], "c1");
  EXPECT_EQ(c1["queue"], "support");
  EXPECT_EQ(c1["offered_at"], "1970-01-01T00:16:50Z");  // 1010
  EXPECT_EQ(c1["answered_at"], "1970-01-01T00:17:10Z");  // 1030
  EXPECT_EQ(c1["ended_at"], "1970-01-01T00:19:10Z");     // 1150
  EXPECT_EQ(c1["talk_s"], "120");
  EXPECT_EQ(c1["agent_id"], "SIP/201");
  EXPECT_EQ(c1["+caller_id"], "5551234");
  EXPECT_EQ(c1["+missed_rings"], "1");
  EXPECT_EQ(Fields(calls, c[1])["abandoned_at"], "1970-01-01T00:22:25Z");  // 1345
  auto c3 = Fields(calls, c[2]);
  EXPECT_EQ(c3["abandoned_at"], "1970-01-01T00:24:20Z");  // 1460, left by timeout
  EXPECT_EQ(c3["+queue_exit"], "timeout");
  auto c4 = Fields(calls, c[3]);
  EXPECT_EQ(c4["transferred"], "true");
  EXPECT_EQ(c4["talk_s"], "95");
  // SIP/201: logged in 1000..2000: handling 1030..1150 and 1505..1600, break 1200..1260,
  // available 1000..1030, 1150..1200, 1260..1505, 1600..2000.
  const EntitySpec& states = *FindEntity("agent_states");
  std::vector<std::string> got;
  for (auto& r : log->entities[1].second) {
    auto f = Fields(states, r);
    got.push_back(f["state"] + " " + f["start"].substr(11, 8) + "-" + f["end"].substr(11, 8));
  }
  EXPECT_EQ(got, (std::vector<std::string>{"available 00:16:40-00:17:10", "handling 00:17:10-00:19:10", "available 00:19:10-00:20:00",
                                           "break 00:20:00-00:21:00", "available 00:21:00-00:25:05", "handling 00:25:05-00:26:40",
                                           "available 00:26:40-00:33:20"}));
  ASSERT_EQ(log->notes.size(), 1u);
  EXPECT_EQ(log->notes[0], "1 queue and system events without a call or agent state (QUEUESTART, ADDMEMBER, ...) skipped");
}

TEST(AsteriskQueueLog, BadLinesGetFileLineFieldAndReason) {
  std::string path = WriteTemp("queue_log_bad",
      "1010|c1|support|NONE|ENTERQUEUE||5551234|1\n"
      "yesterday|c1|support|SIP/201|CONNECT|20|c1b|3\n"
      "1030|c9|support|SIP/201|CONNECT|20|c9b|3\n"
      "1040|c1|support\n"
      "1050|c1|support|SIP/201|WHISTLE|\n"
      "1060|c1|support|SIP/201|COMPLETEAGENT|20|two minutes|1\n"
      "1070|c1|support|NONE|ENTERQUEUE||5551234|1\n"
      "1080|NONE|NONE|SIP/203|AGENTLOGOFF|SIP/203|0\n");
  auto log = TranslateAsteriskQueueLog(path, "queue_log_bad");
  ASSERT_TRUE(log.ok());
  std::vector<std::string> got;
  for (auto& i : log->issues) got.push_back(FormatIssue(i));
  EXPECT_EQ(got, (std::vector<std::string>{
                     "queue_log_bad:2: time: not a UNIX time: \"yesterday\"",
                     "queue_log_bad:3: callid: CONNECT for call \"c9\", which has no ENTERQUEUE before it",
                     "queue_log_bad:4: record: expected at least 5 '|'-separated fields (time|callid|queue|agent|event), found 3",
                     "queue_log_bad:5: event: unknown queue_log event \"WHISTLE\"",
                     "queue_log_bad:6: data2: call time is not a number of seconds: \"two minutes\"",
                     "queue_log_bad:7: callid: call \"c1\" entered a queue twice",
                     "queue_log_bad:8: event: AGENTLOGOFF for \"SIP/203\", who is not logged in",
                 }));
}

}  // namespace
}  // namespace supportlens
