// Which function each use is in, and the functions a conversion may have to
// add code to: a module's init function and the __init functions that touch a
// tasklet. Runs after every other collector (at the end of the TU), when all
// uses are known.
#ifndef DETASKLET_MATCHERS_FUNCTIONCOLLECTOR_H
#define DETASKLET_MATCHERS_FUNCTIONCOLLECTOR_H

#include "matchers/Collector.h"

namespace detasklet {

class FunctionCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  clang::ASTContext *Ctx = nullptr;
  std::vector<const clang::FunctionDecl *> Definitions;
  std::string ModuleInit; // the function init_module() aliases (a modular build)

  FunctionInfo describe(const clang::FunctionDecl *FD);
  TextRange bodyStart(const clang::CompoundStmt *Body, std::string &Indent);
};

} // namespace detasklet

#endif
