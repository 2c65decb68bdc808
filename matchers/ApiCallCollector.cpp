#include "matchers/ApiCallCollector.h"

#include "matchers/CallbackSlots.h"

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

void ApiCallCollector::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Names = Tu.api().functionNames();
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasAnyName(std::vector<StringRef>(Names.begin(), Names.end())))
                          .bind("fn")))
          .bind("call"),
      this);
}

void ApiCallCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const ApiFunction *Fn = Tu.api().function(Result.Nodes.getNodeAs<FunctionDecl>("fn")->getName());
  if (!Fn || Fn->TaskletArg >= Call->getNumArgs() || Tu.inImplementation(Call->getBeginLoc(), Ctx))
    return;
  ObjectResolver R(Tu, Ctx);
  const Expr *Tasklet = Call->getArg(Fn->TaskletArg);
  Resolved Target = R.pointer(Tasklet);
  const Expr *CalleeExpr = Call->getCallee()->IgnoreParenImpCasts();
  Use U = makeUse(Target ? Target.Key : R.unresolvedKey(Tasklet->getBeginLoc()), Fn->Use,
                  CalleeExpr->getExprLoc(), Tasklet->getSourceRange(), Ctx);
  U.Callee = Fn->Name;
  U.Index = Target.Index;
  U.Anchor = Tu.writtenToken(CalleeExpr->getExprLoc(), Ctx);
  if (Fn->CallbackArg && *Fn->CallbackArg < Call->getNumArgs()) {
    linkInitCallback(U, Call->getArg(*Fn->CallbackArg), Tu, Ctx);
  }
  if (Fn->DataArg && *Fn->DataArg < Call->getNumArgs()) {
    const Expr *Data = Call->getArg(*Fn->DataArg);
    U.DataText = Tu.text(Data->getSourceRange(), Ctx);
    U.Data = R.legacyData(Tasklet, Data, U.Container, U.ContainerPath);
  }
  if (Fn->QueueArg && *Fn->QueueArg < Call->getNumArgs()) {
    // A queue is most often a global (system_bh_wq): its name, even where a
    // macro wrote it; anything else as written.
    const Expr *Queue = Call->getArg(*Fn->QueueArg)->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Queue))
      U.Queue = Ref->getDecl()->getName().str();
    else
      U.Queue = Tu.text(Queue->getSourceRange(), Ctx);
  } else
    U.Queue = Fn->DefaultQueue;
  Tu.Facts.Uses.push_back(std::move(U));
}

} // namespace detasklet
