#include "matchers/ReferenceCollector.h"

#include "matchers/AstQueries.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

struct ReferenceCollector::Flow {
  const Expr *Value = nullptr;  // the reference, widened through &, [], *, casts
  DynTypedNode Consumer;        // what uses that value
  std::string Target;           // the object or alias the value denotes
  std::string Index;
};

void ReferenceCollector::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(memberExpr(member(fieldDecl(hasTaskletStorageType(&Tu)))).bind("ref"), this);
  Finder.addMatcher(declRefExpr(to(varDecl(hasTaskletStorageType(&Tu)))).bind("ref"), this);
  Finder.addMatcher(memberExpr(member(fieldDecl(hasTaskletPointerType(&Tu)))).bind("ref"), this);
  Finder.addMatcher(declRefExpr(to(varDecl(hasTaskletPointerType(&Tu)))).bind("ref"), this);
  Finder.addMatcher(callExpr(callee(functionDecl(returnsTaskletPointer(&Tu)))).bind("ref"), this);
}

namespace {

const StmtExpr *enclosingStmtExpr(const Stmt *S, ASTContext &Ctx, unsigned MaxDepth = 12) {
  DynTypedNode N = DynTypedNode::create(*S);
  for (unsigned I = 0; I < MaxDepth; ++I) {
    auto Parents = Ctx.getParents(N);
    if (Parents.empty())
      return nullptr;
    N = Parents[0];
    if (const auto *SE = N.get<StmtExpr>())
      return SE;
  }
  return nullptr;
}

bool isComparison(const Stmt *S) {
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    return BO->isComparisonOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(S))
    return UO->getOpcode() == UO_LNot;
  return isa<IfStmt>(S) || isa<WhileStmt>(S) || isa<ConditionalOperator>(S);
}

// A void * parameter its function uses only as a tasklet: every reference is
// converted to a tasklet pointer on the spot (a devm action such as
// "static void kill(void *t) { tasklet_kill(t); }"). Such a parameter carries
// the tasklet as a typed one would, and stays void * after a conversion.
class OpaqueUseChecker : public RecursiveASTVisitor<OpaqueUseChecker> {
public:
  OpaqueUseChecker(const ParmVarDecl *P, ASTContext &Ctx, const TuContext &Tu)
      : P(P), Ctx(Ctx), Tu(Tu) {}
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (DRE->getDecl() != P)
      return true;
    DynTypedNode N = DynTypedNode::create(*DRE);
    while (true) {
      auto Parents = Ctx.getParents(N);
      const auto *E = Parents.empty() ? nullptr : Parents[0].get<Expr>();
      const auto *Cast = dyn_cast_or_null<CastExpr>(E);
      if (E && (isa<ParenExpr>(E) || (Cast && Cast->getCastKind() == CK_LValueToRValue))) {
        N = Parents[0];
        continue;
      }
      if (Cast && Tu.isTaskletPointer(Cast->getType()))
        ++AsTasklet;
      else
        ++Otherwise;
      return true;
    }
  }
  bool carriesOnlyATasklet() const { return AsTasklet > 0 && Otherwise == 0; }

private:
  const ParmVarDecl *P;
  ASTContext &Ctx;
  const TuContext &Tu;
  unsigned AsTasklet = 0, Otherwise = 0;
};

// The definition of FD's parameter I when this TU has it and it is a void *
// that carries only a tasklet.
const ParmVarDecl *opaqueCarrier(const FunctionDecl *FD, unsigned I, ASTContext &Ctx,
                                 const TuContext &Tu) {
  const FunctionDecl *Def = FD ? FD->getDefinition() : nullptr;
  if (!Def || I >= Def->getNumParams() || !Def->getParamDecl(I)->getType()->isVoidPointerType())
    return nullptr;
  OpaqueUseChecker Checker(Def->getParamDecl(I), Ctx, Tu);
  Checker.TraverseStmt(Def->getBody());
  return Checker.carriesOnlyATasklet() ? Def->getParamDecl(I) : nullptr;
}

} // namespace

