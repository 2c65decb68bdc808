// The result cache: a translation unit's facts, kept from an earlier run and
// reused while nothing they came from changed. Each TU has one slot (per parse
// mode and report root); its entry records the key it was computed under,
// over everything besides file contents that could change its facts (the
// detasklet build, the tasklet API rules, the compile command), and lists
// the files the parse read. It is used only while the key matches and each
// of those files still holds the same bytes. A rebuilt detasklet overwrites
// the slots rather than adding entries, so the cache stays the size of the
// tree however often the tool changes: nothing needs evicting.
//
// Entries are written whole or not at all (a temporary renamed into place), so
// parallel runs and crashes leave no torn entry; an entry that cannot be read
// or understood is a miss, never an error. Removing the directory is always
// safe.
#ifndef DETASKLET_TOOL_FACTSCACHE_H
#define DETASKLET_TOOL_FACTSCACHE_H

#include "inventory/Inventory.h"
#include "tool/InputFiles.h"

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

struct EntryKey {
  std::string Slot; // the TU's place in the cache
  std::string Full; // what its facts must have been computed under
};

// Collects what a key is made of. Fields are length-prefixed, so no two
// different lists of fields hash alike by running into each other.
class CacheKey {
public:
  CacheKey &add(llvm::StringRef Field);
  CacheKey &add(uint64_t Number) { return add(llvm::StringRef(std::to_string(Number))); }
  std::string str() const; // hex digest

private:
  std::string Material;
};

// Identifies the running detasklet build by the content of its executable,
// read once per process, and the version of the clang libraries it runs on: a
// rebuilt matcher or another clang may collect other facts from the same code.
// Empty when the executable cannot be read (then nothing is cached).
const std::string &buildIdentity();

class FactsCache {
public:
  explicit FactsCache(std::string Dir) : Dir(std::move(Dir)) {}

  // The directory a run caches in: Requested (--cache-dir) if given, else
  // <BuildDir>/.detasklet/cache when the user named a build directory (-p);
  // none with Disabled (--no-cache) or without either. Only a directory the
  // user pointed at is written to: a compile database found by searching
  // upwards may sit in a source checkout.
  static std::string chooseDir(llvm::StringRef BuildDir, llvm::StringRef Requested, bool Disabled);

  // The facts in Key's slot, if they were computed under Key for MainFile
  // and every file they were computed from is unchanged.
  std::optional<TuFacts> lookup(const EntryKey &Key, llvm::StringRef MainFile);

  // Replaces what the slot held. False when the entry could not be written;
  // the run goes on without it.
  bool store(const EntryKey &Key, llvm::StringRef MainFile, const TuFacts &Facts,
             const std::vector<InputFile> &Inputs);

  const std::string &directory() const { return Dir; }
  // Why the first entry that could not be written was not; empty if none.
  // A cache that cannot be written costs every run a full parse, which a
  // user should hear about once rather than per TU.
  std::string firstWriteError() const;

private:
  std::string entryPath(const std::string &Slot) const;
  void noteWriteError(const llvm::Twine &Message);

  std::string Dir;
  InputChecker Checker;
  mutable std::mutex Lock;
  std::string WriteError;
};

} // namespace detasklet

#endif
