#include "matchers/CallbackSlots.h"

#include "matchers/Callbacks.h"
#include "clang/AST/ParentMapContext.h"

#include <algorithm>

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

namespace {

// The function type a slot points to, and whether it is the legacy shape.
const FunctionProtoType *slotSignature(QualType T, const TuContext &Tu, const ASTContext &Ctx,
                                       bool &Legacy) {
  const auto *PT = T.getCanonicalType()->getAs<PointerType>();
  const auto *FPT = PT ? PT->getPointeeType()->getAs<FunctionProtoType>() : nullptr;
  if (!FPT || FPT->getNumParams() != 1 || !FPT->getReturnType()->isVoidType())
    return nullptr;
  QualType P = FPT->getParamType(0);
  if (Tu.isTaskletPointer(P))
    Legacy = false;
  else if (Ctx.hasSameType(P.getUnqualifiedType(), Ctx.UnsignedLongTy))
    Legacy = true;
  else
    return nullptr;
  return FPT;
}

// struct tasklet_struct's own callback/func members are what DECLARE_TASKLET
// sets: the API's business, not an ops table.
bool isSlot(const FieldDecl *FD, const TuContext &Tu, const ASTContext &Ctx) {
  bool Legacy;
  if (!FD || !slotSignature(FD->getType(), Tu, Ctx, Legacy))
    return false;
  const RecordDecl *RD = FD->getParent(); // through the anonymous union they sit in
  while (RD->isAnonymousStructOrUnion() && isa<RecordDecl>(RD->getDeclContext()))
    RD = cast<RecordDecl>(RD->getDeclContext());
  return !Tu.isTaskletRecord(Ctx.getRecordType(RD));
}

AST_MATCHER_P(FieldDecl, isCallbackSlot, const TuContext *, Tu) {
  return isSlot(&Node, *Tu, Finder->getASTContext());
}

// The parameter as written in the field's declaration: "void (*f)(struct
// tasklet_struct *t)". A typedef'd pointer type writes it elsewhere (and for
// other users too), so it has none.
const ParmVarDecl *writtenParam(const FieldDecl *FD) {
  const TypeSourceInfo *TSI = FD->getTypeSourceInfo();
  if (!TSI)
    return nullptr;
  auto PTL = TSI->getTypeLoc().getUnqualifiedLoc().getAs<PointerTypeLoc>();
  if (!PTL)
    return nullptr;
  auto FTL = PTL.getPointeeLoc().IgnoreParens().getAs<FunctionProtoTypeLoc>();
  if (!FTL || FTL.getNumParams() != 1)
    return nullptr;
  return FTL.getParam(0);
}

bool isNull(const Expr *E, ASTContext &Ctx) {
  return !E->isValueDependent() &&
         E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}

} // namespace

const FieldDecl *callbackSlotField(const Expr *E, const TuContext &Tu, const ASTContext &Ctx) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenCasts());
  const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  return isSlot(FD, Tu, Ctx) ? FD : nullptr;
}

CallbackSlot &noteSlot(TuContext &Tu, const FieldDecl *FD, ASTContext &Ctx) {
  ObjectResolver R(Tu, Ctx);
  std::string Key = "slot:" + R.recordKey(FD->getParent()) + "::" + FD->getName().str();
  for (CallbackSlot &S : Tu.Facts.Slots)
    if (S.Key == Key)
      return S;
  CallbackSlot S;
  S.Key = Key;
  S.Name = FD->getName().str();
  S.Record = R.recordName(FD->getParent());
  slotSignature(FD->getType(), Tu, Ctx, S.Legacy);
  S.Declared = Tu.pos(FD->getLocation(), Ctx.getSourceManager());
  if (const ParmVarDecl *P = writtenParam(FD))
    S.Params.push_back(paramSite(Tu, P, S.Legacy, Ctx));
  else
    S.Problems.push_back({S.Declared, FD->getName().str(),
                          "its type does not spell the parameter (a typedef): it cannot be "
                          "retyped for this field alone"});
  Tu.Facts.Slots.push_back(std::move(S));
  return Tu.Facts.Slots.back();
}

void CallbackSlotCollector::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(memberExpr(member(fieldDecl(isCallbackSlot(&Tu)))).bind("ref"), this);
  Finder.addMatcher(initListExpr(hasType(recordDecl())).bind("list"), this);
}

void CallbackSlotCollector::run(const MatchFinder::MatchResult &Result) {
  if (const auto *ME = Result.Nodes.getNodeAs<MemberExpr>("ref"))
    onReference(ME, *Result.Context);
  if (const auto *ILE = Result.Nodes.getNodeAs<InitListExpr>("list"))
    onInitList(ILE, *Result.Context);
}

