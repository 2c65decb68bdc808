#include "matchers/ApiCallCollector.h"

#include "matchers/CallbackSlots.h"
#include "matchers/Callbacks.h"

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
    const Expr *Arg = Call->getArg(*Fn->CallbackArg);
    CallbackArgument CB = callbackArgument(Arg);
    if (CB.Function) {
      U.LinkedTo = noteCallback(Tu, CB.Function);
    } else if (const FieldDecl *Slot = callbackSlotField(Arg, Tu, Ctx)) {
      // An ops table: the callbacks are whatever is stored into the field.
      CallbackSlot &S = noteSlot(Tu, Slot, Ctx);
      U.LinkedTo = S.Key;
      const auto *ME = cast<MemberExpr>(Arg->IgnoreParenCasts());
      S.Mentions.push_back(Tu.writtenToken(ME->getMemberLoc(), Ctx));
    }
    U.CallbackCast = CB.Cast;
  }
  if (Fn->DataArg && *Fn->DataArg < Call->getNumArgs()) {
    const Expr *Data = Call->getArg(*Fn->DataArg);
    U.DataText = Tu.text(Data->getSourceRange(), Ctx);
    U.Data = R.legacyData(Tasklet, Data, U.Container, U.ContainerPath);
  }
  Tu.Facts.Uses.push_back(std::move(U));
}

} // namespace detasklet
