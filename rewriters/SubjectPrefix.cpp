#include "rewriters/SubjectPrefix.h"

#include "yaml-cpp/yaml.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"

#ifndef DETASKLET_SOURCE_DIR
#define DETASKLET_SOURCE_DIR "."
#endif

namespace detasklet {

namespace {

llvm::Error errorAt(llvm::StringRef File, const YAML::Mark &M, const llvm::Twine &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s:%d:%d: %s", File.str().c_str(),
                                 M.line + 1, M.column + 1, What.str().c_str());
}

// "./drivers//dma/" -> {drivers, dma}
llvm::SmallVector<llvm::StringRef, 8> components(llvm::StringRef Path) {
  llvm::SmallVector<llvm::StringRef, 8> Parts, Kept;
  Path.split(Parts, '/', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts)
    if (P != ".")
      Kept.push_back(P);
  return Kept;
}

// Kernel source files; directory names may hold dots (nvrm/535.113.01).
bool isSourceFile(llvm::StringRef Name) {
  for (llvm::StringRef Ext : {".c", ".h", ".S", ".s", ".rs"})
    if (Name.ends_with(Ext) && Name.size() > Ext.size())
      return true;
  return false;
}

llvm::StringRef stem(llvm::StringRef File) { return File.take_front(File.rfind('.')); }

std::string joinPath(llvm::ArrayRef<llvm::StringRef> Parts) {
  std::string Out;
  for (llvm::StringRef P : Parts)
    Out += (Out.empty() ? "" : "/") + P.str();
  return Out;
}

bool isGlob(llvm::StringRef RulePath) { return RulePath.ends_with("*"); }

// The rule's path components match the start of the path's; a last rule
// component "foo*" matches any component starting with "foo".
bool matches(llvm::StringRef RulePath, llvm::ArrayRef<llvm::StringRef> Path) {
  auto Rule = components(RulePath);
  if (Rule.size() > Path.size())
    return false;
  for (size_t I = 0; I + 1 < Rule.size(); ++I)
    if (Rule[I] != Path[I])
      return false;
  llvm::StringRef Last = Rule.back();
  return isGlob(Last) ? Path[Rule.size() - 1].starts_with(Last.drop_back())
                      : Path[Rule.size() - 1] == Last;
}

llvm::Expected<SubjectPrefixes::DriverName> driverName(const YAML::Node &N, llvm::StringRef File) {
  const std::string V = N.as<std::string>();
  if (V == "first")
    return SubjectPrefixes::DriverName::First;
  if (V == "vendor")
    return SubjectPrefixes::DriverName::Vendor;
  if (V == "none")
    return SubjectPrefixes::DriverName::None;
  return errorAt(File, N.Mark(),
                 "unknown driver naming '" + V + "' (expected first, vendor or none)");
}

llvm::Expected<SubjectPrefixes::Rule> readRule(const YAML::Node &Entry, llvm::StringRef File) {
  if (!Entry.IsMap())
    return errorAt(File, Entry.Mark(), "expected a mapping with 'path:' and 'prefix:'");
  SubjectPrefixes::Rule R;
  R.Line = Entry.Mark().line + 1;
  for (const auto &KV : Entry) {
    const std::string Key = KV.first.as<std::string>();
    const YAML::Node &Value = KV.second;
    if (!Value.IsScalar())
      return errorAt(File, Value.Mark(), "'" + Key + "' needs a single value");
    if (Key == "path") {
      R.Path = joinPath(components(Value.as<std::string>()));
      if (R.Path.empty() || Value.as<std::string>().front() == '/')
        return errorAt(File, Value.Mark(), "'path' must be relative to the tree root");
      if (llvm::StringRef(R.Path).drop_back().contains('*'))
        return errorAt(File, Value.Mark(), "'*' may only end the path");
    } else if (Key == "prefix") {
      R.Prefix = Value.as<std::string>();
    } else if (Key == "driver") {
      auto D = driverName(Value, File);
      if (!D)
        return D.takeError();
      R.Driver = *D;
    } else if (Key == "join") {
      R.Join = Value.as<std::string>();
    } else if (Key == "separator") {
      R.Separator = Value.as<std::string>();
    } else if (Key == "strip") {
      R.Strip = Value.as<std::string>();
    } else {
      return errorAt(File, KV.first.Mark(),
                     "unknown key '" + Key +
                         "' (expected path, prefix, driver, join, separator or strip)");
    }
  }
  if (R.Path.empty())
    return errorAt(File, Entry.Mark(), "rule needs a 'path:'");
  if (R.Prefix.empty())
    return errorAt(File, Entry.Mark(), "rule for '" + R.Path + "' needs a 'prefix:'");
  return R;
}

} // namespace