// The tasklet reaches a void * parameter that carries only a tasklet: the
// parameter is an alias like a typed one, with no type to edit.
void ReferenceCollector::linkOpaque(const Flow &F, const ParmVarDecl *P, ASTContext &Ctx) {
  const auto *FD = cast<FunctionDecl>(P->getDeclContext());
  std::string Key = "param:" + Tu.functionKey(FD) + "#" + std::to_string(P->getFunctionScopeIndex());
  AliasDef A;
  A.Key = Key;
  A.Description = "parameter '" + P->getName().str() + "' (void *) of " + FD->getName().str() + "()";
  A.Declared = Tu.pos(P->getLocation(), Ctx.getSourceManager());
  Tu.Facts.Aliases.push_back(std::move(A));
  record(F, UseKind::EscapeParam, Key, Ctx, FD->getName().str());
}

// Widen the reference to the value the code computes from it (through &, [],
// *, parentheses and casts that keep it a tasklet) and find its consumer.
// False when the reference only appears in a type (typeof, sizeof, offsetof).
bool ReferenceCollector::follow(Flow &F, ASTContext &Ctx) {
  while (true) {
    auto Parents = Ctx.getParents(*F.Value);
    if (Parents.empty())
      return false;
    const DynTypedNode &P = Parents[0];
    const auto *PE = P.get<Expr>();
    if (!PE) {
      if (P.get<Stmt>() || P.get<Decl>()) {
        F.Consumer = P;
        return true;
      }
      return false; // inside a type: not evaluated
    }
    if (isa<ParenExpr>(PE) || isa<ImplicitCastExpr>(PE)) {
      F.Value = PE;
      continue;
    }
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(PE)) {
      if (ASE->getBase()->IgnoreParenImpCasts() == F.Value->IgnoreParenImpCasts()) {
        F.Value = PE;
        continue;
      }
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(PE)) {
      if (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref) {
        F.Value = PE;
        continue;
      }
    }
    if (isa<ExplicitCastExpr>(PE) && Tu.isTaskletPointer(PE->getType())) {
      F.Value = PE;
      continue;
    }
    if (isa<UnaryExprOrTypeTraitExpr>(PE) || isa<OffsetOfExpr>(PE))
      return false;
    F.Consumer = P;
    return true;
  }
}

void ReferenceCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Ref = Result.Nodes.getNodeAs<Expr>("ref");
  if (!Ref || Tu.inImplementation(Ref->getBeginLoc(), Ctx))
    return;
  Flow F;
  F.Value = Ref;
  while (true) {
    if (!follow(F, Ctx))
      return;
    // Accessors such as this_cpu_ptr() or per_cpu() compute a tasklet pointer
    // inside a statement expression, through casts to integers and asm. When the
    // statement expression yields a tasklet again, the value goes on from there.
    const Stmt *S = F.Consumer.get<Stmt>();
    const Decl *D = F.Consumer.get<Decl>();
    bool Typed = (S && isa<CallExpr>(S)) || (S && isa<MemberExpr>(S)) ||
                 (S && isa<BinaryOperator>(S)) || (S && isa<ReturnStmt>(S)) ||
                 (D && isa<VarDecl>(D) && Tu.isTaskletPointer(cast<VarDecl>(D)->getType()));
    if (Typed || !Ref->getBeginLoc().isMacroID())
      break;
    const StmtExpr *SE = enclosingStmtExpr(F.Value, Ctx);
    if (!SE || !(Tu.isTaskletPointer(SE->getType()) || Tu.isTaskletStorage(SE->getType())))
      break;
    F.Value = SE;
  }
  ObjectResolver R(Tu, Ctx);
  Resolved Res = Tu.isTaskletPointer(F.Value->getType()) ? R.pointer(F.Value) : R.storage(F.Value);
  F.Target = Res ? Res.Key : R.unresolvedKey(F.Value->getBeginLoc());
  F.Index = Res.Index;
  classify(F, Ctx);
}

void ReferenceCollector::record(const Flow &F, UseKind Kind, std::string LinkedTo,
                                ASTContext &Ctx, std::string Callee) {
  Use U = makeUse(F.Target, Kind, F.Value->getBeginLoc(), F.Value->getSourceRange(), Ctx);
  U.LinkedTo = std::move(LinkedTo);
  U.Index = F.Index;
  U.Callee = std::move(Callee);
  Tu.Facts.Uses.push_back(std::move(U));
}

