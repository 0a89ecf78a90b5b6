// Published reports: templates over a database's workspace, to HTML or PDF
// (include/supportlens/publish.h).
#include "supportlens/publish.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "engine/report_engine.h"
#include "publish/report_contents.h"
#include "publish/report_html.h"
#include "publish/report_templates.h"
#include "supportlens/targets.h"

namespace supportlens {
namespace {

namespace fs = std::filesystem;

std::string Extension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ReportTemplateNames() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const ReportTemplate& t : ReportTemplates()) out.emplace_back(t.name, t.title);
  return out;
}

Result<std::string> PublishHtml(const std::string& db, const std::string& workspace, const PublishRequest& request) {
  const ReportTemplate* t = FindReportTemplate(request.template_name);
  if (!t) {
    std::string names;
    for (const auto& [name, title] : ReportTemplateNames()) names += (names.empty() ? "" : ", ") + name;
    return Status::InvalidArgument(fmt::format("--template: unknown template \"{}\" (expected one of {})", request.template_name, names));
  }
  if (!fs::is_regular_file(db)) return Status::NotFound(fmt::format("{}: no such database (supportlens import creates it)", db));
  SL_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(db, false));
  SL_ASSIGN_OR_RETURN(int64_t workspace_id, store->Workspace(workspace, false));
  SL_ASSIGN_OR_RETURN(auto loaded, LoadedWorkspace::Load(*store, workspace_id));
  SL_ASSIGN_OR_RETURN(auto targets, ListTargets(db, workspace, true));
  SL_ASSIGN_OR_RETURN(ReportContents contents, GatherReport(*loaded, *store, workspace_id, workspace, *t, targets, request.from, request.to));
  return RenderReportHtml(contents);
}

Status PublishFile(const std::string& db, const std::string& workspace, const PublishRequest& request, const std::string& out) {
  const std::string ext = Extension(out);
  if (ext != ".html" && ext != ".htm" && ext != ".pdf")
    return Status::InvalidArgument(fmt::format("--out {}: expected a .html or .pdf file name", out));
  SL_ASSIGN_OR_RETURN(std::string html, PublishHtml(db, workspace, request));
  if (ext == ".pdf") return PrintHtmlToPdf(html, out);
  const std::string partial = out + ".partial";
  {
    std::ofstream f(partial, std::ios::binary | std::ios::trunc);
    f << html;
    if (!f) return Status::Io(fmt::format("{}: cannot write the report", out));
  }
  std::error_code ec;
  fs::rename(partial, out, ec);
  if (ec) {
    fs::remove(partial, ec);
    return Status::Io(fmt::format("{}: {}", out, ec.message()));
  }
  return Status::Ok();
}

}  // namespace supportlens
