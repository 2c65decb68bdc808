#include "matchers/Callbacks.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

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

namespace {

// How a legacy callback's body uses its data, and which names it declares.
class BodyReader : public RecursiveASTVisitor<BodyReader> {
public:
  BodyReader(TuContext &Tu, ASTContext &Ctx, const ParmVarDecl *Data, CallbackInfo &Out)
      : Tu(Tu), Ctx(Ctx), Data(Data), Out(Out) {}

  bool VisitVarDecl(VarDecl *VD) {
    Out.Locals.push_back(VD->getName().str());
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (!Data || DRE->getDecl() != Data)
      return true;
    DataUse U;
    const Expr *Use = DRE;
    DynTypedNode N = DynTypedNode::create(*DRE);
    while (true) {
      auto Parents = Ctx.getParents(N);
      if (Parents.empty())
        break;
      const auto *PE = Parents[0].get<Expr>();
      // "(void *)(uintptr_t)data": an integer cast on the way keeps the value;
      // the pointer cast above it is the use.
      if (PE && (isa<ParenExpr>(PE) || isa<ImplicitCastExpr>(PE) ||
                 (isa<CStyleCastExpr>(PE) && PE->getType()->isIntegerType()))) {
        N = Parents[0];
        continue;
      }
      if (const auto *Cast = PE ? dyn_cast<CStyleCastExpr>(PE) : nullptr;
          Cast && Cast->getType()->isPointerType()) {
        Use = Cast;
        U.CastType = Tu.text(Cast->getTypeInfoAsWritten()->getTypeLoc().getSourceRange(), Ctx);
        DynTypedNode Up = Parents[0];
        while (true) {
          auto Outer = Ctx.getParents(Up);
          if (Outer.empty())
            break;
          if (const auto *VD = Outer[0].get<VarDecl>())
            U.InitOf = VD->getName().str();
          const auto *OE = Outer[0].get<Expr>();
          if (!OE || !(isa<ParenExpr>(OE) || isa<ImplicitCastExpr>(OE)))
            break;
          Up = Outer[0];
        }
      }
      break;
    }
    U.Text = Tu.written(Use->getSourceRange(), Ctx);
    Out.DataUses.push_back(std::move(U));
    return true;
  }

private:
  TuContext &Tu;
  ASTContext &Ctx;
  const ParmVarDecl *Data;
  CallbackInfo &Out;
};

} // namespace

TypeSite paramSite(TuContext &Tu, const ParmVarDecl *P, bool Legacy, ASTContext &Ctx) {
  TypeSite S;
  S.Name = P->getName().str();
  if (const TypeSourceInfo *TSI = P->getTypeSourceInfo())
    S.TypeText = Legacy ? Tu.written(TSI->getTypeLoc().getSourceRange(), Ctx)
                        : Tu.writtenPointee(TSI->getTypeLoc(), Ctx);
  if (!S.Name.empty())
    S.NameText = Tu.writtenToken(P->getLocation(), Ctx);
  return S;
}

std::string noteCallback(TuContext &Tu, const FunctionDecl *FD) {
  std::string Key = "callback:" + Tu.functionKey(FD);
  const FunctionDecl *Def = FD->getDefinition();
  const FunctionDecl *Shown = Def ? Def : FD;
  CallbackInfo C;
  C.Key = Key;
  C.Name = FD->getName().str();
  // Canonical: a callback taking uintptr_t or ulong takes unsigned long, and
  // converts as any legacy callback does.
  C.Signature = Shown->getType().getCanonicalType().getAsString();
  C.Legacy = Shown->getNumParams() != 1 || !Tu.isTaskletPointer(Shown->getParamDecl(0)->getType());
  C.Defined = Def != nullptr;
  C.ParamUsed = Def && Def->getNumParams() > 0 && Def->getParamDecl(0)->isReferenced();
  C.Declared = Tu.pos(Shown->getLocation(), FD->getASTContext().getSourceManager());
  ASTContext &Ctx = FD->getASTContext();
  if (Shown->getNumParams() == 1)
    for (const FunctionDecl *Redecl : FD->redecls())
      if (Redecl->getNumParams() == 1 && spellsSignature(Redecl))
        C.Params.push_back(paramSite(Tu, Redecl->getParamDecl(0), C.Legacy, Ctx));
  if (Def && Def->getNumParams() == 1) {
    BodyReader Reader(Tu, Ctx, C.Legacy ? Def->getParamDecl(0) : nullptr, C);
    Reader.TraverseStmt(Def->getBody());
  }
  Tu.Facts.Callbacks.push_back(std::move(C));
  return Key;
}

} // namespace detasklet