void ReferenceCollector::classify(const Flow &F, ASTContext &Ctx) {
  ObjectResolver R(Tu, Ctx);
  if (const auto *VD = F.Consumer.get<VarDecl>()) {
    if (Tu.isTaskletPointer(VD->getType()))
      record(F, UseKind::EscapeStore, "ptr-var:" + Tu.variableKey(VD), Ctx);
    else if (!Tu.isTaskletStorage(VD->getType()))
      record(F, UseKind::EscapeUntyped, "", Ctx);
    return;
  }
  const Stmt *S = F.Consumer.get<Stmt>();
  if (!S)
    return;
  // What an init macro does with the object (INIT_WORK's __init_work() call,
  // its list head and lockdep map) is the API initialising it.
  if (Tu.inInitMacro(S->getBeginLoc(), Ctx))
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    onCall(F, Call, Ctx);
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(S)) {
    if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (Field->getParent()->getName() == Tu.api().record()) {
        Use U = makeUse(F.Target, UseKind::InternalsField, ME->getMemberLoc(),
                        ME->getSourceRange(), Ctx);
        U.Index = F.Index;
        Tu.Facts.Uses.push_back(std::move(U));
      }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp()) {
      if (BO->getLHS()->IgnoreParenImpCasts() == F.Value->IgnoreParenImpCasts())
        return; // the pointer being assigned, not a use of what it held
      std::string Slot = Tu.isTaskletPointer(BO->getLHS()->getType())
                             ? R.pointerSlot(BO->getLHS())
                             : "";
      if (!Slot.empty())
        record(F, UseKind::EscapeStore, Slot, Ctx);
      else if (!Tu.isTaskletStorage(BO->getLHS()->getType()))
        record(F, UseKind::EscapeUntyped, "", Ctx);
      return;
    }
  }
  if (isComparison(S)) {
    record(F, UseKind::AddressCompared, "", Ctx);
    return;
  }
  if (isa<ReturnStmt>(S)) {
    if (const FunctionDecl *Fn = enclosingFunction(F.Consumer, Ctx))
      record(F, UseKind::EscapeReturn, "return:" + Tu.functionKey(Fn), Ctx);
    return;
  }
  if (const auto *ILE = dyn_cast<InitListExpr>(S)) {
    std::string Slot;
    if (const auto *RT = ILE->getType()->getAs<RecordType>()) {
      unsigned I = 0;
      for (const FieldDecl *Field : RT->getDecl()->fields()) {
        if (I < ILE->getNumInits() && ILE->getInit(I)->IgnoreParenImpCasts() ==
                                          F.Value->IgnoreParenImpCasts() &&
            Tu.isTaskletPointer(Field->getType()))
          Slot = "ptr-field:" + R.recordKey(Field->getParent()) + "::" + Field->getName().str();
        ++I;
      }
    }
    record(F, Slot.empty() ? UseKind::EscapeUntyped : UseKind::EscapeStore, Slot, Ctx);
    return;
  }
  if (isa<ExplicitCastExpr>(S) && onContainerOf(F, Ctx))
    return;
  if (isa<ExplicitCastExpr>(S) || isa<GCCAsmStmt>(S)) {
    // Casting a tasklet to void for an unused-value warning is not an escape.
    if (!cast<Expr>(S)->getType()->isVoidType())
      record(F, UseKind::EscapeUntyped, "", Ctx);
  }
}

