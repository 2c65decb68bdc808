#include "lint/GitDiff.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Program.h"

#include <optional>

namespace detasklet::lint {

namespace {

// Runs git with Args, returns its standard output; an error carries its
// standard error.
llvm::Expected<std::string> runGit(llvm::ArrayRef<std::string> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError(Git.getError(), "--diff-base needs git, which is not on PATH");
  llvm::SmallString<128> OutPath, ErrPath;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("detasklet-git", "out", OutPath))
    return llvm::createStringError(EC, "cannot create a temporary file: " + EC.message());
  llvm::FileRemover RemoveOut(OutPath);
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("detasklet-git", "err", ErrPath))
    return llvm::createStringError(EC, "cannot create a temporary file: " + EC.message());
  llvm::FileRemover RemoveErr(ErrPath);

  std::vector<llvm::StringRef> Argv{*Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(OutPath),
                                                llvm::StringRef(ErrPath)};
  std::string ExecError;
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0, &ExecError);
  auto Read = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  std::string Command = "git";
  for (const std::string &A : Args)
    Command += " " + A;
  if (Status != 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Command + " failed" +
                                       (ExecError.empty() ? "" : ": " + ExecError) + "\n" +
                                       llvm::StringRef(Read(ErrPath)).rtrim().str());
  return Read(OutPath);
}

} // namespace

llvm::Expected<GitDiffOutput> gitDiffAgainst(llvm::StringRef Revision, llvm::StringRef Directory) {
  GitDiffOutput Out;
  auto Top = runGit({"-C", Directory.str(), "rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  Out.TopLevel = llvm::StringRef(*Top).rtrim("\r\n").str();
  // Check the revision first: "git diff <typo>" would take it for a path.
  auto Commit = runGit({"-C", Out.TopLevel, "rev-parse", "--verify", "--quiet",
                        Revision.str() + "^{commit}"});
  if (!Commit)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--diff-base: '" + Revision + "' is not a commit in " +
                                       Out.TopLevel);
  auto Diff = runGit({"-C", Out.TopLevel, "-c", "core.quotePath=true", "diff", "--no-color",
                      "--no-ext-diff", "--no-textconv", "--no-relative", "--src-prefix=a/",
                      "--dst-prefix=b/", "-M", "-U0", llvm::StringRef(*Commit).rtrim().str(),
                      "--"});
  if (!Diff)
    return Diff.takeError();
  Out.Diff = std::move(*Diff);
  return Out;
}

} // namespace detasklet::lint
