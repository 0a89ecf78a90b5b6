// Any CSV through a mapping file (TOML): per canonical entity, where each field comes from (a
// column, a constant, a template of columns), how its text reads (a timestamp format, a value
// map), in which time zone local times are. Format: docs/connectors/csv.md.
#include <fmt/format.h>

#include <map>
#include <toml++/toml.h>

#include "core/civil_date.h"
#include "core/time_zone.h"
#include "ingest/connectors/connectors.h"
#include "ingest/csv_reader.h"

namespace supportlens {
namespace {

// Where one canonical field comes from.
struct FieldSource {
  std::string field;                          // canonical field name
  std::string column;                         // source column, or
  std::optional<std::string> constant;        // a fixed value, or
  std::string template_text;                  // "{Col A}-{Col B}"
  std::string format;                         // for timestamps and dates: strptime-like, "" = ISO 8601
  std::map<std::string, std::string> values;  // source value -> canonical value
  bool map_is_closed = false;                 // values not in the map are errors (else kept as they are)
};

struct EntityMapping {
  const EntitySpec* spec = nullptr;
  std::string name;  // "tickets", or "events[2]" for the second of several event mappings
  // [[events]] (an array of tables): a row makes such a record only when the record's required
  // values are there (a request not yet closed has no closing event). [tickets] (one table):
  // every row makes one, and a row without a required value is rejected.
  bool optional = false;
  std::vector<FieldSource> fields;
};

struct Mapping {
  TimeZone zone = TimeZone::Utc();
  std::vector<EntityMapping> entities;
};

Result<FieldSource> ParseFieldSource(const std::string& where, const EntitySpec& spec, const std::string& field, const toml::node& node) {
  FieldSource f;
  f.field = field;
  if (FieldIndex(spec, field) < 0)
    return Status::InvalidData(fmt::format("{}: \"{}\" is not a field of {} (see docs/data-format.md)", where, field, spec.name));
  if (auto s = node.value<std::string>()) {
    f.column = *s;
    return f;
  }
  const toml::table* t = node.as_table();
  if (!t) return Status::InvalidData(fmt::format("{}.{}: expected a column name or a table {{column = ...}}", where, field));
  int sources = 0;
  if (auto c = (*t)["column"].value<std::string>()) f.column = *c, ++sources;
  if (auto v = (*t)["value"]) {
    if (auto s = v.value<std::string>()) f.constant = *s;
    else if (auto i = v.value<int64_t>()) f.constant = std::to_string(*i);
    else if (auto d = v.value<double>()) f.constant = fmt::format("{}", *d);
    else if (auto b = v.value<bool>()) f.constant = *b ? "true" : "false";
    else return Status::InvalidData(fmt::format("{}.{}.value: expected a string, number or boolean", where, field));
    ++sources;
  }
  if (auto tpl = (*t)["template"].value<std::string>()) f.template_text = *tpl, ++sources;
  if (sources != 1)
    return Status::InvalidData(fmt::format("{}.{}: give exactly one of column, value or template", where, field));
  if (auto fmt_ = (*t)["format"].value<std::string>()) f.format = *fmt_;
  if (const toml::table* values = (*t)["values"].as_table()) {
    for (auto&& [k, v] : *values) {
      auto s = v.value<std::string>();
      if (!s) return Status::InvalidData(fmt::format("{}.{}.values.{}: expected a string", where, field, k.str()));
      f.values[std::string(k.str())] = *s;
    }
    f.map_is_closed = (*t)["other_values"].value_or(std::string("keep")) == "reject";
  }
  return f;
}

Result<Mapping> ParseMapping(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidData(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  Mapping m;
  if (auto tz = root["timezone"].value<std::string>()) {
    auto zone = TimeZone::Find(*tz);
    if (!zone.ok()) return Status::InvalidData(fmt::format("{}: timezone: {}", path, zone.status().message()));
    m.zone = *zone;
  }
  for (auto&& [key, node] : root) {
    const std::string name(key.str());
    if (name == "timezone") continue;
    const EntitySpec* spec = FindEntity(name);
    if (!spec) return Status::InvalidData(fmt::format("{}: [{}]: not an entity of the workspace format (tickets, events, calls, ...)", path, name));
    std::vector<const toml::table*> tables;
    const bool optional = node.is_array();
    if (const toml::table* t = node.as_table()) tables.push_back(t);
    else if (const toml::array* a = node.as_array()) {
      for (auto& item : *a)
        if (const toml::table* t = item.as_table()) tables.push_back(t);
    } else {
      return Status::InvalidData(fmt::format("{}: {}: expected a table [{}] or tables [[{}]]", path, name, name, name));
    }
    for (size_t k = 0; k < tables.size(); ++k) {
      EntityMapping em;
      em.spec = spec;
      em.name = tables.size() > 1 ? fmt::format("{}[{}]", name, k + 1) : name;
      em.optional = optional;
      for (auto&& [fk, fv] : *tables[k]) {
        SL_ASSIGN_OR_RETURN(FieldSource f, ParseFieldSource(fmt::format("{}: {}", path, em.name), *spec, std::string(fk.str()), fv));
        em.fields.push_back(std::move(f));
      }
      for (const FieldSpec& f : spec->fields)
        if (f.required && std::none_of(em.fields.begin(), em.fields.end(), [&](const FieldSource& s) { return s.field == f.name; }))
          return Status::InvalidData(fmt::format("{}: {}: the required field {} has no source", path, em.name, f.name));
      m.entities.push_back(std::move(em));
    }
  }
  if (m.entities.empty()) return Status::InvalidData(fmt::format("{}: no entity mapped (add a [tickets] table, for example)", path));
  // A row's required records first: a row rejected there makes no optional records either.
  std::stable_sort(m.entities.begin(), m.entities.end(), [](const EntityMapping& a, const EntityMapping& b) { return !a.optional && b.optional; });
  return m;
}

// Reads `text` with a strptime-like `format` (%Y %m %d %H %M %S %I %p %y %b %j is not needed):
// local seconds since the epoch, or the UTC instant when the format has %z.
std::optional<int64_t> ParseWithFormat(const std::string& text, const std::string& format, bool& has_offset) {
  static const std::array<std::string_view, 12> months = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, offset = 0;
  int pm = -1;
  bool twelve_hour = false;
  has_offset = false;
  size_t i = 0;
  auto number = [&](int max_digits, int& out) {
    size_t start = i;
    int v = 0;
    while (i < text.size() && i - start < static_cast<size_t>(max_digits) && std::isdigit(static_cast<unsigned char>(text[i])))
      v = v * 10 + (text[i++] - '0');
    out = v;
    return i > start;
  };
  for (size_t f = 0; f < format.size(); ++f) {
    if (format[f] != '%') {
      if (i >= text.size() || text[i] != format[f]) return std::nullopt;
      ++i;
      continue;
    }
    if (++f >= format.size()) return std::nullopt;
    bool ok = true;
    switch (format[f]) {
      case 'Y': ok = number(4, year); break;
      case 'y': ok = number(2, year), year += year < 70 ? 2000 : 1900; break;
      case 'm': ok = number(2, month); break;
      case 'd': ok = number(2, day); break;
      case 'H': ok = number(2, hour); break;
      case 'I': ok = number(2, hour), twelve_hour = true; break;
      case 'M': ok = number(2, minute); break;
      case 'S': ok = number(2, second); break;
      case 'p': {
        std::string ap = text.substr(i, 2);
        for (char& c : ap) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (ap != "AM" && ap != "PM") return std::nullopt;
        pm = ap == "PM";
        i += 2;
        break;
      }
      case 'b': {
        std::string mon = text.substr(i, 3);
        for (char& c : mon) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto it = std::find(months.begin(), months.end(), std::string_view(mon));
        if (it == months.end()) return std::nullopt;
        month = static_cast<int>(it - months.begin()) + 1;
        i += 3;
        break;
      }
      case 'z': {
        if (i >= text.size()) return std::nullopt;
        if (text[i] == 'Z') {
          ++i;
        } else {
          const int sign = text[i] == '-' ? -1 : text[i] == '+' ? 1 : 0;
          if (!sign) return std::nullopt;
          ++i;
          int hh = 0, mm = 0;
          if (!number(2, hh)) return std::nullopt;
          if (i < text.size() && text[i] == ':') ++i;
          number(2, mm);
          offset = sign * (hh * 3600 + mm * 60);
        }
        has_offset = true;
        break;
      }
      case '%': ok = i < text.size() && text[i++] == '%'; break;
      default: return std::nullopt;
    }
    if (!ok) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  if (twelve_hour) {
    if (hour < 1 || hour > 12 || pm < 0) return std::nullopt;
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 + minute * 60 + second -
         offset;
}

}  // namespace

Result<TranslatedSource> TranslateMappedCsv(const std::string& path, const std::string& file, const std::string& mapping_path) {
  if (mapping_path.empty()) return Status::InvalidArgument("--from csv needs --mapping FILE.toml (docs/connectors/csv.md)");
  SL_ASSIGN_OR_RETURN(Mapping m, ParseMapping(mapping_path));
  SL_ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
  CsvRecord row;
  if (!reader->Next(row)) return Status::InvalidData(fmt::format("{}: empty file (expected a header row)", file));
  std::map<std::string, size_t> column;
  const std::vector<std::string> names = row.fields;
  for (size_t c = 0; c < names.size(); ++c) column[names[c]] = c;
  // Every column the mapping names must exist, or nothing is read.
  for (const EntityMapping& em : m.entities)
    for (const FieldSource& f : em.fields) {
      std::vector<std::string> needed;
      if (!f.column.empty()) needed.push_back(f.column);
      for (size_t a = f.template_text.find('{'); a != std::string::npos; a = f.template_text.find('{', a + 1)) {
        size_t b = f.template_text.find('}', a);
        if (b == std::string::npos) return Status::InvalidData(fmt::format("{}: {}.{}: unclosed {{ in the template", mapping_path, em.name, f.field));
        needed.push_back(f.template_text.substr(a + 1, b - a - 1));
      }
      for (const std::string& c : needed)
        if (!column.count(c))
          return Status::InvalidData(fmt::format("{}:{}: {}: missing column (the mapping's {}.{} reads it)", file, row.line, c, em.name, f.field));
    }

  TranslatedSource out;
  out.entities.reserve(m.entities.size());
  std::map<const EntitySpec*, size_t> slot;  // one record list per entity, in the order first mapped
  for (const EntityMapping& em : m.entities)
    if (!slot.count(em.spec)) {
      slot[em.spec] = out.entities.size();
      out.entities.emplace_back(em.spec, std::vector<RawRecord>());
    }
  // Referenced entities before those that refer to them: the workspace format's order.
  std::stable_sort(out.entities.begin(), out.entities.end(), [](const auto& a, const auto& b) {
    auto rank = [](const EntitySpec* s) {
      const auto& all = AllEntities();
      for (size_t i = 0; i < all.size(); ++i)
        if (&all[i] == s) return i;
      return all.size();
    };
    return rank(a.first) < rank(b.first);
  });
  for (size_t i = 0; i < out.entities.size(); ++i) slot[out.entities[i].first] = i;
  int64_t skipped = 0;
  while (reader->Next(row)) {
    auto issue = [&](const std::string& col, std::string reason) { out.issues.push_back({file, row.line, col, std::move(reason), row.raw}); };
    if (!row.error.empty()) {
      issue(row.error_field < names.size() ? names[row.error_field] : "record", row.error);
      continue;
    }
    auto cell = [&](const std::string& name) -> std::string {
      size_t c = column.at(name);
      return c < row.fields.size() ? row.fields[c] : std::string();
    };
    for (const EntityMapping& em : m.entities) {
      const EntitySpec& spec = *em.spec;
      RawRecord r;
      r.line = row.line;
      r.raw = row.raw;
      r.values.assign(spec.fields.size(), std::nullopt);
      bool bad = false, missing_required = false;
      for (const FieldSource& f : em.fields) {
        std::string v;
        std::string source_column = f.column.empty() ? em.name + "." + f.field : f.column;
        if (f.constant) {
          v = *f.constant;
        } else if (!f.template_text.empty()) {
          bool empty_part = false;
          for (size_t a = 0; a < f.template_text.size();) {
            size_t b = f.template_text.find('{', a);
            v += f.template_text.substr(a, b == std::string::npos ? std::string::npos : b - a);
            if (b == std::string::npos) break;
            size_t e = f.template_text.find('}', b);
            std::string part = cell(f.template_text.substr(b + 1, e - b - 1));
            empty_part |= part.empty();
            v += part;
            a = e + 1;
          }
          if (empty_part) v.clear();
        } else {
          v = cell(f.column);
        }
        if (v.empty()) {
          const FieldSpec& fs = spec.fields[static_cast<size_t>(FieldIndex(spec, f.field))];
          missing_required |= fs.required;
          continue;
        }
        if (!f.values.empty()) {
          auto it = f.values.find(v);
          if (it != f.values.end()) v = it->second;
          else if (f.map_is_closed) {
            issue(source_column, fmt::format("\"{}\" is not in the mapping's values for {}.{}", v, em.name, f.field));
            bad = true;
            break;
          }
        }
        const FieldSpec& fs = spec.fields[static_cast<size_t>(FieldIndex(spec, f.field))];
        if ((fs.type == FieldType::kTimestamp || fs.type == FieldType::kDate) && !f.format.empty()) {
          bool has_offset = false;
          auto t = ParseWithFormat(v, f.format, has_offset);
          if (!t) {
            issue(source_column, fmt::format("\"{}\" does not match the format \"{}\"", v, f.format));
            bad = true;
            break;
          }
          const int64_t utc = has_offset || fs.type == FieldType::kDate ? *t : m.zone.ToUtc(*t);
          v = fs.type == FieldType::kDate ? FormatDate(FloorDiv(*t, 86400)) : FormatTimestampUtc(utc);
        } else if (fs.type == FieldType::kTimestamp) {
          // ISO 8601 without an offset is local to the mapping's zone.
          auto t = ParseTimestamp(v, m.zone);
          if (t.ok()) v = FormatTimestampUtc(*t);
        }
        r.values[static_cast<size_t>(FieldIndex(spec, f.field))] = std::move(v);
      }
      if (bad) break;
      if (missing_required) {
        if (!em.optional) {
          for (const FieldSource& f : em.fields) {
            const FieldSpec& fs = spec.fields[static_cast<size_t>(FieldIndex(spec, f.field))];
            if (fs.required && !r.values[static_cast<size_t>(FieldIndex(spec, f.field))]) {
              issue(f.column.empty() ? em.name + "." + f.field : f.column, fmt::format("missing (the mapping's {}.{} needs it)", em.name, f.field));
              break;
            }
          }
          break;
        }
        ++skipped;
        continue;
      }
      out.entities[slot.at(em.spec)].second.push_back(std::move(r));
    }
  }
  if (skipped) out.notes.push_back(fmt::format("{} optional records left out for rows without their required values", skipped));
  return out;
}

}  // namespace supportlens
