#pragma once
// A loaded workspace (columnar data, folded timelines, compiled calendar) and the query
// runner that turns a Query into a Report.
#include <memory>

#include "engine/dataset.h"
#include "engine/ticket_timeline.h"
#include "kpi/kpi_context.h"
#include "supportlens/query.h"

namespace supportlens {

class LoadedWorkspace {
 public:
  static Result<std::unique_ptr<LoadedWorkspace>> Load(SqliteStore& store, int64_t workspace);
  static std::unique_ptr<LoadedWorkspace> FromDataset(Dataset data);

  Result<Report> Run(const Query& query, DrillSink* drill = nullptr, const std::string& drill_kpi = "") const;
  const Dataset& data() const { return data_; }
  const TicketFacts& facts() const { return facts_; }

 private:
  // Folds the timelines unless `facts` are given (from a snapshot), and compiles the calendar.
  static std::unique_ptr<LoadedWorkspace> Assemble(Dataset data, std::optional<TicketFacts> facts);
  Dataset data_;
  TicketFacts facts_;
  BusinessCalendar calendar_;
  int64_t calendar_from_ = 0, calendar_to_ = 0;  // the span calendar_ was compiled for
};

}  // namespace supportlens
