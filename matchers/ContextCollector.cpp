#include "matchers/ContextCollector.h"

#include "matchers/AstQueries.h"

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

void ContextCollector::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Names = Tu.api().contextFunctionNames();
  // 6.12's in_interrupt() and friends are macros over preempt_count().
  Names.push_back("preempt_count");
  std::vector<StringRef> Refs(Names.begin(), Names.end());
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(Refs)))).bind("call"), this);
}

void ContextCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Tu.inImplementation(Call->getBeginLoc(), Ctx))
    return;
  StringRef Name = Callee->getName();
  if (const ContextRegistration *R = Tu.api().contextRegistration(Name))
    return onRegistration(Call, *R, Ctx);
  if (StringRef Flavour = Tu.api().lockFlavour(Name); !Flavour.empty())
    return onLock(Call, Flavour, Ctx);
  if (Tu.api().isContextQuery(Name))
    return onQuery(Call, Name, Ctx);
  for (const std::string &Macro : Tu.macroBodies(Call->getBeginLoc(), Ctx))
    if (Tu.api().isContextQuery(Macro))
      return onQuery(Call, Macro, Ctx);
}

void ContextCollector::onRegistration(const CallExpr *Call, const ContextRegistration &R,
                                      ASTContext &Ctx) {
  if (R.FunctionArg >= Call->getNumArgs())
    return;
  const auto *Ref = dyn_cast<DeclRefExpr>(Call->getArg(R.FunctionArg)->IgnoreParenCasts());
  const auto *Fn = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  if (!Fn)
    return;
  Tu.Facts.Context.Entries.push_back(
      {Tu.functionKey(Fn), R.Context, R.Name, Tu.site(Call->getBeginLoc(), Ctx).Where});
}

// The lock a call takes, by its declaration: a field of a driver structure or
// a variable. A lock reached through a parameter of a locking helper (the
// spinlock.h inlines themselves) has no stable name and is not recorded.
std::string ContextCollector::lockKey(const Expr *Lock, ASTContext &Ctx) {
  Lock = Lock->IgnoreParenCasts();
  if (const auto *Check = dyn_cast<CallExpr>(Lock)) // spin_lock_irqsave: spinlock_check(lock)
    if (Check->getNumArgs() == 1)
      Lock = Check->getArg(0)->IgnoreParenCasts();
  if (const auto *Addr = dyn_cast<UnaryOperator>(Lock); Addr && Addr->getOpcode() == UO_AddrOf)
    Lock = Addr->getSubExpr()->IgnoreParenCasts();
  ObjectResolver R(Tu, Ctx);
  if (const auto *ME = dyn_cast<MemberExpr>(Lock))
    if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      return R.recordKey(Field->getParent()) + "::" + Field->getName().str();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Lock))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()); VD && !isa<ParmVarDecl>(VD))
      return Tu.variableKey(VD);
  return "";
}

void ContextCollector::onLock(const CallExpr *Call, StringRef Flavour, ASTContext &Ctx) {
  const FunctionDecl *Fn = enclosingFunction(Call, Ctx);
  // spin_lock() itself calls _raw_spin_lock(): not a driver's acquisition.
  if (!Fn || Call->getNumArgs() == 0 || !Tu.api().lockFlavour(Fn->getName()).empty())
    return;
  std::string Key = lockKey(Call->getArg(0), Ctx);
  if (Key.empty())
    return;
  Tu.Facts.Context.Locks.push_back({Tu.functionKey(Fn), Key, Flavour.str(),
                                    Tu.text(Call->getSourceRange(), Ctx),
                                    Tu.site(Call->getBeginLoc(), Ctx).Where});
}

void ContextCollector::onQuery(const CallExpr *Call, StringRef Name, ASTContext &Ctx) {
  if (const FunctionDecl *Fn = enclosingFunction(Call, Ctx))
    Tu.Facts.Context.Queries.push_back(
        {Tu.functionKey(Fn), Name.str(), Tu.site(Call->getBeginLoc(), Ctx).Where});
}

} // namespace detasklet
