// A series must be what `git format-patch` writes for the same change (git
// itself is the oracle), apply with `git am`, and pass checkpatch's checks of
// the mail format.
#include "rewriters/PatchSeries.h"

#include "Shell.h"

#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <regex>

using namespace detasklet;
using namespace detasklet::test;

namespace {

const char *const Author = "Jane Developer <jane@example.org>";
const char *const AuthorDate = "Tue, 5 Mar 2024 10:11:12 +0100"; // what Shell.h's git() uses

SeriesOptions options() {
  SeriesOptions O;
  O.From = Author;
  O.SignedOffBy = Author;
  O.Date = AuthorDate;
  return O;
}

const char *const DriverC = R"(// SPDX-License-Identifier: GPL-2.0
#include <linux/interrupt.h>
#include <linux/module.h>

#include "foo.h"

static void foo_tasklet(struct tasklet_struct *t)
{
	struct foo_priv *priv = from_tasklet(priv, t, tasklet);

	priv->count++;
}

static irqreturn_t foo_irq(int irq, void *data)
{
	struct foo_priv *priv = data;

	tasklet_schedule(&priv->tasklet);
	return IRQ_HANDLED;
}

int foo_init(struct foo_priv *priv)
{
	tasklet_setup(&priv->tasklet, foo_tasklet);
	return request_irq(priv->irq, foo_irq, 0, "foo", priv);
}

void foo_exit(struct foo_priv *priv)
{
	free_irq(priv->irq, priv);
	tasklet_kill(&priv->tasklet);
}
)";

const char *const DriverCConverted = R"(// SPDX-License-Identifier: GPL-2.0
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/workqueue.h>

#include "foo.h"

static void foo_bh_work(struct work_struct *work)
{
	struct foo_priv *priv = from_work(priv, work, bh_work);

	priv->count++;
}

static irqreturn_t foo_irq(int irq, void *data)
{
	struct foo_priv *priv = data;

	queue_work(system_bh_wq, &priv->bh_work);
	return IRQ_HANDLED;
}

int foo_init(struct foo_priv *priv)
{
	INIT_WORK(&priv->bh_work, foo_bh_work);
	return request_irq(priv->irq, foo_irq, 0, "foo", priv);
}

void foo_exit(struct foo_priv *priv)
{
	free_irq(priv->irq, priv);
	cancel_work_sync(&priv->bh_work);
}
)";

const char *const DriverH =
    "/* SPDX-License-Identifier: GPL-2.0 */\n"
    "#ifndef FOO_H\n#define FOO_H\n\n"
    "struct foo_priv {\n\tstruct tasklet_struct tasklet;\n\tint irq;\n\tint count;\n};\n\n"
    "#endif\n";

std::string converted(std::string Header) {
  Header.replace(Header.find("struct tasklet_struct tasklet;"), 30, "struct work_struct bh_work;");
  return Header;
}

PatchSpec fooPatch() {
  return {"dmaengine: foo: Convert from tasklet to BH workqueue",
          "The only generic interface to execute asynchronously in the BH context\n"
          "is tasklet; however, it's marked deprecated and has some design flaws.\n"
          "Replace the tasklet with a BH work item queued on system_bh_wq.\n",
          {{"drivers/dma/foo/foo.c", DriverC, DriverCConverted},
           {"drivers/dma/foo/foo.h", DriverH, converted(DriverH)}}};
}

PatchSpec barPatch() {
  return {"wifi: bar: Convert from tasklet to BH workqueue",
          "Same conversion for bar.\n",
          {{"drivers/net/wireless/bar.c",
            "static int x;\n\nvoid bar(void)\n{\n\ttasklet_kill(&t);\n}\n",
            "static int x;\n\nvoid bar(void)\n{\n\tcancel_work_sync(&w);\n}\n"}}};
}

// A repository holding the original files of the patches.
void makeRepo(const ScratchDir &Repo, const std::vector<PatchSpec> &Patches) {
  for (const PatchSpec &P : Patches)
    for (const EditedFile &F : P.Files)
      writeFile(Repo / F.Path, F.Original);
  std::string Out;
  ASSERT_EQ(
      run(git("init -q . && ") + git("add -A && ") + git("commit -qm base"), Repo.path(), &Out), 0)
      << Out;
}