llvm::Expected<SubjectPrefixes> SubjectPrefixes::parse(llvm::StringRef Yaml, llvm::StringRef Name) {
  SubjectPrefixes Result;
  try {
    const YAML::Node Root = YAML::Load(Yaml.str());
    if (!Root.IsMap() || !Root["prefixes"])
      return errorAt(Name, Root.Mark(), "expected a mapping with a 'prefixes:' list");
    const YAML::Node List = Root["prefixes"];
    if (!List.IsSequence())
      return errorAt(Name, List.Mark(), "'prefixes' must be a list of rules");
    llvm::StringMap<unsigned> Seen;
    for (const YAML::Node &Entry : List) {
      auto R = readRule(Entry, Name);
      if (!R)
        return R.takeError();
      auto [It, New] = Seen.try_emplace(R->Path, R->Line);
      if (!New)
        return errorAt(Name, Entry.Mark(),
                       "second rule for '" + R->Path + "' (the first is on line " +
                           llvm::Twine(It->second) + ")");
      Result.Rules.push_back(std::move(*R));
    }
  } catch (const YAML::Exception &E) {
    return errorAt(Name, E.mark, E.msg);
  }
  return Result;
}

llvm::Expected<SubjectPrefixes> SubjectPrefixes::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "%s: cannot read subject rules: %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  return parse((*Buffer)->getBuffer(), Path);
}

llvm::Expected<SubjectPrefixes> SubjectPrefixes::loadDefault() {
  return load(DETASKLET_SOURCE_DIR "/rules/subjects.yaml");
}

const SubjectPrefixes::Rule *SubjectPrefixes::match(llvm::StringRef Path) const {
  const auto Parts = components(Path);
  const Rule *Best = nullptr;
  // Longer literal text is more specific; at equal length an exact component
  // beats a '*' pattern.
  auto Weight = [](const Rule &R) {
    return 2 * (R.Path.size() - isGlob(R.Path)) + !isGlob(R.Path);
  };
  for (const Rule &R : Rules)
    if (matches(R.Path, Parts) && (!Best || Weight(R) > Weight(*Best)))
      Best = &R;
  return Best;
}

std::string SubjectPrefixes::prefixFor(llvm::StringRef DriverPath) const {
  const auto Parts = components(DriverPath);
  if (Parts.empty())
    return {};
  const bool HasFile = isSourceFile(Parts.back());
  const Rule *R = match(DriverPath);
  if (!R) {
    if (!HasFile)
      return Parts.back().str();
    if (Parts.size() == 1)
      return stem(Parts.back()).str();
    return (Parts[Parts.size() - 2] + ": " + stem(Parts.back())).str();
  }

  // What lies below the rule's directory: directories, then maybe the file.
  llvm::ArrayRef<llvm::StringRef> Below =
      llvm::ArrayRef(Parts).drop_front(components(R->Path).size());
  llvm::ArrayRef<llvm::StringRef> Dirs = HasFile && !Below.empty() ? Below.drop_back() : Below;
  const llvm::StringRef File = HasFile && !Below.empty() ? Below.back() : llvm::StringRef();
  llvm::StringRef Driver;
  switch (R->Driver) {
  case DriverName::None:
    break;
  case DriverName::First:
    Driver = !Dirs.empty() ? Dirs[0] : stem(File);
    break;
  case DriverName::Vendor:
    if (Dirs.size() >= 2)
      Driver = Dirs[1];
    else if (!File.empty())
      Driver = stem(File);
    else if (!Dirs.empty())
      Driver = Dirs[0];
    break;
  }
  if (!R->Strip.empty() && Driver.size() > R->Strip.size())
    Driver.consume_front(R->Strip);
  if (Driver.empty())
    return R->Prefix;
  return R->Prefix + R->Join + Driver.str();
}

std::string SubjectPrefixes::subject(llvm::StringRef DriverPath, llvm::StringRef Summary) const {
  const Rule *R = match(DriverPath);
  return prefixFor(DriverPath) + (R ? R->Separator : std::string(": ")) + Summary.str();
}

} // namespace detasklet
