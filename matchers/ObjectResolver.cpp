#include "matchers/ObjectResolver.h"

#include "matchers/AstQueries.h"
#include "clang/AST/Attr.h"
#include "clang/AST/RecursiveASTVisitor.h"

#include <set>

namespace detasklet {

using namespace clang;

std::string ObjectResolver::recordName(const RecordDecl *RD) {
  std::string Kind = RD->isUnion() ? "union " : "struct ";
  if (!RD->getName().empty())
    return Kind + RD->getName().str();
  if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
    return TD->getName().str();
  // An anonymous structure is named by where it sits in its parent.
  unsigned Line = Tu.pos(RD->getLocation(), Ctx.getSourceManager()).Line;
  std::string Inner = Kind + "(anonymous at line " + std::to_string(Line) + ")";
  if (const auto *Parent = dyn_cast<RecordDecl>(RD->getDeclContext()))
    return recordName(Parent) + "::" + Inner;
  return Inner;
}

std::string ObjectResolver::recordKey(const RecordDecl *RD) {
  if (const RecordDecl *Def = RD->getDefinition())
    RD = Def;
  // Tags are not unique across the kernel: two drivers may each have a struct
  // foo_priv. The file of the definition tells them apart.
  return Tu.fileOf(RD->getLocation(), Ctx.getSourceManager()) + ":" + recordName(RD);
}

std::string ObjectResolver::fieldObjectKey(const FieldDecl *FD) {
  return "field:" + recordKey(FD->getParent()) + "::" + FD->getName().str();
}

ObjectKind ObjectResolver::variableKind(const VarDecl *VD) {
  if (VD->isLocalVarDecl() && !VD->isStaticLocal())
    return ObjectKind::Local;
  for (const VarDecl *R : VD->redecls())
    if (const auto *S = R->getAttr<SectionAttr>())
      if (S->getName().contains("percpu"))
        return ObjectKind::PerCpu;
  return VD->isExternallyVisible() ? ObjectKind::Global : ObjectKind::Static;
}

std::string ObjectResolver::variableObjectKey(const VarDecl *VD) {
  VD = VD->getCanonicalDecl();
  return (objectKindCode(variableKind(VD)) + ":" + Tu.variableKey(VD)).str();
}

std::string ObjectResolver::unresolvedKey(SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  return "unresolved:" + Tu.pos(SM.getExpansionLoc(Loc), SM).str();
}

namespace {
std::string indexOf(const ArraySubscriptExpr *ASE, const ASTContext &Ctx) {
  Expr::EvalResult R;
  if (!ASE->getIdx()->isValueDependent() && ASE->getIdx()->EvaluateAsInt(R, Ctx))
    return std::to_string(R.Val.getInt().getExtValue());
  return "runtime";
}

// Casts that keep a tasklet pointer a tasklet pointer (qualifiers, decay) are
// looked through; a cast from anything else ends the trail.
const Expr *stripTaskletCasts(const Expr *E, const TuContext &Tu) {
  while (true) {
    E = E->IgnoreParens();
    const auto *CE = dyn_cast<CastExpr>(E);
    if (!CE)
      return E;
    const Expr *Sub = CE->getSubExpr();
    // A void * parameter converted back is the tasklet it carries (whether it
    // carries only tasklets is checked where a tasklet is passed to it).
    const auto *Param = dyn_cast<DeclRefExpr>(Sub->IgnoreParenImpCasts());
    bool OpaqueParam = Sub->getType()->isVoidPointerType() && Param &&
                       isa<ParmVarDecl>(Param->getDecl());
    if (CE->getCastKind() == CK_ArrayToPointerDecay || Tu.isTaskletPointer(Sub->getType()) ||
        CE->getCastKind() == CK_LValueToRValue || CE->getCastKind() == CK_NoOp || OpaqueParam)
      E = Sub;
    else
      return E;
  }
}

// Finds the tasklet storage referenced anywhere below an expression the
// resolver cannot read directly (the per-CPU accessors' statement expressions).
class StorageReferenceFinder : public RecursiveASTVisitor<StorageReferenceFinder> {
public:
  StorageReferenceFinder(ObjectResolver &R, const TuContext &Tu) : R(R), Tu(Tu) {}
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (Tu.isTaskletStorage(VD->getType()))
        Keys.insert(R.variableObjectKey(VD));
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (Tu.isTaskletStorage(FD->getType()))
        Keys.insert(R.fieldObjectKey(FD));
    return true;
  }
  std::set<std::string> Keys;

private:
  ObjectResolver &R;
  const TuContext &Tu;
};
} // namespace

Resolved ObjectResolver::searchSubtree(const Expr *E) {
  StorageReferenceFinder Finder(*this, Tu);
  Finder.TraverseStmt(const_cast<Expr *>(E));
  if (Finder.Keys.size() == 1)
    return {*Finder.Keys.begin(), ""};
  return {};
}

