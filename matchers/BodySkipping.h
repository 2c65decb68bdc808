// Parsing shortcut: the bodies of functions in headers that never mention the
// tasklet API are not parsed. Most of a kernel TU is inline functions of
// include/linux/, none of which holds a driver's tasklet use; skipping them
// saves a large part of the semantic analysis. A use behind such a body
// (a driver macro from another header expanded in it, a legacy callback
// defined there) would be missed: --exact parses everything, and
// bench/convert-eval.sh --check-exact compares both on a whole tree.
//
// The same rule decides what a shared precompiled preamble (tool/
// SharedPreamble.h) holds and what of it the matchers visit, so that a TU
// parsed on top of one yields the facts of the shortcut parse.
#ifndef DETASKLET_MATCHERS_BODYSKIPPING_H
#define DETASKLET_MATCHERS_BODYSKIPPING_H

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/DeclGroup.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace detasklet {

// Whether a file's text mentions the API (one of its words: TaskletApi's
// mentionWords()), asked once per file.
class TaskletMentions {
public:
  explicit TaskletMentions(const clang::SourceManager &SM,
                           std::vector<std::string> Words = {"tasklet", "TASKLET"})
      : SM(SM), Words(std::move(Words)) {}
  bool in(clang::FileID File);

private:
  const clang::SourceManager &SM;
  std::vector<std::string> Words;
  llvm::DenseMap<clang::FileID, bool> Known;
};

// Says which bodies the parser may skip: those of functions outside the main
// file, in a file that never mentions tasklets. The compiler's
// FrontendOptions::SkipFunctionBodies must be on.
class TaskletFreeBodySkipper : public clang::ASTConsumer {
public:
  explicit TaskletFreeBodySkipper(const clang::SourceManager &SM,
                                  std::vector<std::string> Words = {"tasklet", "TASKLET"})
      : SM(SM), Mentions(SM, std::move(Words)) {}
  bool shouldSkipFunctionBody(clang::Decl *D) override;

private:
  const clang::SourceManager &SM;
  TaskletMentions Mentions;
};

// The files of a precompiled preamble whose declarations the matchers need
// (listed when it was built: those that mention tasklets, or declare a
// tasklet under another name or an initialised variable), and where each starts in the TUs parsed on it: a TU loads the
// preamble first, so its files sit at the same source locations in every
// one of them. Found once by a search over the TU's files, then checked,
// not searched, per TU. Thread-safe.
class PreambleTaskletFiles {
public:
  explicit PreambleTaskletFiles(std::vector<std::string> Paths) : Paths(std::move(Paths)) {}
  std::vector<clang::FileID> find(const clang::SourceManager &SM);

private:
  std::vector<std::string> Paths;
  std::mutex Lock;
  // Raw start locations, by path. Empty until one TU found them all.
  std::vector<clang::SourceLocation::UIntTy> Starts;
};

// Wraps the consumer that does the work; skips the bodies described above.
// On a TU parsed over a precompiled preamble, the matchers visit what was
// parsed here plus the preamble's declarations from the files that mention
// tasklets: the rest of the preamble holds nothing they look for, and
// visiting it would deserialize all of it.
class BodySkippingConsumer : public clang::ASTConsumer {
public:
  BodySkippingConsumer(std::unique_ptr<clang::ASTConsumer> Inner, clang::SourceManager &SM,
                       std::vector<std::string> Words, PreambleTaskletFiles *PreambleFiles = nullptr)
      : Inner(std::move(Inner)), SM(SM), Skipper(SM, std::move(Words)),
        PreambleFiles(PreambleFiles) {}
  void Initialize(clang::ASTContext &Ctx) override { Inner->Initialize(Ctx); }
  bool HandleTopLevelDecl(clang::DeclGroupRef D) override;
  // Declarations the preamble hands over for code generation: not parsed here.
  void HandleInterestingDecl(clang::DeclGroupRef) override {}
  void HandleTranslationUnit(clang::ASTContext &Ctx) override;
  bool shouldSkipFunctionBody(clang::Decl *D) override {
    return Skipper.shouldSkipFunctionBody(D);
  }

private:
  std::unique_ptr<clang::ASTConsumer> Inner;
  clang::SourceManager &SM;
  TaskletFreeBodySkipper Skipper;
  PreambleTaskletFiles *PreambleFiles;
  std::vector<clang::Decl *> Parsed;
};

} // namespace detasklet

#endif
