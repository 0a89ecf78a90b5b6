#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

namespace supportlens {
namespace {

std::vector<CsvRecord> ReadAll(std::string text) {
  auto r = CsvReader::FromString(std::move(text));
  std::vector<CsvRecord> out;
  CsvRecord rec;
  while (r->Next(rec)) out.push_back(rec);
  return out;
}

TEST(CsvReader, ReadsQuotedFieldsAcrossLinesAndKeepsLineNumbers) {
  auto rows = ReadAll("a,b,c\n1,\"two, with comma\",3\n4,\"multi\nline \"\"quoted\"\"\",6\r\n7,8,9");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"1", "two, with comma", "3"}));
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"4", "multi\nline \"quoted\"", "6"}));
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_EQ(rows[3].line, 5) << "the record after a two-line field starts on line 5";
  EXPECT_EQ(rows[3].fields, (std::vector<std::string>{"7", "8", "9"}));
}

TEST(CsvReader, EmptyFieldsAndBlankLines) {
  auto rows = ReadAll("a,b\n,\n\nx,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"", ""}));
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"x", ""}));
  EXPECT_EQ(rows[2].line, 4);
}

TEST(CsvReader, MalformedQuotingIsReportedAndTheNextLineStillReads) {
  struct Case { const char* text; const char* error; size_t field; };
  const Case kCases[] = {
      {"a,b\n1,ab\"c\n2,ok\n", "malformed CSV quoting: quote inside an unquoted field", 1},
      {"a,b\n1,\"ab\"c\n2,ok\n", "malformed CSV quoting: text after the closing quote", 1},
  };
  for (const auto& c : kCases) {
    auto rows = ReadAll(c.text);
    ASSERT_EQ(rows.size(), 3u) << c.text;
    EXPECT_EQ(rows[1].error, c.error);
    EXPECT_EQ(rows[1].error_field, c.field);
    EXPECT_EQ(rows[1].line, 2);
    EXPECT_TRUE(rows[2].error.empty());
    EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"2", "ok"}));
    EXPECT_EQ(rows[2].line, 3);
  }
}

TEST(CsvReader, UnclosedQuoteAtEndOfInput) {
  auto rows = ReadAll("a,b\n1,\"never closed\n2,x\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].error, "malformed CSV quoting: quoted field is never closed");
}

}  // namespace
}  // namespace supportlens