Resolved ObjectResolver::storage(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (Tu.isTaskletStorage(FD->getType()))
        return {fieldObjectKey(FD), ""};
  } else if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (Tu.isTaskletStorage(VD->getType()))
        return {variableObjectKey(VD), ""};
  } else if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    Resolved Base = storage(ASE->getBase());
    if (Base)
      Base.Index = indexOf(ASE, Ctx);
    return Base;
  } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Deref)
      return pointer(UO->getSubExpr());
  }
  return searchSubtree(E);
}

Resolved ObjectResolver::pointer(const Expr *E) {
  E = stripTaskletCasts(E, Tu);
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_AddrOf)
      return storage(UO->getSubExpr());
    return {};
  }
  // An array used as a pointer is its first element.
  if (Tu.isTaskletStorage(E->getType())) {
    Resolved R = storage(E);
    if (R && E->getType()->isArrayType())
      R.Index = "0";
    return R;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    // tl + i: an element picked by arithmetic.
    if (BO->isAdditiveOp()) {
      const Expr *Base = BO->getLHS()->getType()->isPointerType() ? BO->getLHS() : BO->getRHS();
      Resolved R = pointer(Base);
      if (R)
        R.Index = "runtime";
      return R;
    }
    return {};
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      if (const auto *FD = dyn_cast_or_null<FunctionDecl>(PVD->getParentFunctionOrMethod()))
        return {"param:" + Tu.functionKey(FD) + "#" +
                    std::to_string(PVD->getFunctionScopeIndex()),
                ""};
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return {"ptr-var:" + Tu.variableKey(VD), ""};
    return {};
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      return {"ptr-field:" + recordKey(FD->getParent()) + "::" + FD->getName().str(), ""};
    return {};
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    if (const FunctionDecl *FD = CE->getDirectCallee())
      return {"return:" + Tu.functionKey(FD), ""};
    return {};
  }
  if (isa<StmtExpr>(E) || isa<ConditionalOperator>(E))
    return searchSubtree(E);
  return {};
}

namespace {
// Same lvalue or pointer, syntactically: the same variable, member chain,
// dereference or element.
bool sameReference(const Expr *A, const Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (A->getStmtClass() != B->getStmtClass())
    return false;
  if (const auto *DA = dyn_cast<DeclRefExpr>(A))
    return DA->getDecl() == cast<DeclRefExpr>(B)->getDecl();
  if (const auto *MA = dyn_cast<MemberExpr>(A)) {
    const auto *MB = cast<MemberExpr>(B);
    return MA->getMemberDecl() == MB->getMemberDecl() && MA->isArrow() == MB->isArrow() &&
           sameReference(MA->getBase(), MB->getBase());
  }
  if (const auto *UA = dyn_cast<UnaryOperator>(A))
    return UA->getOpcode() == cast<UnaryOperator>(B)->getOpcode() &&
           sameReference(UA->getSubExpr(), cast<UnaryOperator>(B)->getSubExpr());
  if (const auto *AA = dyn_cast<ArraySubscriptExpr>(A)) {
    const auto *AB = cast<ArraySubscriptExpr>(B);
    return sameReference(AA->getBase(), AB->getBase()) && sameReference(AA->getIdx(), AB->getIdx());
  }
  if (const auto *IA = dyn_cast<IntegerLiteral>(A))
    return IA->getValue() == cast<IntegerLiteral>(B)->getValue();
  return false;
}

// How a variable is set in its function: its values (initialiser and plain
// assignments); spoilt when stepped, compound-assigned or its address taken.
class AssignmentFinder : public RecursiveASTVisitor<AssignmentFinder> {
public:
  explicit AssignmentFinder(const VarDecl *VD) : VD(VD) {
    if (VD->getInit())
      Values.push_back(VD->getInit()->IgnoreParenImpCasts());
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp() && refersToVar(BO->getLHS())) {
      Values.push_back(BO->getRHS()->IgnoreParenImpCasts());
      Spoilt |= BO->getOpcode() != BO_Assign;
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if ((UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf) &&
        refersToVar(UO->getSubExpr()))
      Spoilt = true;
    return true;
  }
  std::vector<const Expr *> Values;
  bool Spoilt = false;

private:
  const VarDecl *VD;
  bool refersToVar(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE && DRE->getDecl() == VD;
  }
};

// Ref names a pointer that holds one value throughout its function: a
// parameter never assigned (Value stays null), or a local with exactly one
// initialiser or assignment (Value is it).
bool holdsOneValue(const Expr *Ref, const Expr *&Value) {
  Value = nullptr;
  const auto *DRE = dyn_cast<DeclRefExpr>(Ref->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !(isa<ParmVarDecl>(VD) || (VD->isLocalVarDecl() && !VD->isStaticLocal())))
    return false;
  const auto *FD = dyn_cast_or_null<FunctionDecl>(VD->getParentFunctionOrMethod());
  if (!FD || !FD->getBody())
    return false;
  AssignmentFinder Finder(VD);
  Finder.TraverseStmt(FD->getBody());
  if (Finder.Spoilt || Finder.Values.size() != (isa<ParmVarDecl>(VD) ? 0u : 1u))
    return false;
  if (!Finder.Values.empty())
    Value = Finder.Values.front();
  return true;
}

// "a.b" for the member chain of &X->a.b, with X; false for anything else.
bool memberChain(const Expr *E, std::string &Path, const Expr *&Root) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!ME)
    return false;
  Path = ME->getMemberDecl()->getName().str() + (Path.empty() ? "" : "." + Path);
  if (ME->isArrow()) {
    Root = ME->getBase()->IgnoreParenImpCasts();
    return true;
  }
  return memberChain(ME->getBase(), Path, Root);
}

