#include "lint/Baseline.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SHA1.h"

namespace detasklet::lint {

namespace {

constexpr llvm::StringLiteral Magic = "# detasklet lint baseline 1";

std::string escapeField(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '\t')
      Out += "\\t";
    else if (C == '\n')
      Out += "\\n";
    else if (C == '\\')
      Out += "\\\\";
    else
      Out.push_back(C);
  }
  return Out;
}

bool unescapeField(llvm::StringRef S, std::string &Out) {
  Out.clear();
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] != '\\') {
      Out.push_back(S[I]);
      continue;
    }
    if (++I == S.size())
      return false;
    switch (S[I]) {
    case 't': Out.push_back('\t'); break;
    case 'n': Out.push_back('\n'); break;
    case '\\': Out.push_back('\\'); break;
    default: return false;
    }
  }
  return true;
}

} // namespace

BaselineKey BaselineKey::of(const Finding &F) {
  return {F.File, F.Context, F.Symbol, F.LineTokens, F.Occurrence};
}

std::string fingerprint(const Finding &F) {
  llvm::SHA1 Hash;
  for (llvm::StringRef Part : {llvm::StringRef(F.Context), llvm::StringRef(F.Symbol),
                               llvm::StringRef(F.LineTokens)}) {
    Hash.update(Part);
    Hash.update(llvm::StringRef("\0", 1));
  }
  Hash.update(std::to_string(F.Occurrence));
  auto Digest = Hash.final();
  return llvm::toHex(llvm::ArrayRef<uint8_t>(Digest).take_front(12), /*LowerCase=*/true);
}

void Baseline::write(const std::vector<Finding> &Findings, Engine Used, llvm::raw_ostream &OS) {
  std::set<BaselineKey> Keys;
  for (const Finding &F : Findings)
    Keys.insert(BaselineKey::of(F));
  OS << Magic << "\n"
     << "# engine: " << engineName(Used) << "\n"
     << "# Accepted tasklet uses: detasklet lint --baseline reports only uses not listed here.\n"
     << "# Fields, TAB-separated: file, declaration, symbol, occurrence, line tokens.\n"
     << "# Regenerate with detasklet lint --write-baseline; delete lines as uses go away.\n";
  for (const BaselineKey &K : Keys)
    OS << escapeField(K.File) << '\t' << escapeField(K.Context) << '\t' << escapeField(K.Symbol)
       << '\t' << K.Occurrence << '\t' << escapeField(K.LineTokens) << '\n';
}

llvm::Expected<Baseline> Baseline::parse(llvm::StringRef Text, llvm::StringRef Name) {
  auto Error = [&](size_t Line, const llvm::Twine &What) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Name + ":" + llvm::Twine(Line) + ": " + What);
  };
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  if (Lines.empty() || Lines[0].rtrim('\r') != Magic)
    return Error(1, "not a detasklet lint baseline (the first line must be '" + Magic + "')");
  Baseline B;
  bool SawEngine = false;
  for (size_t I = 1; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I].rtrim('\r');
    if (L.empty())
      continue;
    if (L.starts_with("#")) {
      llvm::StringRef Rest = L.drop_front().trim();
      if (Rest.consume_front("engine:")) {
        Rest = Rest.trim();
        if (Rest == "lexical")
          B.Written = Engine::Lexical;
        else if (Rest == "semantic")
          B.Written = Engine::Semantic;
        else
          return Error(I + 1, "unknown engine '" + Rest + "' (lexical or semantic)");
        SawEngine = true;
      }
      continue;
    }
    llvm::SmallVector<llvm::StringRef, 5> Fields;
    L.split(Fields, '\t');
    if (Fields.size() != 5)
      return Error(I + 1, "expected 5 TAB-separated fields (file, declaration, symbol, "
                          "occurrence, line tokens), found " +
                              llvm::Twine(Fields.size()));
    BaselineKey K;
    if (!unescapeField(Fields[0], K.File) || !unescapeField(Fields[1], K.Context) ||
        !unescapeField(Fields[2], K.Symbol) || !unescapeField(Fields[4], K.LineTokens))
      return Error(I + 1, "bad escape (only \\t, \\n and \\\\ are used)");
    if (K.File.empty() || K.Symbol.empty())
      return Error(I + 1, "file and symbol must not be empty");
    if (Fields[3].getAsInteger(10, K.Occurrence))
      return Error(I + 1, "occurrence '" + Fields[3] + "' is not a number");
    if (!B.Keys.insert(std::move(K)).second)
      return Error(I + 1, "duplicate entry");
  }
  if (!SawEngine)
    return Error(2, "missing '# engine: lexical|semantic' line");
  return B;
}

size_t Baseline::countUnmatched(const std::vector<Finding> &All) const {
  std::set<BaselineKey> Matched;
  for (const Finding &F : All) {
    BaselineKey K = BaselineKey::of(F);
    if (Keys.count(K))
      Matched.insert(std::move(K));
  }
  return Keys.size() - Matched.size();
}

llvm::Expected<Baseline> Baseline::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   Path + ": cannot read baseline: " + Buffer.getError().message());
  return parse((*Buffer)->getBuffer(), Path);
}

} // namespace detasklet::lint
