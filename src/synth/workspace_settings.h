#pragma once
// workspace.toml of the synthetic workspace: time zone, business hours (Mon-Fri 08:00-18:00),
// the holidays inside the range, thresholds and the SLA policy the simulator measures against.
#include <filesystem>
#include <string>

#include "supportlens/status.h"
#include "synth/local_calendar.h"

namespace supportlens::synth {

std::string RenderWorkspaceToml(const std::string& timezone, const LocalCalendar& calendar);
Status WriteTextFile(const std::filesystem::path& path, const std::string& text);

}  // namespace supportlens::synth
