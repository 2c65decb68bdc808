#include "lint/Baseline.h"
#include "lint/Report.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

namespace detasklet::lint {

void writeJson(const Report &R, llvm::raw_ostream &OS) {
  llvm::json::Array Findings;
  for (const Finding &F : R.Findings) {
    llvm::json::Object O{
        {"file", F.File},
        {"line", F.Line},
        {"column", F.Column},
        {"rule", F.Violated->Id},
        {"severity", severityName(F.Violated->Level)},
        {"symbol", F.Symbol},
        {"message", F.message()},
        {"replacement", F.Violated->Replacement},
        {"declaration", F.Context},
        {"fingerprint", fingerprint(F)},
    };
    if (!F.Origin.empty())
      O["patch"] = F.Origin;
    Findings.push_back(std::move(O));
  }
  llvm::json::Array Errors;
  for (const FileError &E : R.Errors)
    Errors.push_back(llvm::json::Object{{"file", E.File}, {"message", E.Message}});
  llvm::json::Object Root{
      {"schema", "detasklet-lint/1"},
      {"engine", engineName(R.Used)},
      {"files", R.FilesChecked},
      {"baselined", R.Suppressed},
      {"findings", std::move(Findings)},
      {"errors", std::move(Errors)},
  };
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Root))) << "\n";
}

} // namespace detasklet::lint
