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
}

void MentionCollector::mention(const FieldDecl *FD, SourceLocation NameLoc, ASTContext &Ctx) {
  if (!FD || !Tu.isTaskletStorage(FD->getType()) || Tu.inImplementation(FD->getLocation(), Ctx))
    return;
  ObjectResolver R(Tu, Ctx);
  Tu.Facts.Mentions.push_back({R.fieldObjectKey(FD), Tu.writtenToken(NameLoc, Ctx)});
}

void MentionCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
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

} // namespace detasklet