// Commits each patch the way a developer would, with the same message.
void commitPatches(const ScratchDir &Repo, const std::vector<PatchSpec> &Patches) {
  for (const PatchSpec &P : Patches) {
    for (const EditedFile &F : P.Files)
      writeFile(Repo / F.Path, F.Modified);
    writeFile(Repo / "../msg.txt",
              P.Subject + "\n\n" + P.Body + "\nSigned-off-by: " + Author + "\n");
    std::string Out;
    ASSERT_EQ(run(git("add -A && ") + git("commit -q -F ../msg.txt"), Repo.path(), &Out), 0) << Out;
  }
}

// git writes the file mode into index lines; the series does not know it.
std::string withoutModes(const std::string &Patch) {
  return std::regex_replace(Patch, std::regex("(\nindex [0-9a-f]+\\.\\.[0-9a-f]+) 100644\n"),
                            "$1\n");
}

} // namespace

TEST(PatchSeries, FileNamesAreGits) {
  EXPECT_EQ(patchFileName(1, "wifi: ath9k: Convert from tasklet to BH workqueue"),
            "0001-wifi-ath9k-Convert-from-tasklet-to-BH-workqueue.patch");
  EXPECT_EQ(patchFileName(12, "net/mlx5: Use from_work()..."), "0012-net-mlx5-Use-from_work.patch");
  EXPECT_EQ(patchFileName(3, "a...b  --  c."), "0003-a.b-c.patch");
  // 57 characters before ".patch", cut wherever that falls (names as git
  // 2.39 format-patch writes them for these subjects).
  EXPECT_EQ(
      patchFileName(2, "crypto: atmel-aes - Convert from tasklet to BH workqueue in the driver"),
      "0002-crypto-atmel-aes-Convert-from-tasklet-to-BH-workqueu.patch");
  EXPECT_EQ(patchFileName(2, "dmaengine: qcom: bam_dma: Convert from tasklet to BH workqueue"),
            "0002-dmaengine-qcom-bam_dma-Convert-from-tasklet-to-BH-wo.patch");
}

TEST(PatchSeries, SubjectsAreNumbered) {
  const PatchSpec P = barPatch();
  EXPECT_NE(formatPatch(P, 1, 1, options()).find("\nSubject: [PATCH] wifi: bar: Convert"),
            std::string::npos);
  EXPECT_NE(formatPatch(P, 2, 3, options()).find("\nSubject: [PATCH 2/3] wifi: bar:"),
            std::string::npos);
  EXPECT_NE(formatPatch(P, 7, 12, options()).find("\nSubject: [PATCH 07/12] wifi: bar:"),
            std::string::npos);
}

TEST(PatchSeries, MessageLayout) {
  const std::string Text = formatPatch(barPatch(), 1, 1, options());
  EXPECT_EQ(Text.substr(0, Text.find("\n---\n") + 5),
            "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
            "From: Jane Developer <jane@example.org>\n"
            "Date: Tue, 5 Mar 2024 10:11:12 +0100\n"
            "Subject: [PATCH] wifi: bar: Convert from tasklet to BH workqueue\n"
            "\n"
            "Same conversion for bar.\n"
            "\n"
            "Signed-off-by: Jane Developer <jane@example.org>\n"
            "---\n");
  EXPECT_NE(Text.find("---\n drivers/net/wireless/bar.c | 2 +-\n 1 file changed, 1 insertion(+), 1 "
                      "deletion(-)\n\n"
                      "diff --git a/drivers/net/wireless/bar.c b/drivers/net/wireless/bar.c\n"),
            std::string::npos)
      << Text;
  const std::string End = "\n-- \n2.39.5\n\n";
  EXPECT_EQ(Text.substr(Text.size() - End.size()), End);
}

TEST(PatchSeries, SignOffJoinsATrailerBlockAndIsNotRepeated) {
  PatchSpec P = barPatch();
  P.Body = "Text.\n\nSuggested-by: Someone <s@example.org>\n";
  std::string Text = formatPatch(P, 1, 1, options());
  EXPECT_NE(
      Text.find("Text.\n\nSuggested-by: Someone <s@example.org>\nSigned-off-by: Jane Developer "
                "<jane@example.org>\n---\n"),
      std::string::npos)
      << Text;
  P.Body = "Text.\n\nSigned-off-by: Jane Developer <jane@example.org>\n";
  Text = formatPatch(P, 1, 1, options());
  EXPECT_EQ(Text.find("Signed-off-by"), Text.rfind("Signed-off-by")) << Text;
  SeriesOptions NoSignOff = options();
  NoSignOff.SignedOffBy.clear();
  P.Body.clear();
  Text = formatPatch(P, 1, 1, NoSignOff);
  EXPECT_NE(Text.find("workqueue\n\n---\n"), std::string::npos) << Text;
}

