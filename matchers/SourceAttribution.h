// Per-translation-unit context shared by the collectors: where a use is (the
// expansion site, its spelling, the driver macros it came through), what text
// it has, which types are tasklets, and which code is the API's own.
#ifndef DETASKLET_MATCHERS_SOURCEATTRIBUTION_H
#define DETASKLET_MATCHERS_SOURCEATTRIBUTION_H

#include "inventory/Inventory.h"
#include "matchers/TaskletApi.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/TypeLoc.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/ADT/DenseMap.h"

namespace detasklet {

class TuContext {
public:
  TuContext(const TaskletApi &Api, std::string Root) : Api(Api), Root(std::move(Root)) {}

  void setPreprocessor(clang::Preprocessor &P) { PP = &P; }
  const clang::Preprocessor *preprocessor() const { return PP; }
  void setWorkingDir(std::string Dir) { WorkingDir = std::move(Dir); }
  const TaskletApi &api() const { return Api; }

  // Type tests, through typedefs and (for storage) arrays.
  bool isTaskletRecord(clang::QualType T) const;
  bool isTaskletStorage(clang::QualType T) const; // a tasklet or an array of them
  bool isTaskletPointer(clang::QualType T) const;

  SourcePos pos(clang::SourceLocation Loc, const clang::SourceManager &SM);
  UseSite site(clang::SourceLocation Loc, const clang::ASTContext &Ctx);
  // Where the macro Name was invoked to produce the token at Loc, as written.
  clang::SourceLocation macroInvocation(clang::SourceLocation Loc, llvm::StringRef Name,
                                        const clang::ASTContext &Ctx);
  // The element type of a declaration (arrays stripped) or a pointer's pointee, as written.
  TextRange writtenElementType(clang::TypeLoc TL, const clang::ASTContext &Ctx);
  TextRange writtenPointee(clang::TypeLoc TL, const clang::ASTContext &Ctx);
  // Names of the macros whose bodies the token at Loc is written in, outermost first.
  std::vector<std::string> macroBodies(clang::SourceLocation Loc, const clang::ASTContext &Ctx);
  // The token at Loc is written in the body of an init or declare macro
  // (INIT_WORK's field assignments, DECLARE_WORK's list head pointing at
  // itself): the API initialising its object, not the driver touching internals.
  bool inInitMacro(clang::SourceLocation Loc, const clang::ASTContext &Ctx);
  std::string text(clang::SourceRange Range, const clang::ASTContext &Ctx) const;
  // The bytes a range was written as, when its two ends are spelled in one file
  // in order (else an invalid range): a rewrite's target.
  TextRange written(clang::SourceRange Range, const clang::ASTContext &Ctx);
  TextRange writtenToken(clang::SourceLocation Loc, const clang::ASTContext &Ctx) {
    return written(clang::SourceRange(Loc, Loc), Ctx);
  }
  std::string fileOf(clang::SourceLocation Loc, const clang::SourceManager &SM);

  // Code the tasklet API implements itself (its header, kernel/softirq.c):
  // nothing there is a driver's use.
  bool inImplementation(clang::SourceLocation Loc, const clang::ASTContext &Ctx);

  // Stable, machine-independent names for functions and variables: external
  // ones by name, file-local ones prefixed by their (root-relative) file.
  std::string functionKey(const clang::FunctionDecl *FD);
  std::string variableKey(const clang::VarDecl *VD);

  TuFacts Facts;

private:
  const TaskletApi &Api;
  std::string Root;
  std::string WorkingDir;
  clang::Preprocessor *PP = nullptr;
  llvm::DenseMap<clang::FileID, std::string> FileNames;
  llvm::DenseMap<clang::FileID, bool> ImplementationFiles;

  bool isApiMacro(llvm::StringRef Name, clang::SourceLocation DefLoc,
                  const clang::ASTContext &Ctx);
};

// EXPORT_SYMBOL(fn) redeclares fn as "extern typeof(fn) fn;": no parameter or
// return type is written there, so such a redeclaration has nothing to edit.
inline bool spellsSignature(const clang::FunctionDecl *FD) {
  return !FD->getFunctionTypeLoc().isNull();
}

} // namespace detasklet

#endif