void ReferenceCollector::onCall(const Flow &F, const CallExpr *Call, ASTContext &Ctx) {
  unsigned Arg = 0;
  while (Arg < Call->getNumArgs() &&
         Call->getArg(Arg)->IgnoreParenImpCasts() != F.Value->IgnoreParenImpCasts())
    ++Arg;
  if (Arg == Call->getNumArgs())
    return; // the reference is the callee itself: a call through a pointer field
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (Callee)
    if (const ApiFunction *Fn = Tu.api().function(Callee->getName())) {
      // The API call itself is the ApiCallCollector's; a tasklet passed as
      // another argument (as legacy data, say) leaves the typed world.
      if (Arg != Fn->TaskletArg)
        record(F, UseKind::EscapeUntyped, "", Ctx, Fn->Name);
      return;
    }
  if (const Forwarder *Fw = Callee ? Tu.api().forwarder(Callee->getName()) : nullptr) {
    if (Arg == Fw->DataArg && Fw->FunctionArg < Call->getNumArgs()) {
      const auto *Fn = dyn_cast<DeclRefExpr>(Call->getArg(Fw->FunctionArg)->IgnoreParenImpCasts());
      if (const ParmVarDecl *P =
              opaqueCarrier(Fn ? dyn_cast<FunctionDecl>(Fn->getDecl()) : nullptr, 0, Ctx, Tu))
        return linkOpaque(F, P, Ctx);
    }
    return record(F, UseKind::EscapeUntyped, "", Ctx, Callee->getName().str());
  }
  if (const ParmVarDecl *P = opaqueCarrier(Callee, Arg, Ctx, Tu))
    return linkOpaque(F, P, Ctx);
  QualType ParamType;
  std::string Alias;
  std::string Name;
  if (Callee) {
    Name = Callee->getName().str();
    // Printing the address (printk's %p) neither keeps nor follows it. A
    // variadic function that stores the pointer would be missed; none is known.
    if (Arg >= Callee->getNumParams() && Callee->isVariadic()) {
      record(F, UseKind::AddressVariadic, "", Ctx, Name);
      return;
    }
    if (Arg < Callee->getNumParams()) {
      ParamType = Callee->getParamDecl(Arg)->getType();
      Alias = "param:" + Tu.functionKey(Callee) + "#" + std::to_string(Arg);
    }
  } else if (const auto *Proto = Call->getCallee()->getType()->getPointeeType().isNull()
                                     ? nullptr
                                     : Call->getCallee()
                                           ->getType()
                                           ->getPointeeType()
                                           ->getAs<FunctionProtoType>()) {
    Name = Tu.text(Call->getCallee()->getSourceRange(), Ctx);
    if (Arg < Proto->getNumParams()) {
      ParamType = Proto->getParamType(Arg);
      Alias = "indirect:" + Name; // a function pointer: its targets are not followed
    }
  }
  if (!ParamType.isNull() && Tu.isTaskletPointer(ParamType))
    record(F, UseKind::EscapeParam, Alias, Ctx, Name);
  else
    record(F, UseKind::EscapeUntyped, "", Ctx, Name);
}

// container_of(ptr, type, member) and from_tasklet(): the pointer is cast to
// void * inside a statement expression that subtracts offsetof(type, member).
bool ReferenceCollector::onContainerOf(const Flow &F, ASTContext &Ctx) {
  const StmtExpr *SE = enclosingStmtExpr(F.Value, Ctx);
  if (!SE)
    return false;
  const OffsetOfExpr *OffsetOf = firstOffsetOf(SE);
  if (!OffsetOf)
    return false;
  const FieldDecl *Field = nullptr;
  for (unsigned I = 0; I < OffsetOf->getNumComponents(); ++I)
    if (OffsetOf->getComponent(I).getKind() == OffsetOfNode::Field)
      Field = OffsetOf->getComponent(I).getField();
  if (!Field || !Tu.isTaskletStorage(Field->getType()))
    return false;
  UseKind Kind = UseKind::ContainerOf;
  std::string MacroName;
  for (const std::string &Macro : Tu.macroBodies(SE->getBeginLoc(), Ctx))
    if (std::optional<UseKind> K = Tu.api().containerMacro(Macro)) {
      Kind = *K;
      MacroName = Macro;
      break;
    }
  ObjectResolver R(Tu, Ctx);
  std::string Object = R.fieldObjectKey(Field);
  bool FromObject = F.Target == Object;
  Use U = makeUse(F.Target, Kind, SE->getBeginLoc(), SE->getSourceRange(), Ctx);
  if (!FromObject)
    U.LinkedTo = Object;
  if (!MacroName.empty())
    U.Anchor = Tu.writtenToken(Tu.macroInvocation(SE->getBeginLoc(), MacroName, Ctx), Ctx);
  Tu.Facts.Uses.push_back(std::move(U));
  return true;
}

} // namespace detasklet
