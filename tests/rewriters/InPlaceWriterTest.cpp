// --in-place must replace files atomically, keep their mode, and refuse to
// overwrite a file that changed after it was read.
#include "rewriters/InPlaceWriter.h"

#include "Shell.h"

#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <csignal>
#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace detasklet;
using namespace detasklet::test;

namespace {

std::vector<std::string> entries(const std::string &Dir) {
  std::vector<std::string> Names;
  if (DIR *D = ::opendir(Dir.c_str())) {
    while (dirent *E = ::readdir(D))
      if (std::string(E->d_name) != "." && std::string(E->d_name) != "..")
        Names.push_back(E->d_name);
    ::closedir(D);
  }
  std::sort(Names.begin(), Names.end());
  return Names;
}

mode_t modeOf(const std::string &Path) {
  struct stat St;
  return ::stat(Path.c_str(), &St) == 0 ? St.st_mode & 07777 : 0;
}

ino_t inodeOf(const std::string &Path) {
  struct stat St;
  return ::stat(Path.c_str(), &St) == 0 ? St.st_ino : 0;
}

} // namespace

TEST(InPlaceWriter, ReplacesTheFileAndLeavesNoTemporary) {
  ScratchDir Tree;
  writeFile(Tree / "drivers/dma/pl330.c", "old\n");
  const ino_t Before = inodeOf(Tree / "drivers/dma/pl330.c");
  ASSERT_FALSE(
      llvm::errorToBool(writeInPlace({"drivers/dma/pl330.c", "old\n", "new\n"}, Tree.path())));
  EXPECT_EQ(readFile(Tree / "drivers/dma/pl330.c"), "new\n");
  EXPECT_EQ(entries(Tree / "drivers/dma"), std::vector<std::string>{"pl330.c"});
  // A rename put a new inode in place: readers never see a partial file.
  EXPECT_NE(inodeOf(Tree / "drivers/dma/pl330.c"), Before);
}

TEST(InPlaceWriter, KeepsPermissionBits) {
  ScratchDir Tree;
  writeFile(Tree / "tool.sh", "echo a\n");
  ASSERT_EQ(::chmod((Tree / "tool.sh").c_str(), 0751), 0);
  ASSERT_FALSE(llvm::errorToBool(writeInPlace({"tool.sh", "echo a\n", "echo b\n"}, Tree.path())));
  EXPECT_EQ(modeOf(Tree / "tool.sh"), 0751u);
  writeFile(Tree / "ro.c", "x\n");
  ASSERT_EQ(::chmod((Tree / "ro.c").c_str(), 0444), 0);
  ASSERT_FALSE(llvm::errorToBool(writeInPlace({"ro.c", "x\n", "y\n"}, Tree.path())));
  EXPECT_EQ(modeOf(Tree / "ro.c"), 0444u);
  EXPECT_EQ(readFile(Tree / "ro.c"), "y\n");
}

TEST(InPlaceWriter, RefusesAFileChangedSinceItWasRead) {
  ScratchDir Tree;
  writeFile(Tree / "drivers/net/jme.c", "edited by a developer meanwhile\n");
  llvm::Error E = writeInPlace({"drivers/net/jme.c", "as read\n", "converted\n"}, Tree.path());
  ASSERT_TRUE(bool(E));
  const std::string Message = llvm::toString(std::move(E));
  EXPECT_NE(Message.find(Tree / "drivers/net/jme.c"), std::string::npos) << Message;
  EXPECT_NE(Message.find("changed on disk since it was read"), std::string::npos) << Message;
  EXPECT_NE(Message.find("Run the conversion again"), std::string::npos) << Message;
  EXPECT_EQ(readFile(Tree / "drivers/net/jme.c"), "edited by a developer meanwhile\n");
  EXPECT_EQ(entries(Tree / "drivers/net"), std::vector<std::string>{"jme.c"});
}

TEST(InPlaceWriter, MissingFileIsAnErrorNamingIt) {
  ScratchDir Tree;
  llvm::Error E = writeInPlace({"gone.c", "a\n", "b\n"}, Tree.path());
  ASSERT_TRUE(bool(E));
  const std::string Message = llvm::toString(std::move(E));
  EXPECT_NE(Message.find(Tree / "gone.c"), std::string::npos) << Message;
  EXPECT_TRUE(entries(Tree.path()).empty());
}

TEST(InPlaceWriter, UnwritableDirectoryLeavesTheFileAlone) {
  if (::geteuid() == 0)
    GTEST_SKIP() << "root may write into a read-only directory";
  ScratchDir Tree;
  writeFile(Tree / "sub/a.c", "a\n");
  ASSERT_EQ(::chmod((Tree / "sub").c_str(), 0555), 0);
  llvm::Error E = writeInPlace({"sub/a.c", "a\n", "b\n"}, Tree.path());
  ::chmod((Tree / "sub").c_str(), 0755);
  ASSERT_TRUE(bool(E));
  EXPECT_NE(llvm::toString(std::move(E)).find("left unchanged"), std::string::npos);
  EXPECT_EQ(readFile(Tree / "sub/a.c"), "a\n");
  EXPECT_EQ(entries(Tree / "sub"), std::vector<std::string>{"a.c"});
}

TEST(InPlaceWriter, FailedWriteLeavesTheOriginalAndNoTemporary) {
  // A file size limit makes the write of the new contents fail half-way,
  // even for root.
  ScratchDir Tree;
  writeFile(Tree / "a.c", "short\n");
  struct rlimit Old;
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &Old), 0);
  auto OldHandler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit Small = Old;
  Small.rlim_cur = 64;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &Small), 0);
  llvm::Error E = writeInPlace({"a.c", "short\n", std::string(4096, 'x')}, Tree.path());
  ::setrlimit(RLIMIT_FSIZE, &Old);
  std::signal(SIGXFSZ, OldHandler);
  ASSERT_TRUE(bool(E));
  const std::string Message = llvm::toString(std::move(E));
  EXPECT_NE(Message.find(Tree / "a.c"), std::string::npos) << Message;
  EXPECT_NE(Message.find("cannot write the new contents"), std::string::npos) << Message;
  EXPECT_EQ(readFile(Tree / "a.c"), "short\n");
  EXPECT_EQ(entries(Tree.path()), std::vector<std::string>{"a.c"});
}

TEST(InPlaceWriter, WritesThroughASymbolicLink) {
  ScratchDir Tree;
  writeFile(Tree / "real.c", "a\n");
  ASSERT_EQ(::symlink("real.c", (Tree / "link.c").c_str()), 0);
  ASSERT_FALSE(llvm::errorToBool(writeInPlace({"link.c", "a\n", "b\n"}, Tree.path())));
  EXPECT_TRUE(llvm::sys::fs::is_symlink_file(Tree / "link.c"));
  EXPECT_EQ(readFile(Tree / "real.c"), "b\n");
}

TEST(InPlaceWriter, UneditedFileIsNotTouched) {
  ScratchDir Tree;
  writeFile(Tree / "a.c", "a\n");
  const ino_t Before = inodeOf(Tree / "a.c");
  ASSERT_FALSE(llvm::errorToBool(writeInPlace({"a.c", "a\n", "a\n"}, Tree.path())));
  EXPECT_EQ(inodeOf(Tree / "a.c"), Before);
}
