#include "matchers/ObjectDeclCollector.h"

#include "matchers/Callbacks.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

void ObjectDeclCollector::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(fieldDecl(hasTaskletStorageType(&Tu)).bind("field"), this);
  Finder.addMatcher(varDecl(hasTaskletStorageType(&Tu), unless(parmVarDecl())).bind("var"), this);
  Finder.addMatcher(fieldDecl(hasTaskletPointerType(&Tu)).bind("carrier"), this);
  Finder.addMatcher(varDecl(hasTaskletPointerType(&Tu), unless(parmVarDecl())).bind("carrier"),
                    this);
  // Callbacks are often defined in one file and registered in another: every
  // externally visible definition shaped like one is recorded, and the
  // inventory keeps those some tasklet registers.
  Finder.addMatcher(functionDecl(isDefinition(), returns(voidType()), parameterCountIs(1))
                        .bind("callback-shaped"),
                    this);
  Finder.addMatcher(functionDecl(isDefinition(), anyOf(hasAnyParameter(hasTaskletPointerType(&Tu)),
                                                       returnsTaskletPointer(&Tu)))
                        .bind("carrier"),
                    this);
}

void ObjectDeclCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (const auto *FD = Result.Nodes.getNodeAs<FieldDecl>("field"))
    onField(FD, Ctx);
  else if (const auto *VD = Result.Nodes.getNodeAs<VarDecl>("var"))
    onVariable(VD, Ctx);
  else if (const auto *D = Result.Nodes.getNodeAs<Decl>("carrier"))
    onPointerCarrier(D, Ctx);
  else if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("callback-shaped"))
    onCallbackShaped(FD, Ctx);
}

namespace {
unsigned arraySize(QualType T, const ASTContext &Ctx) {
  if (const auto *CAT = Ctx.getAsConstantArrayType(T))
    return CAT->getSize().getZExtValue();
  return 0;
}
} // namespace

void ObjectDeclCollector::onField(const FieldDecl *FD, ASTContext &Ctx) {
  if (Tu.inImplementation(FD->getLocation(), Ctx))
    return;
  ObjectResolver R(Tu, Ctx);
  ObjectDecl O;
  O.Key = R.fieldObjectKey(FD);
  O.Kind = ObjectKind::Field;
  O.Name = FD->getName().str();
  O.Record = R.recordName(FD->getParent());
  O.ArraySize = arraySize(FD->getType(), Ctx);
  O.Declared = Tu.pos(FD->getLocation(), Ctx.getSourceManager());
  if (const TypeSourceInfo *TSI = FD->getTypeSourceInfo())
    O.TypeText = Tu.writtenElementType(TSI->getTypeLoc(), Ctx);
  for (const FieldDecl *Sibling : FD->getParent()->fields())
    if (Sibling != FD)
      O.Siblings.push_back(Sibling->getName().str());
  Tu.Facts.Objects.push_back(std::move(O));
}

void ObjectDeclCollector::onVariable(const VarDecl *VD, ASTContext &Ctx) {
  if (Tu.inImplementation(VD->getLocation(), Ctx))
    return;
  ObjectResolver R(Tu, Ctx);
  ObjectDecl O;
  O.Key = R.variableObjectKey(VD);
  O.Kind = R.variableKind(VD);
  O.Name = VD->getName().str();
  if (const auto *F = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod()))
    O.Function = F->getName().str();
  O.ArraySize = arraySize(VD->getType(), Ctx);
  O.Declared = Tu.pos(VD->getLocation(), Ctx.getSourceManager());
  if (const TypeSourceInfo *TSI = VD->getTypeSourceInfo())
    O.TypeText = Tu.writtenElementType(TSI->getTypeLoc(), Ctx);
  Tu.Facts.Objects.push_back(O);

  const Expr *Init = VD->getInit();
  if (!Init)
    return;
  for (const std::string &Macro : Tu.macroBodies(Init->getBeginLoc(), Ctx))
    if (std::optional<UseKind> Kind = Tu.api().declareMacro(Macro)) {
      onDeclareMacro(VD, *Kind, Macro, O.Key, Ctx);
      return;
    }
}

namespace {
// The callback inside a DECLARE_TASKLET* initialiser, whichever union member
// (callback or func) the macro sets.
class InitializerCallbackFinder : public RecursiveASTVisitor<InitializerCallbackFinder> {
public:
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl())) {
      Found = FD;
      return false;
    }
    return true;
  }
  bool VisitExplicitCastExpr(ExplicitCastExpr *) {
    Cast = true;
    return true;
  }
  const FunctionDecl *Found = nullptr;
  bool Cast = false;
};
} // namespace

