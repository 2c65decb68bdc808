#include "matchers/InitMacroCollector.h"

#include "matchers/CallbackSlots.h"

namespace detasklet {

using namespace clang;
using namespace clang::ast_matchers;

void InitMacroCollector::registerMatchers(MatchFinder &Finder) {
  std::vector<std::string> Fields = Tu.api().initMacroFields();
  if (Fields.empty())
    return;
  Finder.addMatcher(
      binaryOperator(hasOperatorName("="),
                     hasLHS(memberExpr(isArrow(),
                                       member(fieldDecl(hasAnyName(std::vector<StringRef>(
                                                            Fields.begin(), Fields.end())),
                                                        hasParent(recordDecl(
                                                            hasName(Tu.api().record()))))))
                                .bind("field")))
          .bind("assign"),
      this);
}

void InitMacroCollector::run(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  const auto *Assign = Result.Nodes.getNodeAs<BinaryOperator>("assign");
  const auto *Field = Result.Nodes.getNodeAs<MemberExpr>("field");
  if (!Assign->getOperatorLoc().isMacroID())
    return; // written out by hand: a field access, not an init macro
  const InitMacro *Macro = nullptr;
  for (const std::string &Name : Tu.macroBodies(Assign->getOperatorLoc(), Ctx))
    if (const InitMacro *M = Tu.api().initMacro(Name))
      if (M->CallbackField == Field->getMemberDecl()->getName()) {
        Macro = M;
        break;
      }
  if (!Macro)
    return;
  SourceLocation Invocation = Tu.macroInvocation(Assign->getOperatorLoc(), Macro->Name, Ctx);
  if (Tu.inImplementation(Invocation, Ctx))
    return;
  ObjectResolver R(Tu, Ctx);
  const Expr *Object = Field->getBase();
  Resolved Target = R.pointer(Object);
  Use U = makeUse(Target ? Target.Key : R.unresolvedKey(Invocation), Macro->Use,
                  Assign->getOperatorLoc(), Object->getSourceRange(), Ctx);
  U.Callee = Macro->Name;
  U.Index = Target.Index;
  U.Anchor = Tu.writtenToken(Invocation, Ctx);
  linkInitCallback(U, Assign->getRHS(), Tu, Ctx);
  Tu.Facts.Uses.push_back(std::move(U));
}

} // namespace detasklet
