#include "synth/workspace_settings.h"

#include <cstdio>

#include "synth/civil_time.h"
#include "synth/vocabulary.h"

namespace supportlens::synth {
namespace {

std::string FormatDate(int64_t unix_day) {
  const CivilDate c = CivilFromDays(unix_day);
  char buf[40];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", c.year, c.month, c.day);
  return buf;
}

}  // namespace

std::string RenderWorkspaceToml(const std::string& timezone, const LocalCalendar& calendar) {
  std::string out;
  out += "# Synthetic SupportLens workspace (deterministic for its generator seed).\n";
  out += "timezone = \"" + timezone + "\"\n\n";
  out += "[business_hours]\n";
  for (const char* day : {"mon", "tue", "wed", "thu", "fri"}) out += std::string(day) + " = \"08:00-18:00\"\n";
  out += "holidays = [";
  bool first = true;
  for (int64_t day : calendar.HolidaysInRange()) {
    out += first ? "\"" : ", \"";
    out += FormatDate(day) + "\"";
    first = false;
  }
  out += "]\n\n";
  out += "[thresholds]\n";
  out += "short_abandon_seconds = 5\n";
  out += "repeat_contact_days = 7\n";
  out += "service_level_seconds = { phone = 20, chat = 60 }\n\n";
  out += "[sla.first_reply_seconds]\n";
  for (int p = kPriorityCount - 1; p >= 0; --p) {
    out += std::string(kPriorityNames[p]) + " = " + std::to_string(kSlaFirstReplySeconds[p]) + "\n";
  }
  out += "\"urgent.chat\" = 300\n\n";
  out += "[sla.resolution_seconds]\n";
  for (int p = kPriorityCount - 1; p >= 0; --p) {
    out += std::string(kPriorityNames[p]) + " = " + std::to_string(kSlaResolutionSeconds[p]) + "\n";
  }
  return out;
}

Status WriteTextFile(const std::filesystem::path& path, const std::string& text) {
  std::FILE* f = std::fopen(path.string().c_str(), "wb");
  if (f == nullptr) return Status::Io("cannot create " + path.string());
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const bool closed = std::fclose(f) == 0;
  if (!written || !closed) return Status::Io("write failed: " + path.string());
  return Status::Ok();
}

}  // namespace supportlens::synth
