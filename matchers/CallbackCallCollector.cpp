#include "matchers/CallbackCallCollector.h"

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

void CallbackCallCollector::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(callee(functionDecl(parameterCountIs(1), returns(voidType())).bind("fn")))
          .bind("call"),
      this);
}

void CallbackCallCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  QualType Param = Fn->getParamDecl(0)->getType();
  bool Shaped = Tu.isTaskletPointer(Param) ||
                Ctx.hasSameType(Param.getUnqualifiedType(), Ctx.UnsignedLongTy);
  if (!Shaped || Tu.api().function(Fn->getName()) || Fn->getBuiltinID() ||
      Tu.inImplementation(Call->getBeginLoc(), Ctx))
    return;
  const Expr *CalleeExpr = Call->getCallee()->IgnoreParenImpCasts();
  Use U = makeUse("callback:" + Tu.functionKey(Fn), UseKind::CallbackCall,
                  CalleeExpr->getExprLoc(), Call->getSourceRange(), Ctx);
  U.Callee = Fn->getName().str();
  U.Anchor = Tu.writtenToken(CalleeExpr->getExprLoc(), Ctx);
  Tu.Facts.Uses.push_back(std::move(U));
}

} // namespace detasklet
