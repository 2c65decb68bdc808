// Tasklet objects (fields and variables of the tasklet type or arrays of it),
// the DECLARE_TASKLET* definitions, and the declarations that can carry a
// tasklet pointer (parameters, pointer variables and fields, return values).
#ifndef DETASKLET_MATCHERS_OBJECTDECLCOLLECTOR_H
#define DETASKLET_MATCHERS_OBJECTDECLCOLLECTOR_H

#include "matchers/Collector.h"

namespace detasklet {

class ObjectDeclCollector : public Collector {
public:
  using Collector::Collector;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void onField(const clang::FieldDecl *FD, clang::ASTContext &Ctx);
  void onVariable(const clang::VarDecl *VD, clang::ASTContext &Ctx);
  void onDeclareMacro(const clang::VarDecl *VD, UseKind Kind, const std::string &Macro,
                      const std::string &Key, clang::ASTContext &Ctx);
  void onCallbackShaped(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);
  void onPointerCarrier(const clang::Decl *D, clang::ASTContext &Ctx);
};

} // namespace detasklet

#endif
