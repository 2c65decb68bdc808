#include "lint/Finding.h"

#include <algorithm>
#include <map>

namespace detasklet::lint {

llvm::StringRef engineName(Engine E) { return E == Engine::Lexical ? "lexical" : "semantic"; }

std::string Finding::message() const {
  std::string Text = "'" + Symbol + "'";
  if (!Detail.empty())
    Text += " " + Detail;
  return Text + ": " + Violated->advice();
}

unsigned codePointColumn(llvm::StringRef LineStart, unsigned ByteColumn) {
  unsigned Column = 1;
  for (size_t I = 0; I + 1 < ByteColumn && I < LineStart.size(); ++I)
    if ((static_cast<unsigned char>(LineStart[I]) & 0xC0) != 0x80)
      ++Column;
  return Column;
}

void finalizeFindings(std::vector<Finding> &Findings) {
  std::sort(Findings.begin(), Findings.end());
  std::map<std::tuple<llvm::StringRef, llvm::StringRef, llvm::StringRef, llvm::StringRef>,
           unsigned>
      Seen;
  for (Finding &F : Findings)
    F.Occurrence = Seen[{F.File, F.Context, F.Symbol, F.LineTokens}]++;
}

} // namespace detasklet::lint
