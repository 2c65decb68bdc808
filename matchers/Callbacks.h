// Records a function registered as a tasklet callback and returns its alias key.
#ifndef DETASKLET_MATCHERS_CALLBACKS_H
#define DETASKLET_MATCHERS_CALLBACKS_H

#include "matchers/SourceAttribution.h"
#include "clang/AST/Decl.h"

namespace detasklet {

// The callback argument of an init: a named function, possibly behind a cast.
struct CallbackArgument {
  const clang::FunctionDecl *Function = nullptr;
  bool Cast = false;
};
CallbackArgument callbackArgument(const clang::Expr *E);

std::string noteCallback(TuContext &Tu, const clang::FunctionDecl *FD);

// A callback's parameter as written in one declaration: the whole type for a
// legacy callback (unsigned long), the pointee for a new one.
TypeSite paramSite(TuContext &Tu, const clang::ParmVarDecl *P, bool Legacy,
                   clang::ASTContext &Ctx);

} // namespace detasklet

#endif
