// Ops-table callbacks: an init whose callback is a function-pointer field
// (tasklet_setup(&p->tl, p->ops->poll)) registers every function ever stored
// into that field. Such a field is a callback slot; this records the slot,
// every value stored into it (designated or positional initialisers,
// assignments) and every read of it that cannot be followed.
#ifndef DETASKLET_MATCHERS_CALLBACKSLOTS_H
#define DETASKLET_MATCHERS_CALLBACKSLOTS_H

#include "matchers/Collector.h"
#include "llvm/ADT/DenseSet.h"

namespace detasklet {

// The field E reads when it is a callback slot: a pointer to a function taking
// a tasklet pointer or unsigned long and returning void. Null otherwise.
const clang::FieldDecl *callbackSlotField(const clang::Expr *E, const TuContext &Tu,
                                          const clang::ASTContext &Ctx);

// Records the slot (once per TU) and returns it; its key is what an init's
// Use::LinkedTo names.
CallbackSlot &noteSlot(TuContext &Tu, const clang::FieldDecl *FD, clang::ASTContext &Ctx);

// Links an init's use to its callback argument Arg: a named function (noted
// as a callback), or an ops-table slot (noted with where the init names it).
void linkInitCallback(Use &U, const clang::Expr *Arg, TuContext &Tu, clang::ASTContext &Ctx);

class CallbackSlotCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  llvm::DenseSet<const clang::InitListExpr *> SeenLists; // both forms of a list are matched
  void onReference(const clang::MemberExpr *ME, clang::ASTContext &Ctx);
  void onInitList(const clang::InitListExpr *ILE, clang::ASTContext &Ctx);
  void onStore(const clang::FieldDecl *FD, const clang::Expr *Value, clang::ASTContext &Ctx);
};

} // namespace detasklet

#endif