// container_of(ptr, type, member) expands to a statement expression that
// starts with "void *__mptr = (void *)(ptr);" and subtracts offsetof(type, member).
bool containerOfParts(const Expr *E, const Expr *&Pointer, std::string &Member) {
  const auto *SE = dyn_cast<StmtExpr>(E->IgnoreParenCasts());
  if (!SE || SE->getSubStmt()->body_empty())
    return false;
  const auto *DS = dyn_cast<DeclStmt>(SE->getSubStmt()->body_front());
  const auto *Mptr = DS && DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
  if (!Mptr || !Mptr->getInit())
    return false;
  const OffsetOfExpr *OffsetOf = firstOffsetOf(SE);
  if (!OffsetOf)
    return false;
  Member.clear();
  for (unsigned I = 0; I < OffsetOf->getNumComponents(); ++I) {
    const OffsetOfNode &N = OffsetOf->getComponent(I);
    if (N.getKind() != OffsetOfNode::Field)
      return false; // an array element: the path is not a plain member chain
    Member += (Member.empty() ? "" : ".") + N.getField()->getName().str();
  }
  Pointer = Mptr->getInit()->IgnoreParenCasts();
  return true;
}

// Base points to a member of what Data points to: Base was set to &Data->Via,
// or Data to container_of(Base, type, Via); neither changes in the function.
bool memberAlias(const Expr *Base, const Expr *Data, std::string &Via) {
  const Expr *BaseValue, *DataValue;
  if (!holdsOneValue(Base, BaseValue) || !holdsOneValue(Data, DataValue))
    return false;
  const auto *Addr = dyn_cast_or_null<UnaryOperator>(BaseValue);
  const Expr *Root = nullptr;
  if (Addr && Addr->getOpcode() == UO_AddrOf && memberChain(Addr->getSubExpr(), Via, Root) &&
      sameReference(Root, Data))
    return true;
  const Expr *Pointer = nullptr;
  Via.clear();
  return DataValue && containerOfParts(DataValue, Pointer, Via) && sameReference(Pointer, Base);
}
} // namespace

// The data is the container when it is the pointer the tasklet was reached
// through (p for &p->tl, &p->sub.tl) or the address of an enclosing structure
// (&s for &s.tl, &p->sub for &p->sub.tl).
LegacyData ObjectResolver::legacyData(const Expr *TaskletArg, const Expr *Data,
                                      std::string &Container, std::string &Path) {
  const Expr *D = Data->IgnoreParenCasts();
  const Expr *T = stripTaskletCasts(TaskletArg, Tu);
  const auto *Addr = dyn_cast<UnaryOperator>(T);
  const Expr *Storage = Addr && Addr->getOpcode() == UO_AddrOf
                            ? Addr->getSubExpr()->IgnoreParenImpCasts()
                            : nullptr;
  if (const auto *ASE = dyn_cast_or_null<ArraySubscriptExpr>(Storage))
    Storage = ASE->getBase()->IgnoreParenImpCasts();
  const auto *DataAddr = dyn_cast<UnaryOperator>(D);
  const Expr *DataObject = DataAddr && DataAddr->getOpcode() == UO_AddrOf
                               ? DataAddr->getSubExpr()->IgnoreParenImpCasts()
                               : nullptr;
  std::string Members;
  for (const auto *ME = dyn_cast_or_null<MemberExpr>(Storage); ME;) {
    Members = ME->getMemberDecl()->getName().str() + (Members.empty() ? "" : "." + Members);
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (ME->isArrow() ? sameReference(D, Base) : DataObject && sameReference(DataObject, Base)) {
      Container = Tu.text(D->getSourceRange(), Ctx);
      Path = Members;
      return LegacyData::Container;
    }
    std::string Via;
    if (ME->isArrow() && memberAlias(Base, D, Via)) {
      Container = Tu.text(D->getSourceRange(), Ctx);
      Path = Via + "." + Members;
      return LegacyData::Container;
    }
    ME = dyn_cast<MemberExpr>(Base);
  }
  if (!D->isValueDependent() && D->isIntegerConstantExpr(Ctx))
    return LegacyData::Constant;
  return LegacyData::Foreign;
}

std::string ObjectResolver::pointerSlot(const Expr *LHS) {
  LHS = LHS->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS)) {
    if (const auto *PVD = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      if (const auto *FD = dyn_cast_or_null<FunctionDecl>(PVD->getParentFunctionOrMethod()))
        return "param:" + Tu.functionKey(FD) + "#" + std::to_string(PVD->getFunctionScopeIndex());
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return "ptr-var:" + Tu.variableKey(VD);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(LHS))
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      return "ptr-field:" + recordKey(FD->getParent()) + "::" + FD->getName().str();
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(LHS))
    return pointerSlot(ASE->getBase());
  return "";
}

} // namespace detasklet
