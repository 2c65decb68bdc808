// The result cache: a warm run gives exactly what a cold one gives, and any
// change to what a TU's facts came from makes that TU, and only it, parse
// again. Works in a scratch tree of its own (files are edited).
#include "tool/FactsCache.h"
#include "inventory/InventoryJson.h"
#include "tool/CompileCommands.h"
#include "tool/TuRunner.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

#include <chrono>

using namespace detasklet;

namespace {

const char *const SharedHeader = R"(#include <linux/interrupt.h>
struct shared { struct tasklet_struct tl; int n; };
static inline void shared_kick(struct shared *s) { tasklet_schedule(&s->tl); }
)";

const char *const FileA = R"(#include "shared.h"
static void a_fn(struct tasklet_struct *t) { }
void a_init(struct shared *s) { tasklet_setup(&s->tl, a_fn); }
)";

const char *const FileB = R"(#include "shared.h"
void b_stop(struct shared *s) { tasklet_kill(&s->tl); }
)";

const char *const FileC = R"(#include <linux/interrupt.h>
static void c_fn(struct tasklet_struct *t) { }
static DECLARE_TASKLET(c_tl, c_fn);
void c_go(void) { tasklet_hi_schedule(&c_tl); }
)";

struct RunResult {
  std::string Json;                // the inventory
  std::vector<std::string> Cached; // the TUs read from the cache, relative
  std::vector<std::string> Failed;
};

class FactsCacheTest : public testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("detasklet-cache-test", Dir));
    Tree = std::string(Dir);
    write("compile_flags.txt", std::string("-nostdinc\n-isystem\n") + DETASKLET_SHIM_DIR +
                                   "\n-std=gnu11\n-D__KERNEL__\n");
    write("shared.h", SharedHeader);
    write("a.c", FileA);
    write("b.c", FileB);
    write("c.c", FileC);
    CacheDir = Tree + "/cache";
    auto Loaded = TaskletApi::loadDefault();
    ASSERT_TRUE(bool(Loaded)) << llvm::toString(Loaded.takeError());
    Api = std::move(*Loaded);
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Tree); }

  std::string path(llvm::StringRef Name) const { return Tree + "/" + Name.str(); }

  void write(llvm::StringRef Name, llvm::StringRef Text) {
    std::error_code EC;
    llvm::raw_fd_ostream(path(Name), EC) << Text;
    ASSERT_FALSE(EC) << Name.str();
  }

  void setModificationTime(llvm::StringRef Name, llvm::sys::TimePoint<> When) {
    int FD;
    ASSERT_FALSE(llvm::sys::fs::openFileForReadWrite(path(Name), FD, llvm::sys::fs::CD_OpenExisting,
                                                     llvm::sys::fs::OF_None));
    EXPECT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(FD, When));
    llvm::sys::Process::SafelyCloseFileDescriptor(FD);
  }

  // Stamps everything an hour old: what the cache trusts without reading.
  void ageTree() {
    auto HourAgo = std::chrono::system_clock::now() - std::chrono::hours(1);
    for (const char *Name : {"shared.h", "a.c", "b.c", "c.c"})
      setModificationTime(Name, HourAgo);
  }

  RunResult run(bool UseCache = true, bool Exact = false) {
    SelectionRequest Request;
    Request.Inputs = {Tree};
    RunResult R;
    llvm::Expected<TuSelection> Sel = selectTranslationUnits(Request);
    EXPECT_TRUE(bool(Sel)) << llvm::toString(Sel.takeError());
    if (!Sel)
      return R;
    RunOptions Run;
    Run.Jobs = 2;
    Run.Exact = Exact;
    if (UseCache)
      Run.CacheDir = CacheDir;
    std::vector<TuOutcome> Outcomes = collectFacts(*Sel->Database, Sel->Files, Api, Sel->Root, Run);
    InventoryBuilder Builder(Sel->Root);
    for (size_t I = 0; I < Outcomes.size(); ++I) {
      std::string Name = llvm::sys::path::filename(Sel->Files[I]).str();
      if (Outcomes[I].FromCache)
        R.Cached.push_back(Name);
      if (Outcomes[I].Failure) {
        R.Failed.push_back(Name);
        Builder.addFailure(*Outcomes[I].Failure);
      } else {
        Builder.add(Outcomes[I].Facts);
      }
    }
    R.Json = llvm::formatv("{0:2}", toJSON(Builder.finish())).str();
    return R;
  }

  std::vector<std::string> entries() const {
    std::vector<std::string> Files;
    std::error_code EC;
    for (llvm::sys::fs::recursive_directory_iterator It(CacheDir, EC), End; It != End && !EC;
         It.increment(EC))
      if (It->type() == llvm::sys::fs::file_type::regular_file)
        Files.push_back(It->path());
    return Files;
  }

  std::string Tree, CacheDir;
  TaskletApi Api;
};