TEST(PatchSeries, HeadersNeedingQuotingOrEncoding) {
  PatchSpec P = barPatch();
  SeriesOptions O = options();
  O.From = "John Q. Public <jq@example.org>";
  EXPECT_NE(formatPatch(P, 1, 1, O).find("\nFrom: \"John Q. Public\" <jq@example.org>\n"),
            std::string::npos);
  O.From = "J\xc3\xb6rg D\xc5\x93 <jd@example.org>";
  const std::string Text = formatPatch(P, 1, 1, O);
  EXPECT_NE(Text.find("\nFrom: =?UTF-8?q?J=C3=B6rg=20D=C5=93?= <jd@example.org>\n"),
            std::string::npos)
      << Text;
  EXPECT_EQ(Text.find("MIME-Version"), std::string::npos); // the author alone does not need it
}

TEST(PatchSeries, SameTextAsGitFormatPatch) {
  if (!haveCommand("git"))
    GTEST_SKIP() << "git is not installed";
  PatchSpec Long = barPatch();
  Long.Subject =
      "wifi: bar: Convert from tasklet to BH workqueue and say so in a subject that wraps";
  Long.Body = "A body with a non-ASCII name: J\xc3\xb6rg.\n";
  for (const PatchSpec &P : {fooPatch(), Long}) {
    ScratchDir Repo;
    makeRepo(Repo, {P});
    commitPatches(Repo, {P});
    std::string Git;
    ASSERT_EQ(
        run(git("-c core.abbrev=12 format-patch --zero-commit --stdout -1"), Repo.path(), &Git), 0)
        << Git;
    EXPECT_EQ(formatPatch(P, 1, 1, options()), withoutModes(Git));
  }
}

TEST(PatchSeries, SeriesFilesAreThoseGitWrites) {
  if (!haveCommand("git"))
    GTEST_SKIP() << "git is not installed";
  const std::vector<PatchSpec> Patches = {fooPatch(), barPatch()};
  ScratchDir Repo, Ours;
  makeRepo(Repo, Patches);
  commitPatches(Repo, Patches);
  std::string Out;
  ASSERT_EQ(run(git("-c core.abbrev=12 format-patch --zero-commit -q -o ../git-out -2"),
                Repo.path(), &Out),
            0)
      << Out;
  auto Written = writePatchSeries(Ours.path(), Patches, options());
  ASSERT_TRUE(bool(Written)) << llvm::toString(Written.takeError());
  ASSERT_EQ(Written->size(), 2u);
  EXPECT_EQ((*Written)[0], Ours / "0001-dmaengine-foo-Convert-from-tasklet-to-BH-workqueue.patch");
  EXPECT_EQ((*Written)[1], Ours / "0002-wifi-bar-Convert-from-tasklet-to-BH-workqueue.patch");
  for (const std::string &Path : *Written) {
    const std::string Name = Path.substr(Path.rfind('/') + 1);
    EXPECT_EQ(readFile(Path), withoutModes(readFile(Repo / ("../git-out/" + Name)))) << Name;
  }
  EXPECT_NE(readFile((*Written)[0]).find("\nSubject: [PATCH 1/2] dmaengine: foo:"),
            std::string::npos);
  EXPECT_NE(readFile((*Written)[1]).find("\nSubject: [PATCH 2/2] wifi: bar:"), std::string::npos);
  llvm::sys::fs::remove_directories(Repo / "../git-out");
}

