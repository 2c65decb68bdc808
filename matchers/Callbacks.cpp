#include "matchers/Callbacks.h"

#include "clang/AST/Expr.h"

namespace detasklet {

using namespace clang;

CallbackArgument callbackArgument(const Expr *E) {
  CallbackArgument A;
  while (true) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      A.Cast |= isa<ExplicitCastExpr>(Cast);
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf) {
      E = UO->getSubExpr();
      continue;
    }
    break;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    A.Function = dyn_cast<FunctionDecl>(DRE->getDecl());
  return A;
}

std::string noteCallback(TuContext &Tu, const FunctionDecl *FD) {
  std::string Key = "callback:" + Tu.functionKey(FD);
  const FunctionDecl *Def = FD->getDefinition();
  const FunctionDecl *Shown = Def ? Def : FD;
  CallbackInfo C;
  C.Key = Key;
  C.Name = FD->getName().str();
  C.Signature = Shown->getType().getAsString();
  C.Legacy = Shown->getNumParams() != 1 || !Tu.isTaskletPointer(Shown->getParamDecl(0)->getType());
  C.Defined = Def != nullptr;
  C.ParamUsed = Def && Def->getNumParams() > 0 && Def->getParamDecl(0)->isReferenced();
  C.Declared = Tu.pos(Shown->getLocation(), FD->getASTContext().getSourceManager());
  Tu.Facts.Callbacks.push_back(std::move(C));
  return Key;
}

} // namespace detasklet
