#include "lint/SemanticEngine.h"

#include "inventory/PathUtil.h"
#include "lint/LineFacts.h"
#include "lint/SourceFiles.h"

#include <map>
#include <set>
#include <tuple>

namespace detasklet::lint {

namespace {

std::string macroPath(const std::vector<MacroStep> &Macros) {
  std::string Out;
  for (const MacroStep &M : Macros)
    Out += (Out.empty() ? "" : ", ") + M.Name + "()";
  return Out;
}

// The symbol is the API function when there is one, else the use kind.
std::string useDetail(const Use &U) {
  std::string Detail = U.Callee.empty() ? "" : "(" + useKindCode(U.Kind).str() + ")";
  if (!U.Text.empty())
    Detail += (Detail.empty() ? "on '" : " on '") + U.Text + "'";
  if (!U.Site.Macros.empty())
    Detail += " through " + macroPath(U.Site.Macros);
  return Detail;
}

} // namespace

std::vector<Finding> SemanticEngine::findingsOf(const Inventory &Inv, llvm::StringRef Root) const {
  std::vector<Finding> Found;
  std::map<std::string, std::string> AbsoluteOf; // display path -> file to read
  std::set<std::tuple<std::string, unsigned, unsigned, unsigned>> Seen;

  auto Add = [&](const SourcePos &At, llvm::StringRef UseCode, std::string Symbol,
                 std::string Detail) {
    const Rule *R = Rules.ruleForUse(UseCode);
    if (!R || !At.valid())
      return; // RuleSet::parse guarantees every use kind has a rule
    std::string Absolute = normalizePath(At.File, Inv.Root);
    std::string Display = relativeTo(Absolute, Root);
    if (Rules.isAllowed(Display))
      return;
    // A use reached through several objects (a helper shared by two
    // tasklets) is one finding.
    if (!Seen.insert({Display, At.Line, At.Column, R->Index}).second)
      return;
    AbsoluteOf[Display] = Absolute;
    Finding F;
    F.Violated = R;
    F.File = std::move(Display);
    F.Line = At.Line;
    F.Column = At.Column;
    F.CharColumn = At.Column;
    F.Symbol = std::move(Symbol);
    F.Detail = std::move(Detail);
    Found.push_back(std::move(F));
  };
  auto AddUse = [&](const Use &U) {
    Add(U.Site.Where, useKindCode(U.Kind),
        U.Callee.empty() ? useKindCode(U.Kind).str() : U.Callee, useDetail(U));
  };

  // Uses first: where a DECLARE_TASKLET both declares and initialises, the
  // use (with its specific rule) is the finding.
  for (const ObjectReport &O : Inv.Objects)
    for (const Use &U : O.Uses)
      AddUse(U);
  for (const Use &U : Inv.Unattached)
    AddUse(U);
  std::set<std::tuple<std::string, unsigned, unsigned>> UseSites;
  for (const Finding &F : Found)
    UseSites.insert({F.File, F.Line, F.Column});
  for (const ObjectReport &O : Inv.Objects) {
    std::string Display = relativeTo(normalizePath(O.Decl.Declared.File, Inv.Root), Root);
    if (UseSites.count({Display, O.Decl.Declared.Line, O.Decl.Declared.Column}))
      continue;
    std::string What = "(" + objectKindCode(O.Decl.Kind).str() +
                       (O.Decl.Record.empty() ? "" : " of " + O.Decl.Record) +
                       (O.Decl.Function.empty() ? "" : " in " + O.Decl.Function + "()") +
                       ") is a tasklet";
    Add(O.Decl.Declared, ObjectDeclarationUse, O.Decl.Name, What);
  }

  // The baseline key's declaration and line tokens, one read per file.
  std::map<std::string, std::vector<size_t>> ByFile;
  for (size_t I = 0; I < Found.size(); ++I)
    ByFile[Found[I].File].push_back(I);
  llvm::SmallVector<char, 0> Buffer;
  for (const auto &[Display, Indexes] : ByFile) {
    if (readSource(AbsoluteOf[Display], Buffer))
      continue; // the inventory read it; if it is gone now, the key has no tokens
    std::vector<LinePosition> Positions;
    for (size_t I : Indexes)
      Positions.push_back({Found[I].Line, Found[I].Column});
    std::vector<LineFacts> Facts =
        describeLines(llvm::StringRef(Buffer.data(), Buffer.size()), Positions);
    for (size_t K = 0; K < Indexes.size(); ++K) {
      Finding &F = Found[Indexes[K]];
      F.Context = std::move(Facts[K].Context);
      F.LineTokens = std::move(Facts[K].LineTokens);
      F.CharColumn = Facts[K].CharColumn;
    }
  }
  return Found;
}

} // namespace detasklet::lint
