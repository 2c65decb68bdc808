#include "lint/LexicalEngine.h"

#include "lint/CodeWalker.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <algorithm>

namespace detasklet::lint {

LexicalEngine::LexicalEngine(const RuleSet &Rules) : Rules(Rules), Filter(Rules.identifiers()) {}

std::vector<Finding> LexicalEngine::scanText(llvm::StringRef Text, llvm::StringRef File) const {
  std::vector<Finding> Found;
  if (!Filter.mayMatch(Text))
    return Found;
  std::vector<unsigned> Declarations;
  // Tokens of the current line; findings on it get the text once it is complete.
  std::string LineTokens;
  unsigned Line = 0;
  size_t FirstOnLine = 0;
  auto FinishLine = [&] {
    for (size_t I = FirstOnLine; I < Found.size(); ++I)
      Found[I].LineTokens = LineTokens;
    FirstOnLine = Found.size();
    LineTokens.clear();
  };

  CodeWalker Walker;
  Walker.walk(Text, [&](const CodeToken &Tok) {
    if (Tok.Line != Line) {
      FinishLine();
      Line = Tok.Line;
    }
    if (!LineTokens.empty())
      LineTokens.push_back(' ');
    LineTokens.append(Tok.Spelling.data(), Tok.Spelling.size());
    if (!Tok.IsIdentifier || !Tok.IsCode)
      return;
    const Rule *R = Rules.ruleForIdentifier(Tok.Spelling);
    if (!R)
      return;
    Finding F;
    F.Violated = R;
    F.File = File.str();
    F.Line = Tok.Line;
    F.Column = Tok.Column;
    F.CharColumn = codePointColumn(Text.substr(Tok.Offset - (Tok.Column - 1)), Tok.Column);
    F.Symbol = Tok.Spelling.str();
    Found.push_back(std::move(F));
    Declarations.push_back(Tok.Declaration);
  });
  FinishLine();
  for (size_t I = 0; I < Found.size(); ++I)
    Found[I].Context = Walker.declarationName(Declarations[I]).str();
  return Found;
}

LexicalResult LexicalEngine::scanFiles(const std::vector<SourceFile> &Files, unsigned Jobs) const {
  struct PerFile {
    std::vector<Finding> Findings;
    std::string Error;
    bool Lexed = false;
  };
  std::vector<PerFile> Results(Files.size());

  // Small batches keep the pool's overhead negligible next to 60,000 files
  // and still balance the load: a few large files do not end up on one thread.
  const size_t Batch = 64;
  auto ScanRange = [&](size_t Begin, size_t End) {
    llvm::SmallVector<char, 0> Buffer;
    for (size_t I = Begin; I < End; ++I) {
      if (Rules.isAllowed(Files[I].Display))
        continue;
      if (std::error_code EC = readSource(Files[I].Path, Buffer)) {
        Results[I].Error = EC.message();
        continue;
      }
      llvm::StringRef Text(Buffer.data(), Buffer.size());
      if (!Filter.mayMatch(Text))
        continue;
      Results[I].Lexed = true;
      Results[I].Findings = scanText(Text, Files[I].Display);
    }
  };
  if (Files.size() <= Batch || Jobs == 1) {
    ScanRange(0, Files.size());
  } else {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t Begin = 0; Begin < Files.size(); Begin += Batch)
      Pool.async(ScanRange, Begin, std::min(Files.size(), Begin + Batch));
    Pool.wait();
  }

  LexicalResult Out;
  Out.FilesRead = Files.size();
  for (size_t I = 0; I < Files.size(); ++I) {
    PerFile &R = Results[I];
    if (!R.Error.empty())
      Out.Errors.push_back({Files[I].Display, R.Error});
    Out.FilesLexed += R.Lexed;
    std::move(R.Findings.begin(), R.Findings.end(), std::back_inserter(Out.Findings));
  }
  return Out;
}

} // namespace detasklet::lint
