#pragma once
// The generator's calendar arithmetic is the core's (core/civil_date.h).
#include "core/civil_date.h"

namespace supportlens::synth {

using supportlens::CivilDate;
using supportlens::CivilFromDays;
using supportlens::DaysFromCivil;
using supportlens::FloorDiv;
using supportlens::WeekdayFromDays;

}  // namespace supportlens::synth
