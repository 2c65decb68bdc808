#include "tool/SlotWriters.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace detasklet {

namespace {

bool isIdentChar(char C) { return llvm::isAlnum(C) || C == '_'; }

// Every ".NAME = value" / "->NAME = value" in Text, with its line and the
// value's leading identifier (empty when the value does not start with one).
struct Store {
  unsigned Line;
  std::string Value;
};
std::vector<Store> storesOf(llvm::StringRef Text, llvm::StringRef Name) {
  std::vector<Store> Out;
  for (size_t At = Text.find(Name); At != llvm::StringRef::npos; At = Text.find(Name, At + 1)) {
    size_t End = At + Name.size();
    if ((At > 0 && isIdentChar(Text[At - 1])) || (End < Text.size() && isIdentChar(Text[End])))
      continue;
    size_t Before = Text.find_last_not_of(" \t\n\\", At); // searches [0, At)
    if (At == 0 || Before == llvm::StringRef::npos ||
        !(Text[Before] == '.' || (Text[Before] == '>' && Before > 0 && Text[Before - 1] == '-')))
      continue;
    size_t Eq = Text.find_first_not_of(" \t\n\\", End);
    if (Eq == llvm::StringRef::npos || Text[Eq] != '=' ||
        (Eq + 1 < Text.size() && Text[Eq + 1] == '='))
      continue;
    llvm::StringRef Value = Text.drop_front(Eq + 1).ltrim(" \t\n\\&");
    size_t Len = 0;
    while (Len < Value.size() && isIdentChar(Value[Len]))
      ++Len;
    // "value," or "value;" only: a call or an expression is not a plain function.
    llvm::StringRef After = Value.drop_front(Len).ltrim(" \t\n\\");
    bool Plain = Len > 0 && !After.empty() && (After[0] == ',' || After[0] == ';' || After[0] == '}');
    Out.push_back({static_cast<unsigned>(Text.take_front(At).count('\n') + 1),
                   Plain ? Value.take_front(Len).str() : ""});
  }
  return Out;
}

} // namespace

std::vector<SlotProblem> unscannedSlotWriters(const CallbackSlot &Slot,
                                              const std::set<std::string> &KnownCallbacks,
                                              const std::string &Root,
                                              const std::set<std::string> &Scanned,
                                              const std::map<std::string, std::string> &Overlay) {
  std::vector<SlotProblem> Out;
  const std::string &Header = Slot.Declared.File;
  if (Header.empty() || llvm::sys::path::is_absolute(Header))
    return Out; // declared outside the tree: the planner will not edit it anyway
  // A field of a tree-wide header may be filled anywhere: no directory to look in.
  if (llvm::StringRef(Header).starts_with("include/") || llvm::StringRef(Header).starts_with("arch/"))
    return {{Slot.Declared, Slot.Name,
             "is declared in a header the whole tree includes: stores in files that were not "
             "scanned cannot be ruled out"}};
  llvm::SmallString<256> Dir(Root);
  llvm::sys::path::append(Dir, llvm::sys::path::parent_path(Header));
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).ends_with(".c"))
      Files.push_back(It->path());
  std::sort(Files.begin(), Files.end()); // one order whatever the file system's
  for (const std::string &Path : Files) {
    llvm::SmallString<256> Rel(Path);
    llvm::sys::path::replace_path_prefix(Rel, Root + "/", "");
    if (Scanned.count(Rel.str().str()))
      continue;
    std::string Text;
    if (auto Over = Overlay.find(Path); Over != Overlay.end()) {
      Text = Over->second;
    } else {
      auto Buffer = llvm::MemoryBuffer::getFile(Path);
      if (!Buffer)
        continue;
      Text = (*Buffer)->getBuffer().str();
    }
    for (const Store &S : storesOf(Text, Slot.Name)) {
      if (!S.Value.empty() && (KnownCallbacks.count(S.Value) || S.Value == "NULL" || S.Value == "0"))
        continue;
      Out.push_back({SourcePos{Rel.str().str(), S.Line, 0}, Slot.Name + " = " + S.Value,
                     "may be given " + (S.Value.empty() ? std::string("a value") : S.Value + "()") +
                         " in a file that was not scanned; scan it too"});
      break; // one per file is enough to say what to scan
    }
  }
  return Out;
}

} // namespace detasklet