void ObjectDeclCollector::onDeclareMacro(const VarDecl *VD, UseKind Kind, const std::string &Macro,
                                         const std::string &Key, ASTContext &Ctx) {
  Use U = makeUse(Key, Kind, VD->getInit()->getBeginLoc(), VD->getSourceRange(), Ctx);
  U.Anchor = Tu.writtenToken(Tu.macroInvocation(VD->getInit()->getBeginLoc(), Macro, Ctx), Ctx);
  U.Callee = Macro;
  InitializerCallbackFinder Finder;
  Finder.TraverseStmt(const_cast<Expr *>(VD->getInit()));
  if (Finder.Found) {
    U.LinkedTo = noteCallback(Tu, Finder.Found);
    U.CallbackCast = Finder.Cast;
  }
  if (Kind == UseKind::DeclareOld || Kind == UseKind::DeclareDisabledOld) {
    // The _OLD macros leave data at zero.
    U.Data = LegacyData::Constant;
    U.DataText = "0";
  }
  Tu.Facts.Uses.push_back(std::move(U));
}

void ObjectDeclCollector::onCallbackShaped(const FunctionDecl *FD, ASTContext &Ctx) {
  QualType Param = FD->getParamDecl(0)->getType();
  if (!FD->isExternallyVisible() || Tu.inImplementation(FD->getLocation(), Ctx) ||
      !(Tu.isTaskletPointer(Param) ||
        Ctx.hasSameType(Param.getUnqualifiedType(), Ctx.UnsignedLongTy)))
    return;
  noteCallback(Tu, FD);
}

void ObjectDeclCollector::onPointerCarrier(const Decl *D, ASTContext &Ctx) {
  if (Tu.inImplementation(D->getLocation(), Ctx))
    return;
  ObjectResolver R(Tu, Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  auto Add = [&](std::string Key, std::string Description, SourceLocation Loc,
                 std::vector<TypeSite> Types) {
    Tu.Facts.Aliases.push_back(
        {std::move(Key), std::move(Description), Tu.pos(Loc, SM), std::move(Types)});
  };
  auto SiteOf = [&](const DeclaratorDecl *DD) {
    TypeSite S;
    if (const TypeSourceInfo *TSI = DD->getTypeSourceInfo())
      S.TypeText = Tu.writtenPointee(TSI->getTypeLoc(), Ctx);
    S.Name = DD->getName().str();
    return S;
  };
  if (const auto *FD = dyn_cast<FieldDecl>(D)) {
    Add("ptr-field:" + R.recordKey(FD->getParent()) + "::" + FD->getName().str(),
        "pointer field '" + FD->getName().str() + "' of " + R.recordName(FD->getParent()),
        FD->getLocation(), {SiteOf(FD)});
  } else if (const auto *VD = dyn_cast<VarDecl>(D)) {
    std::vector<TypeSite> Types;
    for (const VarDecl *Redecl : VD->redecls())
      Types.push_back(SiteOf(Redecl));
    Add("ptr-var:" + Tu.variableKey(VD), "pointer variable '" + VD->getName().str() + "'",
        VD->getLocation(), Types);
  } else if (const auto *F = dyn_cast<FunctionDecl>(D)) {
    for (const ParmVarDecl *P : F->parameters()) {
      if (!Tu.isTaskletPointer(P->getType()))
        continue;
      unsigned I = P->getFunctionScopeIndex();
      std::vector<TypeSite> Types;
      for (const FunctionDecl *Redecl : F->redecls())
        if (I < Redecl->getNumParams() && spellsSignature(Redecl))
          Types.push_back(SiteOf(Redecl->getParamDecl(I)));
      Add("param:" + Tu.functionKey(F) + "#" + std::to_string(I),
          "parameter '" + P->getName().str() + "' of " + F->getName().str() + "()",
          P->getLocation(), Types);
    }
    if (Tu.isTaskletPointer(F->getReturnType())) {
      std::vector<TypeSite> Types;
      for (const FunctionDecl *Redecl : F->redecls()) {
        if (!spellsSignature(Redecl))
          continue;
        TypeSite S;
        S.TypeText = Tu.writtenPointee(Redecl->getFunctionTypeLoc().getReturnLoc(), Ctx);
        Types.push_back(S);
      }
      Add("return:" + Tu.functionKey(F), "value returned by " + F->getName().str() + "()",
          F->getLocation(), Types);
    }
  }
}

} // namespace detasklet
