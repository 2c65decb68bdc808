// A driver (and its scenario) compiled into a shared object and loaded into
// this process. Its writable data is snapshotted right after loading and
// restored before every execution, so each execution starts from the state the
// kernel's module loader would give it. Symbols (static ones too, read from the
// ELF symbol table) name addresses in traces.
#ifndef DETASKLET_RUNTIME_CORE_MODULEIMAGE_H
#define DETASKLET_RUNTIME_CORE_MODULEIMAGE_H

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace detasklet::runtime {

class ModuleImage {
public:
  // Loads a shared object built by ModuleBuilder. On failure returns nullptr and sets Error.
  static std::unique_ptr<ModuleImage> load(const std::string &Path, std::string &Error);
  ~ModuleImage();
  ModuleImage(const ModuleImage &) = delete;
  ModuleImage &operator=(const ModuleImage &) = delete;

  const std::string &path() const { return Path; }
  void restore();
  void *symbol(const std::string &Name) const;
  // The scenario entries (model_scenario__<name>) the module defines, sorted.
  std::vector<std::string> scenarioNames() const;
  void *scenarioEntry(const std::string &Name) const;
  std::pair<char *, char *> perCpuSection() const { return {PerCpuBegin, PerCpuEnd}; }
  // "name+0x10" for an address inside a symbol of the module, "" otherwise.
  std::string describeAddress(uintptr_t A) const;
  // The function containing a code address, "" if none.
  std::string functionAt(uintptr_t Pc) const;

private:
  ModuleImage() = default;
  struct Symbol {
    uintptr_t Address;
    uint64_t Size;
    std::string Name;
    bool Function;
    bool Global;
  };
  struct Segment {
    char *Address;
    std::vector<char> Snapshot;
  };
  const Symbol *symbolAt(uintptr_t A, bool Function) const;
  bool readSymbols(std::string &Error);

  std::string Path;
  void *Handle = nullptr;
  uintptr_t LoadBase = 0;
  std::vector<Segment> Writable;
  std::vector<Symbol> Symbols; // sorted by address
  char *PerCpuBegin = nullptr, *PerCpuEnd = nullptr;
};

} // namespace detasklet::runtime

#endif
