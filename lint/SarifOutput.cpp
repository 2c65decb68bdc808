#include "lint/Baseline.h"
#include "lint/Report.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace detasklet::lint {

namespace {

// A relative path as a URI reference: RFC 3986 unreserved characters and '/'
// stay, every other byte is percent-encoded.
std::string uriOf(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/')
      Out.push_back(C);
    else {
      Out.push_back('%');
      Out.push_back(llvm::hexdigit(C >> 4));
      Out.push_back(llvm::hexdigit(C & 15));
    }
  }
  return Out;
}

// "tasklet-hi-schedule" -> "TaskletHiSchedule", SARIF's readable rule name.
std::string pascalCase(llvm::StringRef Id) {
  std::string Out;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Out.push_back(Upper ? llvm::toUpper(C) : C);
    Upper = false;
  }
  return Out;
}

llvm::StringRef sarifLevel(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "warning";
}

llvm::json::Object ruleDescriptor(const Rule &R) {
  std::string Markdown = R.Message + ".";
  if (!R.Replacement.empty())
    Markdown += "\n\nInstead: `" + R.Replacement + "`";
  if (!R.Note.empty())
    Markdown += "\n\nNote: " + R.Note + ".";
  if (!R.Identifiers.empty()) {
    Markdown += "\n\nIdentifiers:";
    for (const std::string &Id : R.Identifiers)
      Markdown += " `" + Id + "`";
  }
  return llvm::json::Object{
      {"id", R.Id},
      {"name", pascalCase(R.Id)},
      {"shortDescription", llvm::json::Object{{"text", R.Message}}},
      {"fullDescription", llvm::json::Object{{"text", R.advice()}}},
      {"help", llvm::json::Object{{"text", R.advice()}, {"markdown", Markdown}}},
      {"defaultConfiguration", llvm::json::Object{{"level", sarifLevel(R.Level)}}},
      {"properties", llvm::json::Object{{"tags", llvm::json::Array{"tasklet", "workqueue"}},
                                        {"precision", "very-high"},
                                        {"problem.severity", severityName(R.Level)}}},
  };
}

llvm::json::Object location(llvm::StringRef File) {
  return llvm::json::Object{
      {"physicalLocation",
       llvm::json::Object{{"artifactLocation",
                           llvm::json::Object{{"uri", uriOf(File)}, {"uriBaseId", "%SRCROOT%"}}}}}};
}

llvm::json::Object result(const Finding &F) {
  llvm::json::Object Region{{"startLine", F.Line}, {"startColumn", F.CharColumn}};
  // A lexical finding is exactly its identifier.
  if (F.Symbol.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string::npos)
    Region["endColumn"] = F.CharColumn + F.Symbol.size();
  llvm::json::Object Location = location(F.File);
  (*Location.getObject("physicalLocation"))["region"] = std::move(Region);
  llvm::json::Object R{
      {"ruleId", F.Violated->Id},
      {"ruleIndex", F.Violated->Index},
      {"level", sarifLevel(F.Violated->Level)},
      {"message", llvm::json::Object{{"text", F.message()}}},
      {"locations", llvm::json::Array{std::move(Location)}},
      {"partialFingerprints", llvm::json::Object{{"detasklet/v1", fingerprint(F)}}},
  };
  if (!F.Origin.empty())
    R["properties"] = llvm::json::Object{{"patch", F.Origin}};
  return R;
}

} // namespace

void writeSarif(const Report &Rep, llvm::raw_ostream &OS) {
  llvm::json::Array Rules;
  for (const Rule &R : Rep.Rules->rules())
    Rules.push_back(ruleDescriptor(R));
  llvm::json::Array Results;
  for (const Finding &F : Rep.Findings)
    Results.push_back(result(F));
  llvm::json::Array Notifications;
  for (const FileError &E : Rep.Errors)
    Notifications.push_back(llvm::json::Object{
        {"level", "error"},
        {"message", llvm::json::Object{{"text", E.File + ": " + E.Message}}},
        {"locations", llvm::json::Array{location(E.File)}}});
  llvm::json::Object Invocation{{"executionSuccessful", Rep.Errors.empty()}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  llvm::json::Object Run{
      {"tool",
       llvm::json::Object{{"driver", llvm::json::Object{{"name", "detasklet"},
                                                         {"fullName", "detasklet lint"},
                                                         {"rules", std::move(Rules)}}}}},
      {"invocations", llvm::json::Array{std::move(Invocation)}},
      {"columnKind", "unicodeCodePoints"},
      {"properties", llvm::json::Object{{"engine", engineName(Rep.Used)}}},
      {"results", std::move(Results)},
  };
  llvm::json::Object Log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(Run)}},
  };
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
}

} // namespace detasklet::lint
