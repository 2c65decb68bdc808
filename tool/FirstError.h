// The first error of a parse, as "file:line:col: error: text" relative to a
// root: the one worth reading when a TU or a preamble does not compile.
#ifndef DETASKLET_TOOL_FIRSTERROR_H
#define DETASKLET_TOOL_FIRSTERROR_H

#include "inventory/PathUtil.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"

#include <string>

namespace detasklet {

// Keeps the first error of a TU (the one worth reading) and counts the rest.
class FirstErrorConsumer : public clang::DiagnosticConsumer {
public:
  explicit FirstErrorConsumer(std::string Root) : Root(std::move(Root)) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(Level, Info);
    if (Level < clang::DiagnosticsEngine::Error)
      return;
    if (!First.empty())
      return;
    llvm::SmallString<256> Text;
    Info.FormatDiagnostic(Text);
    std::string Where;
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      const clang::SourceManager &SM = Info.getSourceManager();
      clang::PresumedLoc P = SM.getPresumedLoc(SM.getFileLoc(Info.getLocation()));
      if (P.isValid())
        Where = relativeTo(P.getFilename(), Root) + ":" + std::to_string(P.getLine()) + ":" +
                std::to_string(P.getColumn()) + ": ";
    }
    First = Where + "error: " + std::string(Text);
  }
  std::string First;

private:
  std::string Root;
};

} // namespace detasklet

#endif
