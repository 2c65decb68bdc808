#include "tool/FactsCache.h"

#include "inventory/TuFactsJson.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace detasklet {

namespace {

// The entry is lines of text, cheap to check before anything is decoded
// (a warm run reads hundreds of thousands of input lines):
//   detasklet-facts-cache 1
//   key <the full key>
//   main <path>
//   input <hash> <size> <mtime> <path>     one per file the parse read
//   facts <TuFacts as one line of JSON>
//   end                                    a write that stopped short lacks it
constexpr llvm::StringLiteral Magic = "detasklet-facts-cache 1";

} // namespace

CacheKey &CacheKey::add(llvm::StringRef Field) {
  Material += std::to_string(Field.size());
  Material += ':';
  Material += Field;
  return *this;
}

std::string CacheKey::str() const { return contentHash(Material); }

namespace {

// By chunks: the executable is a hundred megabytes with debug information,
// which a mapping would add to every run's resident set.
std::string hashOfLargeFile(llvm::StringRef Path) {
  llvm::Expected<llvm::sys::fs::file_t> File = llvm::sys::fs::openNativeFileForRead(Path);
  if (!File) {
    llvm::consumeError(File.takeError());
    return "";
  }
  CacheKey Chunks;
  std::vector<char> Buffer(1 << 20);
  bool Complete = false;
  for (;;) {
    llvm::Expected<size_t> Read = llvm::sys::fs::readNativeFile(*File, Buffer);
    if (!Read) {
      llvm::consumeError(Read.takeError());
      break;
    }
    if (*Read == 0) {
      Complete = true;
      break;
    }
    Chunks.add(contentHash(llvm::StringRef(Buffer.data(), *Read)));
  }
  llvm::sys::fs::closeFile(*File);
  return Complete ? Chunks.str() : "";
}

} // namespace

const std::string &buildIdentity() {
  static const std::string Identity = [] {
    static int Anchor;
    std::string Exe = llvm::sys::fs::getMainExecutable("detasklet", &Anchor);
    std::string Binary = hashOfLargeFile(Exe);
    if (Binary.empty())
      return std::string();
    // clang itself is a shared library: an upgrade changes the parse, not
    // the executable.
    return CacheKey().add(Binary).add(clang::getClangFullVersion()).str();
  }();
  return Identity;
}

std::string FactsCache::chooseDir(llvm::StringRef BuildDir, llvm::StringRef Requested,
                                  bool Disabled) {
  if (Disabled)
    return "";
  if (!Requested.empty())
    return Requested.str();
  if (BuildDir.empty())
    return "";
  llvm::SmallString<256> Dir(BuildDir);
  llvm::sys::path::append(Dir, ".detasklet", "cache");
  return std::string(Dir);
}

std::string FactsCache::entryPath(const std::string &Slot) const {
  // Two levels keep directories small on trees with tens of thousands of TUs.
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, llvm::StringRef(Slot).take_front(2),
                          llvm::StringRef(Slot).drop_front(2));
  return std::string(Path);
}

std::optional<TuFacts> FactsCache::lookup(const EntryKey &Key, llvm::StringRef MainFile) {
  auto Buffer = llvm::MemoryBuffer::getFile(entryPath(Key.Slot), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  llvm::StringRef Rest = (*Buffer)->getBuffer();
  auto NextLine = [&Rest] {
    auto [Line, After] = Rest.split('\n');
    Rest = After;
    return Line;
  };
  if (NextLine() != Magic)
    return std::nullopt;
  llvm::StringRef Computed = NextLine();
  if (!Computed.consume_front("key ") || Computed != Key.Full)
    return std::nullopt;
  llvm::StringRef Main = NextLine();
  if (!Main.consume_front("main ") || Main != MainFile)
    return std::nullopt;
  llvm::StringRef Line = NextLine();
  while (Line.consume_front("input ")) {
    InputFile In;
    llvm::StringRef Hash, Size, MTime;
    std::tie(Hash, Line) = Line.split(' ');
    std::tie(Size, Line) = Line.split(' ');
    std::tie(MTime, Line) = Line.split(' ');
    if (Hash.empty() || Line.empty() || Size.getAsInteger(10, In.Size) ||
        MTime.getAsInteger(10, In.MTime))
      return std::nullopt;
    In.Hash = Hash.str();
    In.Path = Line.str();
    if (!Checker.unchanged(In))
      return std::nullopt;
    Line = NextLine();
  }
  if (!Line.consume_front("facts ") || NextLine() != "end")
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Json = llvm::json::parse(Line);
  if (!Json) {
    llvm::consumeError(Json.takeError());
    return std::nullopt;
  }
  llvm::Expected<TuFacts> Facts = tuFactsFromJSON(*Json);
  if (!Facts) {
    llvm::consumeError(Facts.takeError());
    return std::nullopt;
  }
  return std::move(*Facts);
}

bool FactsCache::store(const EntryKey &Key, llvm::StringRef MainFile, const TuFacts &Facts,
                       const std::vector<InputFile> &Inputs) {
  // The format is line based: a name with a line break cannot be stored.
  auto OneLine = [](llvm::StringRef S) { return !S.contains('\n') && !S.contains('\r'); };
  if (!OneLine(MainFile))
    return false;
  for (const InputFile &In : Inputs)
    if (!OneLine(In.Path))
      return false;
  const std::string Path = entryPath(Key.Slot);
  if (std::error_code EC = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path))) {
    noteWriteError(llvm::sys::path::parent_path(Path) + ": " + EC.message());
    return false;
  }
  llvm::Error E = llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    OS << Magic << "\nkey " << Key.Full << "\nmain " << MainFile << "\n";
    for (const InputFile &In : Inputs)
      OS << "input " << In.Hash << ' ' << In.Size << ' ' << In.MTime << ' ' << In.Path << "\n";
    OS << "facts " << tuFactsToJSON(Facts) << "\nend\n";
    return llvm::Error::success();
  });
  if (E) {
    noteWriteError(Path + ": " + llvm::toString(std::move(E)));
    return false;
  }
  return true;
}

void FactsCache::noteWriteError(const llvm::Twine &Message) {
  std::lock_guard<std::mutex> Guard(Lock);
  if (WriteError.empty())
    WriteError = Message.str();
}

std::string FactsCache::firstWriteError() const {
  std::lock_guard<std::mutex> Guard(Lock);
  return WriteError;
}

} // namespace detasklet
