#include "matchers/FunctionCollector.h"

#include "clang/AST/Attr.h"

#include <map>

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

void FunctionCollector::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition()).bind("definition"), this);
  // module_init(fn) in a module declares init_module() as an alias of fn.
  Finder.addMatcher(functionDecl(hasName("init_module"), hasAttr(attr::Alias)).bind("init"), this);
}

void FunctionCollector::run(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("definition"))
    Definitions.push_back(FD);
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("init"))
    ModuleInit = FD->getAttr<AliasAttr>()->getAliasee().str();
}

namespace {
bool isInitSection(const FunctionDecl *FD) {
  const auto *S = FD->getAttr<SectionAttr>();
  return S && S->getName() == ".init.text";
}
} // namespace

// Before the first statement of the body that is not a declaration, at the
// start of its line: code inserted there runs first and keeps declarations
// at the top of the block. Invalid when that statement shares its line.
TextRange FunctionCollector::bodyStart(const CompoundStmt *Body, std::string &Indent) {
  const SourceManager &SM = Ctx->getSourceManager();
  const Stmt *First = nullptr;
  for (const Stmt *S : Body->body())
    if (!isa<DeclStmt>(S)) {
      First = S;
      break;
    }
  SourceLocation Loc = SM.getExpansionLoc(First ? First->getBeginLoc() : Body->getRBracLoc());
  auto [File, Offset] = SM.getDecomposedLoc(Loc);
  bool Invalid = false;
  StringRef Buffer = SM.getBufferData(File, &Invalid);
  if (Invalid || Offset > Buffer.size())
    return {};
  size_t LineStart = Buffer.rfind('\n', Offset ? Offset - 1 : 0);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  StringRef Lead = Buffer.slice(LineStart, Offset);
  if (Lead.find_first_not_of(" \t") != StringRef::npos)
    return {};
  Indent = Lead.str();
  if (!First)
    Indent += "\t"; // before the closing brace: one level deeper than it
  TextRange R;
  R.File = Tu.fileOf(Loc, SM);
  R.Offset = LineStart;
  return R;
}

FunctionInfo FunctionCollector::describe(const FunctionDecl *FD) {
  const SourceManager &SM = Ctx->getSourceManager();
  FunctionInfo F;
  F.Key = Tu.functionKey(FD);
  F.Name = FD->getName().str();
  F.Begin = Tu.pos(SM.getExpansionLoc(FD->getBeginLoc()), SM);
  F.End = Tu.pos(SM.getExpansionRange(FD->getEndLoc()).getEnd(), SM);
  F.Init = isInitSection(FD);
  F.ModuleInit = !ModuleInit.empty() && FD->getName() == ModuleInit;
  if (const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody()))
    F.BodyStart = bodyStart(Body, F.BodyIndent);
  return F;
}

void FunctionCollector::onEndOfTranslationUnit() {
  if (!Ctx)
    return;
  const SourceManager &SM = Ctx->getSourceManager();
  std::map<std::string, std::vector<Use *>> UsesByFile;
  for (Use &U : Tu.Facts.Uses)
    UsesByFile[U.Site.Where.File].push_back(&U);
  for (const FunctionDecl *FD : Definitions) {
    if (Tu.inImplementation(FD->getLocation(), *Ctx))
      continue;
    bool IsModuleInit = !ModuleInit.empty() && FD->getName() == ModuleInit;
    // Most definitions come from headers without a use: skip them cheaply.
    auto Uses = UsesByFile.find(Tu.fileOf(SM.getExpansionLoc(FD->getBeginLoc()), SM));
    if (Uses == UsesByFile.end() && !IsModuleInit)
      continue;
    FunctionInfo F = describe(FD);
    bool Touches = false;
    if (Uses != UsesByFile.end())
      for (Use *U : Uses->second)
        if (!(U->Site.Where < F.Begin) && !(F.End < U->Site.Where)) {
          U->Function = F.Key;
          Touches = true;
        }
    if (Touches || IsModuleInit)
      Tu.Facts.Functions.push_back(std::move(F));
  }
}

} // namespace detasklet
