#pragma once
// The arrival profile by hour of week: for each weekday and hour (local time), the mean volume
// of that hour over the window's weeks. What staffing rosters are drawn from.
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "supportlens/result.h"

namespace supportlens {

struct ArrivalProfile {
  std::string kpi, from, to, timezone;
  // [weekday 0 = Monday][hour]: mean volume of that hour; occurrences: how many such hours the
  // window holds (the divisor).
  std::array<std::array<double, 24>, 7> mean{};
  std::array<std::array<int, 24>, 7> occurrences{};
  double total = 0;
};

// kpi: ticket_volume or offered_calls; filters as the report's (DIM, VALUE).
Result<ArrivalProfile> ComputeArrivalProfile(const std::string& source, const std::string& workspace, const std::string& kpi,
                                             const std::string& from, const std::string& to,
                                             const std::vector<std::pair<std::string, std::string>>& filters = {});
std::string RenderArrivalProfile(const ArrivalProfile& profile, const std::string& format);  // json, table or csv

}  // namespace supportlens
