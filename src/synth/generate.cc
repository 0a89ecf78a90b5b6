// The public entry point over the workspace generator.
#include "supportlens/generate.h"

#include "synth/workspace_generator.h"

namespace supportlens {

Status Generate(const GenerateOptions& o, const std::string& out_dir) {
  GeneratorOptions g;
  g.tickets = o.tickets;
  g.seed = o.seed;
  g.start_date = o.start_date;
  g.days = o.days;
  g.timezone = o.timezone;
  return GenerateWorkspace(g, out_dir);
}

}  // namespace supportlens
