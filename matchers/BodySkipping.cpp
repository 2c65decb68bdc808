#include "matchers/BodySkipping.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExternalASTSource.h"
#include "clang/Basic/FileManager.h"
#include "llvm/ADT/STLExtras.h"


namespace detasklet {

bool TaskletMentions::in(clang::FileID File) {
  auto [It, New] = Known.try_emplace(File, true);
  if (New) {
    bool Invalid = false;
    llvm::StringRef Text = SM.getBufferData(File, &Invalid);
    It->second = Invalid || llvm::any_of(Words, [&](const std::string &W) { return Text.contains(W); });
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

std::vector<clang::FileID> PreambleTaskletFiles::find(const clang::SourceManager &SM) {
  std::lock_guard<std::mutex> Guard(Lock);
  std::vector<clang::FileID> Found;
  std::vector<clang::FileEntryRef> Entries;
  for (const std::string &Path : Paths)
    if (clang::OptionalFileEntryRef Entry = SM.getFileManager().getOptionalFileRef(Path))
      Entries.push_back(*Entry);
  if (Starts.size() == Paths.size() && Entries.size() == Paths.size()) {
    bool Same = true;
    for (size_t I = 0; I < Paths.size() && Same; ++I) {
      clang::FileID File = SM.getFileID(clang::SourceLocation::getFromRawEncoding(Starts[I]));
      clang::OptionalFileEntryRef There = SM.getFileEntryRefForID(File);
      Same = There && There->getUniqueID() == Entries[I].getUniqueID();
      Found.push_back(File);
    }
    if (Same)
      return Found;
    Found.clear();
  }
  // Kept for the next TUs only when every file was found here.
  std::vector<clang::SourceLocation::UIntTy> These(Paths.size(), 0);
  bool All = Entries.size() == Paths.size();
  for (size_t I = 0; I < Entries.size(); ++I) {
    clang::FileID File = SM.translateFile(Entries[I]);
    if (File.isInvalid()) {
      All = false;
      continue;
    }
    These[I] = SM.getLocForStartOfFile(File).getRawEncoding();
    Found.push_back(File);
  }
  if (All)
    Starts = std::move(These);
  return Found;
}

void BodySkippingConsumer::HandleTranslationUnit(clang::ASTContext &Ctx) {
  if (clang::ExternalASTSource *Preamble = Ctx.getExternalSource()) {
    std::vector<clang::Decl *> Scope;
    llvm::SmallVector<clang::Decl *, 64> InFile;
    for (clang::FileID File : PreambleFiles ? PreambleFiles->find(SM) : std::vector<clang::FileID>()) {
      InFile.clear();
      Preamble->FindFileRegionDecls(File, 0, SM.getFileIDSize(File), InFile);
      for (clang::Decl *D : InFile)
        if (D->getLexicalDeclContext()->isFileContext())
          Scope.push_back(D);
    }
    Scope.insert(Scope.end(), Parsed.begin(), Parsed.end());
    Ctx.setTraversalScope(Scope);
  }
  Inner->HandleTranslationUnit(Ctx);
}

} // namespace detasklet
