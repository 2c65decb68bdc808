// Every place a tasklet field's name is written: its declaration, member
// accesses (also inside typeof/sizeof), offsetof() components (container_of,
// from_tasklet) and designated initialisers. A rename must edit all of them.
#ifndef DETASKLET_MATCHERS_MENTIONCOLLECTOR_H
#define DETASKLET_MATCHERS_MENTIONCOLLECTOR_H

#include "matchers/Collector.h"

namespace detasklet {

class MentionCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void mention(const clang::FieldDecl *FD, clang::SourceLocation NameLoc, clang::ASTContext &Ctx);
};

} // namespace detasklet

#endif
