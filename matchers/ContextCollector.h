// Where driver code runs, for conversions that move a callback to process
// context: functions the kernel runs in hardirq or softirq context (by their
// registration), the locks each function takes and how (plain, _bh,
// _irq/_irqsave), and tests of the context (in_interrupt() and the like).
#ifndef DETASKLET_MATCHERS_CONTEXTCOLLECTOR_H
#define DETASKLET_MATCHERS_CONTEXTCOLLECTOR_H

#include "matchers/Collector.h"

namespace detasklet {

class ContextCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void onRegistration(const clang::CallExpr *Call, const ContextRegistration &R,
                      clang::ASTContext &Ctx);
  void onLock(const clang::CallExpr *Call, llvm::StringRef Flavour, clang::ASTContext &Ctx);
  void onQuery(const clang::CallExpr *Call, llvm::StringRef Name, clang::ASTContext &Ctx);
  std::string lockKey(const clang::Expr *Lock, clang::ASTContext &Ctx);
};

} // namespace detasklet

#endif
