#include "matchers/StateConstantCollector.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

void StateConstantCollector::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(declRefExpr(to(enumConstantDecl().bind("constant"))).bind("ref"), this);
}

namespace {
// The tasklet whose internals an expression touches: the base of the first
// access to a member of the tasklet structure.
class InternalsBaseFinder : public RecursiveASTVisitor<InternalsBaseFinder> {
public:
  InternalsBaseFinder(const TuContext &Tu) : Tu(Tu) {}
  bool VisitMemberExpr(MemberExpr *ME) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (FD && FD->getParent()->getName() == Tu.api().record()) {
      Base = ME->getBase();
      return false;
    }
    return true;
  }
  const Expr *Base = nullptr;

private:
  const TuContext &Tu;
};
} // namespace

void StateConstantCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Constant = Result.Nodes.getNodeAs<EnumConstantDecl>("constant");
  const auto *Ref = Result.Nodes.getNodeAs<DeclRefExpr>("ref");
  if (!Tu.api().isStateConstant(Constant->getName()) ||
      Tu.inImplementation(Ref->getBeginLoc(), Ctx))
    return;
  // Look for the state word in the closest enclosing expression that touches
  // one: test_bit(TASKLET_STATE_RUN, &t->state), t->state & BIT(...).
  const Expr *Scope = Ref;
  InternalsBaseFinder Finder(Tu);
  DynTypedNode N = DynTypedNode::create(*Ref);
  while (!Finder.Base) {
    auto Parents = Ctx.getParents(N);
    if (Parents.empty() || !Parents[0].get<Expr>())
      break;
    N = Parents[0];
    Scope = N.get<Expr>();
    Finder.TraverseStmt(const_cast<Expr *>(Scope));
  }
  ObjectResolver R(Tu, Ctx);
  Resolved Target;
  if (Finder.Base)
    Target = Tu.isTaskletPointer(Finder.Base->getType()) ? R.pointer(Finder.Base)
                                                          : R.storage(Finder.Base);
  std::string Key = Target ? Target.Key : R.unresolvedKey(Ref->getBeginLoc());
  Use U = makeUse(Key, UseKind::InternalsStateBit, Ref->getBeginLoc(), Scope->getSourceRange(),
                  Ctx);
  U.Index = Target.Index;
  Tu.Facts.Uses.push_back(std::move(U));
}

} // namespace detasklet