TEST(PatchSeries, AppliesWithGitAm) {
  if (!haveCommand("git"))
    GTEST_SKIP() << "git is not installed";
  PatchSpec NoNewline = barPatch();
  NoNewline.Subject = "misc: baz: Edge cases";
  NoNewline.Files = {{"drivers/misc/baz.c", "int a;\nint b;", "int a;\nint c;\n"},
                     {"drivers/misc/dir with space/q.c", "x\n", "y\n"}};
  const std::vector<PatchSpec> Patches = {fooPatch(), barPatch(), NoNewline};
  ScratchDir Repo, Out;
  makeRepo(Repo, Patches);
  auto Written = writePatchSeries(Out / "series", Patches, options());
  ASSERT_TRUE(bool(Written)) << llvm::toString(Written.takeError());
  std::string Cmd = git("am -q");
  for (const std::string &P : *Written)
    Cmd += " " + shellQuote(P);
  std::string Log;
  ASSERT_EQ(run(Cmd, Repo.path(), &Log), 0) << Log;
  for (const PatchSpec &P : Patches)
    for (const EditedFile &F : P.Files)
      EXPECT_EQ(readFile(Repo / F.Path), F.Modified) << F.Path;
  Log.clear();
  ASSERT_EQ(run(git("log --format='%an <%ae>|%s' -3"), Repo.path(), &Log), 0);
  EXPECT_EQ(
      Log,
      "Jane Developer <jane@example.org>|misc: baz: Edge cases\n"
      "Jane Developer <jane@example.org>|wifi: bar: Convert from tasklet to BH workqueue\n"
      "Jane Developer <jane@example.org>|dmaengine: foo: Convert from tasklet to BH workqueue\n");
  Log.clear();
  ASSERT_EQ(run(git("log --format=%B -1 HEAD~1"), Repo.path(), &Log), 0);
  EXPECT_EQ(Log, "wifi: bar: Convert from tasklet to BH workqueue\n\nSame conversion for bar.\n\n"
                 "Signed-off-by: Jane Developer <jane@example.org>\n\n");
}

TEST(PatchSeries, CheckpatchFindsNothingWrongWithTheFormat) {
  const std::string Tree = std::getenv("DETASKLET_KERNEL_TREE")
                               ? std::getenv("DETASKLET_KERNEL_TREE")
                               : DETASKLET_KERNEL_TREE;
  const std::string Checkpatch = Tree + "/scripts/checkpatch.pl";
  if (!llvm::sys::fs::exists(Checkpatch) || !haveCommand("perl"))
    GTEST_SKIP() << "no kernel tree with scripts/checkpatch.pl at " << Tree
                 << " (set DETASKLET_KERNEL_TREE) or no perl";
  ScratchDir Out;
  auto Written = writePatchSeries(Out.path(), {fooPatch(), barPatch()}, options());
  ASSERT_TRUE(bool(Written)) << llvm::toString(Written.takeError());
  for (const std::string &Patch : *Written) {
    std::string Report;
    const int Status = run("perl " + shellQuote(Checkpatch) + " --strict --no-tree --no-color " +
                               shellQuote(Patch),
                           Tree, &Report);
    EXPECT_EQ(Status, 0) << Report;
    EXPECT_NE(Report.find("total: 0 errors, 0 warnings, 0 checks"), std::string::npos) << Report;
  }
}

TEST(PatchSeries, CheckpatchNoticesAMissingSignOff) {
  // The test above can fail: checkpatch does read our mails.
  const std::string Tree = std::getenv("DETASKLET_KERNEL_TREE")
                               ? std::getenv("DETASKLET_KERNEL_TREE")
                               : DETASKLET_KERNEL_TREE;
  const std::string Checkpatch = Tree + "/scripts/checkpatch.pl";
  if (!llvm::sys::fs::exists(Checkpatch) || !haveCommand("perl"))
    GTEST_SKIP() << "no kernel tree with scripts/checkpatch.pl at " << Tree << " or no perl";
  ScratchDir Out;
  SeriesOptions O = options();
  O.SignedOffBy.clear();
  auto Written = writePatchSeries(Out.path(), {barPatch()}, O);
  ASSERT_TRUE(bool(Written));
  std::string Report;
  run("perl " + shellQuote(Checkpatch) + " --strict --no-tree --no-color " +
          shellQuote(Written->front()),
      Tree, &Report);
  EXPECT_NE(Report.find("Missing Signed-off-by"), std::string::npos) << Report;
}

TEST(PatchSeries, PatchWithoutChangesIsAnError) {
  ScratchDir Out;
  PatchSpec Empty = barPatch();
  Empty.Files = {{"a.c", "same\n", "same\n"}};
  auto Written = writePatchSeries(Out.path(), {barPatch(), Empty}, options());
  ASSERT_FALSE(bool(Written));
  EXPECT_EQ(llvm::toString(Written.takeError()),
            "patch 2 ('wifi: bar: Convert from tasklet to BH workqueue') changes no file");
}

TEST(PatchSeries, UnwritableDirectoryIsAnError) {
  ScratchDir Out;
  writeFile(Out / "file", "x");
  auto Written = writePatchSeries(Out / "file/sub", {barPatch()}, options());
  ASSERT_FALSE(bool(Written));
  EXPECT_NE(llvm::toString(Written.takeError()).find(Out / "file/sub"), std::string::npos);
}
