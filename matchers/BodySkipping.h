// Parsing shortcut: the bodies of functions in headers that never mention the
// tasklet API are not parsed. Most of a kernel TU is inline functions of
// include/linux/, none of which holds a driver's tasklet use; skipping them
// saves a large part of the semantic analysis. A use behind such a body
// (a driver macro from another header expanded in it, a legacy callback
// defined there) would be missed: --exact parses everything, and
// bench/convert-eval.sh --check-exact compares both on a whole tree.
#ifndef DETASKLET_MATCHERS_BODYSKIPPING_H
#define DETASKLET_MATCHERS_BODYSKIPPING_H

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/DeclGroup.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>

namespace detasklet {

// Wraps the consumer that does the work; asks the parser to skip the bodies
// described above. The compiler's FrontendOptions::SkipFunctionBodies must be on.
class BodySkippingConsumer : public clang::ASTConsumer {
public:
  BodySkippingConsumer(std::unique_ptr<clang::ASTConsumer> Inner, clang::SourceManager &SM)
      : Inner(std::move(Inner)), SM(SM) {}
  void Initialize(clang::ASTContext &Ctx) override { Inner->Initialize(Ctx); }
  bool HandleTopLevelDecl(clang::DeclGroupRef D) override { return Inner->HandleTopLevelDecl(D); }
  void HandleTranslationUnit(clang::ASTContext &Ctx) override { Inner->HandleTranslationUnit(Ctx); }
  bool shouldSkipFunctionBody(clang::Decl *D) override;

private:
  std::unique_ptr<clang::ASTConsumer> Inner;
  clang::SourceManager &SM;
  llvm::DenseMap<clang::FileID, bool> MentionsTasklets;
};

} // namespace detasklet

#endif
