// Every reference to a tasklet (an object, or a pointer that may carry one),
// classified by where its value goes: an API call, a driver function, a store,
// a return, a container_of()/from_tasklet(), the tasklet's internals, or a
// conversion to some other type.
#ifndef DETASKLET_MATCHERS_REFERENCECOLLECTOR_H
#define DETASKLET_MATCHERS_REFERENCECOLLECTOR_H

#include "matchers/Collector.h"
#include "matchers/TaskletApi.h"

namespace detasklet {

class ReferenceCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  struct Flow; // the value a reference becomes, and where it goes
  bool follow(Flow &F, clang::ASTContext &Ctx);
  void classify(const Flow &F, clang::ASTContext &Ctx);
  void onCall(const Flow &F, const clang::CallExpr *Call, clang::ASTContext &Ctx);
  bool onContainerOf(const Flow &F, clang::ASTContext &Ctx);
  void linkOpaque(const Flow &F, const clang::ParmVarDecl *P, clang::ASTContext &Ctx);
  void record(const Flow &F, UseKind Kind, std::string LinkedTo, clang::ASTContext &Ctx,
              std::string Callee = "");
};

} // namespace detasklet

#endif