using Names = std::vector<std::string>;

TEST_F(FactsCacheTest, WarmRunGivesWhatAColdOneGives) {
  RunResult Uncached = run(/*UseCache=*/false);
  EXPECT_TRUE(entries().empty());
  RunResult Cold = run();
  EXPECT_EQ(Cold.Cached, Names{});
  EXPECT_EQ(entries().size(), 3u);
  RunResult Warm = run();
  EXPECT_EQ(Warm.Cached, (Names{"a.c", "b.c", "c.c"}));
  EXPECT_EQ(Uncached.Json, Cold.Json);
  EXPECT_EQ(Uncached.Json, Warm.Json);
}

TEST_F(FactsCacheTest, EditedHeaderReparsesItsUsersOnly) {
  RunResult Before = run();
  std::string Edited = SharedHeader;
  Edited.replace(Edited.find("tasklet_schedule"), 16, "tasklet_hi_schedule");
  write("shared.h", Edited);
  RunResult After = run();
  EXPECT_EQ(After.Cached, Names{"c.c"});
  EXPECT_NE(Before.Json, After.Json);
  EXPECT_NE(After.Json.find("schedule.hi"), std::string::npos);
  EXPECT_EQ(After.Json, run(/*UseCache=*/false).Json);
  EXPECT_EQ(run().Cached, (Names{"a.c", "b.c", "c.c"}));
}

TEST_F(FactsCacheTest, SameSizeEditIsSeenThroughTrustedStamps) {
  ageTree();
  run();
  std::string Edited = FileB;
  Edited.replace(Edited.find("b_stop"), 6, "b_halt");
  write("b.c", Edited);
  RunResult After = run();
  EXPECT_EQ(After.Cached, (Names{"a.c", "c.c"}));
  EXPECT_NE(After.Json.find("b_halt"), std::string::npos);
}

TEST_F(FactsCacheTest, TouchedButUnchangedFilesStayCached) {
  ageTree();
  run();
  setModificationTime("shared.h", std::chrono::system_clock::now());
  setModificationTime("c.c", std::chrono::system_clock::now());
  EXPECT_EQ(run().Cached, (Names{"a.c", "b.c", "c.c"}));
}

TEST_F(FactsCacheTest, RecentStampsAreCheckedByContent) {
  // Written just now, within the file system clock's reach of the parse:
  // the stamp proves nothing, so a same-size edit with the very same stamp
  // must still be seen.
  run();
  llvm::sys::fs::file_status Status;
  ASSERT_FALSE(llvm::sys::fs::status(path("c.c"), Status));
  std::string Edited = FileC;
  Edited.replace(Edited.find("c_go"), 4, "c_up");
  write("c.c", Edited);
  setModificationTime("c.c", Status.getLastModificationTime());
  RunResult After = run();
  EXPECT_EQ(After.Cached, (Names{"a.c", "b.c"}));
  EXPECT_NE(After.Json.find("c_up"), std::string::npos);
}

TEST_F(FactsCacheTest, DamagedEntriesAreMissesNotErrors) {
  RunResult Cold = run();
  std::vector<std::string> Entries = entries();
  ASSERT_EQ(Entries.size(), 3u);
  // Cut short, emptied, and garbage: each is re-parsed and rewritten.
  auto Whole = llvm::MemoryBuffer::getFile(Entries[0]);
  ASSERT_TRUE(bool(Whole));
  std::string Half = (*Whole)->getBuffer().take_front((*Whole)->getBufferSize() / 2).str();
  std::error_code EC;
  llvm::raw_fd_ostream(Entries[0], EC) << Half;
  llvm::raw_fd_ostream(Entries[1], EC) << "";
  llvm::raw_fd_ostream(Entries[2], EC) << "detasklet-facts-cache 1\nmain \xff\n{";
  RunResult Damaged = run();
  EXPECT_EQ(Damaged.Cached, Names{});
  EXPECT_EQ(Damaged.Json, Cold.Json);
  EXPECT_EQ(run().Cached, (Names{"a.c", "b.c", "c.c"}));
}

TEST_F(FactsCacheTest, FailedTuIsNotCached) {
  write("bad.c", "#include \"shared.h\"\nvoid broken(void) { tasklet_schedule( }\n");
  RunResult Cold = run();
  EXPECT_EQ(Cold.Failed, Names{"bad.c"});
  RunResult Warm = run();
  EXPECT_EQ(Warm.Failed, Names{"bad.c"});
  EXPECT_EQ(Warm.Cached, (Names{"a.c", "b.c", "c.c"}));
  EXPECT_EQ(Warm.Json, Cold.Json);
}

