#include "matchers/BodySkipping.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

namespace detasklet {

bool TaskletMentions::in(clang::FileID File) {
  auto [It, New] = Known.try_emplace(File, true);
  if (New) {
    bool Invalid = false;
    llvm::StringRef Text = SM.getBufferData(File, &Invalid);
    It->second = Invalid || Text.contains("tasklet") || Text.contains("TASKLET");
  }
  return It->second;
}

bool TaskletFreeBodySkipper::shouldSkipFunctionBody(clang::Decl *D) {
  clang::FileID File = SM.getFileID(SM.getExpansionLoc(D->getLocation()));
  if (File == SM.getMainFileID())
    return false;
  return !Mentions.in(File);
}

bool BodySkippingConsumer::HandleTopLevelDecl(clang::DeclGroupRef D) {
  for (clang::Decl *One : D)
    if (!One->isFromASTFile())
      Parsed.push_back(One);
  return Inner->HandleTopLevelDecl(D);
}

void BodySkippingConsumer::HandleTranslationUnit(clang::ASTContext &Ctx) {
  if (Ctx.getExternalSource()) {
    std::vector<clang::Decl *> Scope;
    TaskletMentions Mentions(SM);
    for (clang::Decl *D : Ctx.getTranslationUnitDecl()->decls())
      if (D->isFromASTFile() &&
          Mentions.in(SM.getFileID(SM.getExpansionLoc(D->getLocation()))))
        Scope.push_back(D);
    Scope.insert(Scope.end(), Parsed.begin(), Parsed.end());
    Ctx.setTraversalScope(Scope);
  }
  Inner->HandleTranslationUnit(Ctx);
}

} // namespace detasklet
