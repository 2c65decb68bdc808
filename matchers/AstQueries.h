// Small questions several collectors ask of the AST.
#ifndef DETASKLET_MATCHERS_ASTQUERIES_H
#define DETASKLET_MATCHERS_ASTQUERIES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Expr.h"

namespace detasklet {

// The function whose body holds N; null at file scope.
const clang::FunctionDecl *enclosingFunction(clang::DynTypedNode N, clang::ASTContext &Ctx);
inline const clang::FunctionDecl *enclosingFunction(const clang::Stmt *S, clang::ASTContext &Ctx) {
  return enclosingFunction(clang::DynTypedNode::create(*S), Ctx);
}

// The first offsetof() inside S: container_of() and from_tasklet() expand to
// a statement expression that subtracts one.
const clang::OffsetOfExpr *firstOffsetOf(const clang::Stmt *S);

} // namespace detasklet

#endif
