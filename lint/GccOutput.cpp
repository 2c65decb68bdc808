#include "lint/Report.h"

namespace detasklet::lint {

void writeGcc(const Report &R, llvm::raw_ostream &OS) {
  for (const Finding &F : R.Findings)
    OS << F.File << ":" << F.Line << ":" << F.Column << ": " << severityName(F.Violated->Level)
       << ": " << F.message() << " [detasklet-" << F.Violated->Id << "]\n";
}

} // namespace detasklet::lint
