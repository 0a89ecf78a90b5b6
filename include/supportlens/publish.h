#pragma once
// Published reports: a template (weekly-ops, monthly-satisfaction, agent-scorecard) rendered over
// a period as one self-contained HTML document (inline styles and SVG charts, nothing fetched),
// or as a PDF printed from it by headless Chromium. Contents: docs/reports.md.
#include <string>
#include <utility>
#include <vector>

#include "supportlens/result.h"

namespace supportlens {

struct PublishRequest {
  std::string template_name;
  std::string from, to;  // YYYY-MM-DD local, [from, to); compared with the period of the same length before
                         // (whole calendar months: with as many months before)
};

// The templates, as (name, title).
std::vector<std::pair<std::string, std::string>> ReportTemplateNames();

// The HTML of a report over a database's workspace.
Result<std::string> PublishHtml(const std::string& db, const std::string& workspace, const PublishRequest& request);
// Writes the report to `out`: HTML for a .html file, PDF for a .pdf one. The file is replaced
// only once the whole report is ready.
Status PublishFile(const std::string& db, const std::string& workspace, const PublishRequest& request, const std::string& out);
// Prints an HTML document to a PDF file with headless Chromium: the program in
// SUPPORTLENS_CHROMIUM, else Debian's /usr/bin/chromium.
Status PrintHtmlToPdf(const std::string& html, const std::string& pdf_path);

}  // namespace supportlens