// A read of a slot is followed when it is the callback of an init (recorded
// with the init) or only tested (if (ops->poll), ops->poll != NULL); a store
// is followed when it stores a named function or null. Anything else (a
// direct call, a copy into another pointer) is a problem of the slot.
void CallbackSlotCollector::onReference(const MemberExpr *ME, ASTContext &Ctx) {
  if (Tu.inImplementation(ME->getBeginLoc(), Ctx))
    return;
  const auto *FD = cast<FieldDecl>(ME->getMemberDecl());
  DynTypedNode N = DynTypedNode::create(*ME);
  const Stmt *Child = ME;
  while (true) {
    auto Parents = Ctx.getParents(N);
    if (Parents.empty())
      break;
    const auto *PE = Parents[0].get<Expr>();
    const auto *Cast = PE ? dyn_cast<ImplicitCastExpr>(PE) : nullptr;
    if (PE && (isa<ParenExpr>(PE) || (Cast && Cast->getCastKind() != CK_PointerToBoolean))) {
      N = Parents[0];
      Child = PE;
      continue;
    }
    if (Cast || (PE && isa<UnaryOperator>(PE) && cast<UnaryOperator>(PE)->getOpcode() == UO_LNot))
      return; // tested
    // C has no conversion to bool in a condition: the statement holds it as is.
    const auto *S = Parents[0].get<Stmt>();
    if (const auto *If = dyn_cast_or_null<IfStmt>(S); If && If->getCond() == Child)
      return;
    if (const auto *CO = dyn_cast_or_null<ConditionalOperator>(S); CO && CO->getCond() == Child)
      return;
    if (const auto *BO = PE ? dyn_cast<BinaryOperator>(PE) : nullptr) {
      if (BO->getOpcode() == BO_Assign && BO->getLHS() == Child) {
        onStore(FD, BO->getRHS(), Ctx);
        return;
      }
      if (BO->getOpcode() == BO_Assign && BO->getRHS() == Child &&
          Tu.inInitMacro(BO->getOperatorLoc(), Ctx))
        return; // the init: InitMacroCollector links it
      const Expr *Other = BO->getLHS() == Child ? BO->getRHS() : BO->getLHS();
      if ((BO->isEqualityOp() && isNull(Other, Ctx)) || BO->isLogicalOp())
        return;
    }
    if (const auto *Call = PE ? dyn_cast<CallExpr>(PE) : nullptr) {
      const auto *Callee = Call->getDirectCallee();
      const ApiFunction *Fn = Callee ? Tu.api().function(Callee->getName()) : nullptr;
      if (Fn && Fn->CallbackArg && *Fn->CallbackArg < Call->getNumArgs() &&
          Call->getArg(*Fn->CallbackArg) == Child)
        return; // the init: ApiCallCollector links it
    }
    break;
  }
  CallbackSlot &S = noteSlot(Tu, FD, Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  S.Problems.push_back({Tu.pos(SM.getExpansionLoc(ME->getBeginLoc()), SM),
                        Tu.text(ME->getSourceRange(), Ctx),
                        "is read in a way that cannot be followed (called or copied)"});
}

void CallbackSlotCollector::onInitList(const InitListExpr *ILE, ASTContext &Ctx) {
  if (!ILE->isSemanticForm())
    ILE = ILE->getSemanticForm();
  if (!ILE || !SeenLists.insert(ILE).second || Tu.inImplementation(ILE->getBeginLoc(), Ctx))
    return;
  const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
  if (!RD || !RD->getDefinition())
    return;
  RD = RD->getDefinition();
  if (RD->isUnion()) {
    const FieldDecl *FD = ILE->getInitializedFieldInUnion();
    if (FD && ILE->getNumInits() == 1 && isSlot(FD, Tu, Ctx))
      onStore(FD, ILE->getInit(0), Ctx);
    return;
  }
  unsigned I = 0;
  for (const FieldDecl *FD : RD->fields()) {
    if (I >= ILE->getNumInits())
      break;
    const Expr *Init = ILE->getInit(I++);
    if (isSlot(FD, Tu, Ctx) && Init && !isa<ImplicitValueInitExpr>(Init))
      onStore(FD, Init, Ctx);
  }
}

void CallbackSlotCollector::onStore(const FieldDecl *FD, const Expr *Value, ASTContext &Ctx) {
  if (isNull(Value, Ctx))
    return; // no callback: an init through it would have none either
  CallbackArgument CB = callbackArgument(Value);
  std::string Callback = CB.Function ? noteCallback(Tu, CB.Function) : "";
  CallbackSlot &S = noteSlot(Tu, FD, Ctx);
  if (!Callback.empty()) {
    if (std::find(S.Callbacks.begin(), S.Callbacks.end(), Callback) == S.Callbacks.end())
      S.Callbacks.push_back(Callback);
    return;
  }
  const SourceManager &SM = Ctx.getSourceManager();
  S.Problems.push_back({Tu.pos(SM.getExpansionLoc(Value->getBeginLoc()), SM),
                        Tu.text(Value->getSourceRange(), Ctx),
                        "is assigned a value that is not a named function"});
}

void linkInitCallback(Use &U, const Expr *Arg, TuContext &Tu, ASTContext &Ctx) {
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

} // namespace detasklet
