#pragma once
// The derived columns of a record (EntitySpec::derived), computed from its values when it is
// imported: an event that is a customer message with text gets the VADER compound of the text.
#include <vector>

#include "model/entity_schema.h"
#include "model/record.h"

namespace supportlens {

// One value per derived column of `spec`, NaN when none applies; empty when `spec` has none.
// Thread-safe: the folder import calls it on its reading thread, beside the validation.
std::vector<double> DerivedColumns(const EntitySpec& spec, const TypedRecord& record);

}  // namespace supportlens