TEST_F(FactsCacheTest, TuWithInvalidUtf8IsNotCached) {
  // A Latin-1 file (old drivers have them): text the facts quote from it
  // would come back from JSON changed, so it is parsed every time.
  write("latin1.c", "#include \"shared.h\"\n/* (c) J\xe9r\xf4me */\n"
                    "void kick(struct shared *s) { tasklet_schedule(&s->tl /* \xe9 */); }\n");
  RunResult Cold = run();
  EXPECT_TRUE(Cold.Failed.empty());
  RunResult Warm = run();
  EXPECT_EQ(Warm.Cached, (Names{"a.c", "b.c", "c.c"}));
  EXPECT_EQ(Warm.Json, Cold.Json);
  EXPECT_NE(Cold.Json.find("kick"), std::string::npos);
}

TEST_F(FactsCacheTest, KeyCoversParseModeAndApiRules) {
  run();
  EXPECT_EQ(run(/*UseCache=*/true, /*Exact=*/true).Cached, Names{});
  EXPECT_EQ(run(/*UseCache=*/true, /*Exact=*/true).Cached, (Names{"a.c", "b.c", "c.c"}));
  auto Rules = llvm::MemoryBuffer::getFile(DETASKLET_SOURCE_DIR "/rules/tasklet-api.yaml");
  ASSERT_TRUE(bool(Rules));
  auto Other = TaskletApi::parse((*Rules)->getBuffer().str() + "\n# another build of the rules\n",
                                 "other.yaml");
  ASSERT_TRUE(bool(Other)) << llvm::toString(Other.takeError());
  Api = std::move(*Other);
  EXPECT_EQ(run().Cached, Names{});
  // One entry per TU and mode: other rules, like another build, replace the
  // entries they cannot use instead of adding to them.
  EXPECT_EQ(entries().size(), 6u);
  EXPECT_EQ(run().Cached, (Names{"a.c", "b.c", "c.c"}));
}

TEST_F(FactsCacheTest, DeletedHeaderIsAMiss) {
  write("extra.h", "#define EXTRA 1\n");
  write("c.c", std::string("#include \"extra.h\"\n") + FileC);
  run();
  ASSERT_FALSE(llvm::sys::fs::remove(path("extra.h")));
  RunResult After = run();
  EXPECT_EQ(After.Cached, (Names{"a.c", "b.c"}));
  EXPECT_EQ(After.Failed, Names{"c.c"});
}

TEST_F(FactsCacheTest, RetargetedLinkIsTheFileItNowNames) {
  // Kernel output trees reach their sources through a symbolic link.
  ASSERT_FALSE(llvm::sys::fs::rename(path("shared.h"), path("shared-v1.h")));
  std::string Edited = SharedHeader;
  Edited.replace(Edited.find("tasklet_schedule"), 16, "tasklet_hi_schedule");
  write("shared-v2.h", Edited);
  ASSERT_FALSE(llvm::sys::fs::create_link("shared-v1.h", path("shared.h")));
  ageTree();
  run();
  ASSERT_FALSE(llvm::sys::fs::remove(path("shared.h")));
  ASSERT_FALSE(llvm::sys::fs::create_link("shared-v2.h", path("shared.h")));
  RunResult After = run();
  EXPECT_EQ(After.Cached, Names{"c.c"});
  EXPECT_EQ(After.Json, run(/*UseCache=*/false).Json);
}

TEST(CacheKey, FieldsDoNotRunIntoEachOther) {
  EXPECT_NE(CacheKey().add("ab").add("c").str(), CacheKey().add("a").add("bc").str());
  EXPECT_EQ(CacheKey().add("a").add(7).str(), CacheKey().add("a").add(7).str());
  EXPECT_EQ(CacheKey().add("x").str().size(), 32u);
}

TEST(CacheDir, OnlyWhereTheUserPointed) {
  EXPECT_EQ(FactsCache::chooseDir("/k/out", "", false), "/k/out/.detasklet/cache");
  EXPECT_EQ(FactsCache::chooseDir("/k/out", "/tmp/c", false), "/tmp/c");
  EXPECT_EQ(FactsCache::chooseDir("", "/tmp/c", false), "/tmp/c");
  EXPECT_EQ(FactsCache::chooseDir("", "", false), "");
  EXPECT_EQ(FactsCache::chooseDir("/k/out", "/tmp/c", true), "");
}

} // namespace
