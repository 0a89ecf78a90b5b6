#pragma once
// A published report as one self-contained HTML document: styles inline, charts as inline SVG,
// no script and nothing fetched, laid out for the screen and for A4 print.
#include <string>

#include "publish/report_contents.h"

namespace supportlens {

std::string RenderReportHtml(const ReportContents& contents);

}  // namespace supportlens
