// Names the tasklet an expression denotes: an object (its declaration) or an
// alias that carries a tasklet pointer (parameter, pointer variable or field,
// function result). Keys are the inventory's identities; see Inventory.h.
#ifndef DETASKLET_MATCHERS_OBJECTRESOLVER_H
#define DETASKLET_MATCHERS_OBJECTRESOLVER_H

#include "matchers/SourceAttribution.h"
#include "clang/AST/Expr.h"

namespace detasklet {

struct Resolved {
  std::string Key;    // empty when the expression cannot be followed
  std::string Index;  // array element: "" none, a number, or "runtime"
  explicit operator bool() const { return !Key.empty(); }
};

class ObjectResolver {
public:
  ObjectResolver(TuContext &Tu, clang::ASTContext &Ctx) : Tu(Tu), Ctx(Ctx) {}

  // E denotes tasklet storage (an lvalue of the tasklet type or an array of it).
  Resolved storage(const clang::Expr *E);
  // E is a pointer to a tasklet.
  Resolved pointer(const clang::Expr *E);
  // How a legacy init's data relates to the tasklet it initialises.
  // For a container, also the container expression as written and the member
  // path from it to the tasklet ("rx.tl").
  LegacyData legacyData(const clang::Expr *TaskletArg, const clang::Expr *Data,
                        std::string &Container, std::string &Path);
  // Where a store of a tasklet pointer into LHS goes.
  std::string pointerSlot(const clang::Expr *LHS);

  std::string fieldObjectKey(const clang::FieldDecl *FD);
  std::string variableObjectKey(const clang::VarDecl *VD);
  std::string recordKey(const clang::RecordDecl *RD);
  std::string recordName(const clang::RecordDecl *RD);
  ObjectKind variableKind(const clang::VarDecl *VD);

  // Key an unresolvable use by its position, so such uses stay apart.
  std::string unresolvedKey(clang::SourceLocation Loc);

private:
  TuContext &Tu;
  clang::ASTContext &Ctx;
  Resolved searchSubtree(const clang::Expr *E);
};

} // namespace detasklet

#endif
