// The base of the collectors: each looks for one kind of tasklet code with AST
// matchers (registerMatchers) and adds what it finds to the TU's facts (run).
#ifndef DETASKLET_MATCHERS_COLLECTOR_H
#define DETASKLET_MATCHERS_COLLECTOR_H

#include "matchers/ObjectResolver.h"
#include "matchers/SourceAttribution.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace detasklet {

class Collector : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  explicit Collector(TuContext &Tu) : Tu(Tu) {}
  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder) = 0;

protected:
  TuContext &Tu;

  Use makeUse(std::string Target, UseKind Kind, clang::SourceLocation Loc,
              clang::SourceRange TextRange, const clang::ASTContext &Ctx) {
    Use U;
    U.Target = std::move(Target);
    U.Kind = Kind;
    U.Site = Tu.site(Loc, Ctx);
    U.Text = Tu.text(TextRange, Ctx);
    return U;
  }
};

// Type predicates as matchers, so collectors match only tasklet code.
AST_MATCHER_P(clang::ValueDecl, hasTaskletStorageType, const TuContext *, Tu) {
  return Tu->isTaskletStorage(Node.getType());
}
AST_MATCHER_P(clang::ValueDecl, hasTaskletPointerType, const TuContext *, Tu) {
  return Tu->isTaskletPointer(Node.getType());
}
AST_MATCHER_P(clang::FunctionDecl, returnsTaskletPointer, const TuContext *, Tu) {
  return Tu->isTaskletPointer(Node.getReturnType());
}

} // namespace detasklet

#endif
