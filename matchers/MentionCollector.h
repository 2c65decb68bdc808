// Every place a tasklet field's name is written: its declaration, member
// accesses (also inside typeof/sizeof), offsetof() components (container_of,
// from_tasklet) and designated initialisers. Likewise for file-local
// callbacks: their declarations and references. A rename must edit all of
// them, and must not collide with a name of the callback's TU.
#ifndef DETASKLET_MATCHERS_MENTIONCOLLECTOR_H
#define DETASKLET_MATCHERS_MENTIONCOLLECTOR_H

#include "matchers/Collector.h"

#include <map>

namespace detasklet {

class MentionCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  clang::ASTContext *Ctx = nullptr;
  // References of file-local functions; those that turn out to be callbacks
  // are kept at the end of the TU.
  std::map<const clang::FunctionDecl *, std::vector<clang::SourceLocation>> FunctionRefs;

  void mention(const clang::FieldDecl *FD, clang::SourceLocation NameLoc, clang::ASTContext &Ctx);
  std::vector<std::string> renameNeighbours(llvm::StringRef Name);
};

} // namespace detasklet

#endif
