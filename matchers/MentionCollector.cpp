#include "matchers/MentionCollector.h"

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

namespace {
// Not among clang 19's node matchers.
const clang::ast_matchers::internal::VariadicDynCastAllOfMatcher<Stmt, OffsetOfExpr> offsetOfExpr;
} // namespace

void MentionCollector::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(fieldDecl(hasTaskletStorageType(&Tu)).bind("decl"), this);
  Finder.addMatcher(memberExpr(member(fieldDecl(hasTaskletStorageType(&Tu)))).bind("member"), this);
  Finder.addMatcher(offsetOfExpr().bind("offsetof"), this);
  Finder.addMatcher(designatedInitExpr().bind("designated"), this);
  Finder.addMatcher(declRefExpr(to(functionDecl(isStaticStorageClass()))).bind("function"), this);
}

void MentionCollector::mention(const FieldDecl *FD, SourceLocation NameLoc, ASTContext &Ctx) {
  if (!FD || !Tu.isTaskletStorage(FD->getType()) || Tu.inImplementation(FD->getLocation(), Ctx))
    return;
  ObjectResolver R(Tu, Ctx);
  Tu.Facts.Mentions.push_back({R.fieldObjectKey(FD), Tu.writtenToken(NameLoc, Ctx)});
}

void MentionCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  this->Ctx = &Ctx;
  if (const auto *DRE = Result.Nodes.getNodeAs<DeclRefExpr>("function"))
    FunctionRefs[cast<FunctionDecl>(DRE->getDecl())->getCanonicalDecl()].push_back(
        DRE->getLocation());
  if (const auto *FD = Result.Nodes.getNodeAs<FieldDecl>("decl"))
    mention(FD, FD->getLocation(), Ctx);
  if (const auto *ME = Result.Nodes.getNodeAs<MemberExpr>("member"))
    mention(dyn_cast<FieldDecl>(ME->getMemberDecl()), ME->getMemberLoc(), Ctx);
  if (const auto *OE = Result.Nodes.getNodeAs<OffsetOfExpr>("offsetof"))
    for (unsigned I = 0; I < OE->getNumComponents(); ++I)
      if (OE->getComponent(I).getKind() == OffsetOfNode::Field)
        mention(OE->getComponent(I).getField(), OE->getComponent(I).getEndLoc(), Ctx);
  if (const auto *DIE = Result.Nodes.getNodeAs<DesignatedInitExpr>("designated"))
    for (const DesignatedInitExpr::Designator &D : DIE->designators())
      if (D.isFieldDesignator())
        mention(D.getFieldDecl(), D.getFieldLoc(), Ctx);
}

// The callbacks' renames replace the API's word in their names.
const char *const RenamedWord = "tasklet";

std::vector<std::string> MentionCollector::renameNeighbours(StringRef Name) {
  size_t At = Name.find(RenamedWord);
  if (At == StringRef::npos)
    return {};
  StringRef Prefix = Name.take_front(At), Suffix = Name.drop_front(At + strlen(RenamedWord));
  std::vector<std::string> Out;
  auto Consider = [&](StringRef N) {
    if (N != Name && N.size() >= Prefix.size() + Suffix.size() && N.starts_with(Prefix) &&
        N.ends_with(Suffix))
      Out.push_back(N.str());
  };
  for (const Decl *D : Ctx->getTranslationUnitDecl()->decls()) {
    if (const auto *ND = dyn_cast<NamedDecl>(D); ND && ND->getIdentifier())
      Consider(ND->getName());
    if (const auto *ED = dyn_cast<EnumDecl>(D))
      for (const EnumConstantDecl *E : ED->enumerators())
        Consider(E->getName());
  }
  if (const Preprocessor *PP = Tu.preprocessor())
    for (const auto &Macro : PP->macros())
      Consider(Macro.first->getName());
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

void MentionCollector::onEndOfTranslationUnit() {
  if (!Ctx)
    return;
  std::map<std::string, const FunctionDecl *> ByKey;
  for (const auto &[FD, Refs] : FunctionRefs)
    ByKey["callback:" + Tu.functionKey(FD)] = FD;
  for (CallbackInfo &C : Tu.Facts.Callbacks) {
    auto It = ByKey.find(C.Key);
    if (It == ByKey.end())
      continue;
    const FunctionDecl *FD = It->second;
    C.FileLocal = !FD->isExternallyVisible();
    for (const FunctionDecl *Redecl : FD->redecls())
      C.Mentions.push_back(Tu.writtenToken(Redecl->getLocation(), *Ctx));
    for (SourceLocation Loc : FunctionRefs[FD])
      C.Mentions.push_back(Tu.writtenToken(Loc, *Ctx));
    C.RenameNeighbours = renameNeighbours(C.Name);
  }
}

} // namespace detasklet
