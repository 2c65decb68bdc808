#include "matchers/BodySkipping.h"

#include "clang/AST/Decl.h"

namespace detasklet {

bool BodySkippingConsumer::shouldSkipFunctionBody(clang::Decl *D) {
  clang::FileID File = SM.getFileID(SM.getExpansionLoc(D->getLocation()));
  if (File == SM.getMainFileID())
    return false;
  auto [It, New] = MentionsTasklets.try_emplace(File, true);
  if (New) {
    bool Invalid = false;
    llvm::StringRef Text = SM.getBufferData(File, &Invalid);
    It->second = Invalid || Text.contains("tasklet") || Text.contains("TASKLET");
  }
  return !It->second;
}

} // namespace detasklet
