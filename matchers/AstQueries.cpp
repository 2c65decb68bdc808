#include "matchers/AstQueries.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace detasklet {

using namespace clang;

const FunctionDecl *enclosingFunction(DynTypedNode N, ASTContext &Ctx) {
  while (true) {
    auto Parents = Ctx.getParents(N);
    if (Parents.empty())
      return nullptr;
    N = Parents[0];
    if (const auto *FD = N.get<FunctionDecl>())
      return FD;
  }
}

namespace {
class OffsetOfFinder : public RecursiveASTVisitor<OffsetOfFinder> {
public:
  bool VisitOffsetOfExpr(OffsetOfExpr *E) {
    Found = E;
    return false;
  }
  const OffsetOfExpr *Found = nullptr;
};
} // namespace

const OffsetOfExpr *firstOffsetOf(const Stmt *S) {
  OffsetOfFinder Finder;
  Finder.TraverseStmt(const_cast<Stmt *>(S));
  return Finder.Found;
}

} // namespace detasklet
