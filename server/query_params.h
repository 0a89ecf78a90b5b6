#pragma once
// The report parameters of a request (from, to, kpi, by, filter, business_time, cohort), with
// the same meaning as the CLI's flags.
#include <httplib.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "supportlens/query.h"
#include "supportlens/result.h"

namespace supportlens::server {

Result<Query> QueryFromParams(const httplib::Request& req);
// Every value of a repeatable, comma-separable parameter.
std::vector<std::string> ListParam(const httplib::Request& req, const std::string& name);
// The filter=DIM=VALUE parameters (repeatable; also encoded as DIM%3DVALUE) as pairs.
Result<std::vector<std::pair<std::string, std::string>>> FiltersFromParams(const httplib::Request& req);
// A canonical text of the parameters that change a report, for caching.
std::string CanonicalQuery(const Query& query);

// Optional numeric parameters: left as they are when absent; errors name the parameter.
Result<std::optional<double>> NumberParam(const httplib::Request& req, const char* name);
Status ReadNumber(const httplib::Request& req, const char* name, double* out);
Status ReadOptionalNumber(const httplib::Request& req, const char* name, std::optional<double>* out);
Status ReadInt(const httplib::Request& req, const char* name, int* out);
// A flag parameter: true or 1, false or 0 (absent: false).
Result<bool> BoolParam(const httplib::Request& req, const char* name);

}  // namespace supportlens::server
