#include "matchers/TaskletApi.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include "yaml-cpp/yaml.h"

#include <algorithm>

#ifndef DETASKLET_SOURCE_DIR
#define DETASKLET_SOURCE_DIR "."
#endif

namespace detasklet {

namespace {

class RuleError {
public:
  explicit RuleError(std::string File) : File(std::move(File)) {}
  llvm::Error at(const YAML::Node &Node, const std::string &What) const {
    const YAML::Mark M = Node.Mark();
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s:%d:%d: %s", File.c_str(),
                                   M.line + 1, M.column + 1, What.c_str());
  }

private:
  std::string File;
};

llvm::Expected<UseKind> useOf(const YAML::Node &Entry, const RuleError &Err) {
  const YAML::Node Use = Entry["use"];
  if (!Use || !Use.IsScalar())
    return Err.at(Entry, "entry needs a 'use:' naming a use kind");
  if (auto K = useKindFromCode(Use.as<std::string>()))
    return *K;
  return Err.at(Use, "unknown use kind '" + Use.as<std::string>() + "'");
}

llvm::Expected<std::string> nameOf(const YAML::Node &Entry, const RuleError &Err) {
  if (!Entry.IsMap() || !Entry["name"] || !Entry["name"].IsScalar())
    return Err.at(Entry, "entry needs a 'name:'");
  return Entry["name"].as<std::string>();
}

// Each entry of a list of { name, use, ... } mappings, handed to Add.
llvm::Error readUseEntries(
    const YAML::Node &List, const RuleError &Err, llvm::StringRef Shape,
    llvm::function_ref<llvm::Error(const YAML::Node &, const std::string &, UseKind)> Add) {
  if (!List)
    return llvm::Error::success();
  if (!List.IsSequence())
    return Err.at(List, "expected a list of " + Shape.str() + " entries");
  for (const YAML::Node &Entry : List) {
    auto Name = nameOf(Entry, Err);
    if (!Name)
      return Name.takeError();
    auto Use = useOf(Entry, Err);
    if (!Use)
      return Use.takeError();
    if (llvm::Error E = Add(Entry, *Name, *Use))
      return E;
  }
  return llvm::Error::success();
}

llvm::Error readNamedUses(const YAML::Node &List, const RuleError &Err,
                          llvm::StringMap<UseKind> &Out) {
  return readUseEntries(List, Err, "{ name, use }",
                        [&](const YAML::Node &, const std::string &Name, UseKind Use) {
                          Out[Name] = Use;
                          return llvm::Error::success();
                        });
}

llvm::Error readStrings(const YAML::Node &List, const RuleError &Err,
                        std::vector<std::string> &Out) {
  if (!List)
    return llvm::Error::success();
  if (!List.IsSequence())
    return Err.at(List, "expected a list of names");
  for (const YAML::Node &N : List) {
    if (!N.IsScalar())
      return Err.at(N, "expected a name");
    Out.push_back(N.as<std::string>());
  }
  return llvm::Error::success();
}

std::optional<unsigned> argIndex(const YAML::Node &Entry, const char *Key) {
  if (!Entry[Key])
    return std::nullopt;
  return Entry[Key].as<unsigned>();
}

} // namespace

llvm::Expected<TaskletApi> TaskletApi::parse(llvm::StringRef Yaml, llvm::StringRef Name) {
  RuleError Err(Name.str());
  YAML::Node Root;
  try {
    Root = YAML::Load(Yaml.str());
  } catch (const YAML::Exception &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s:%d:%d: %s",
                                   Name.str().c_str(), E.mark.line + 1, E.mark.column + 1,
                                   E.msg.c_str());
  }
  if (!Root.IsMap())
    return Err.at(Root, "expected a mapping with 'record', 'functions', ...");
  TaskletApi Api;
  Api.Fingerprint = llvm::xxh3_64bits(Yaml);
  try {
    if (!Root["record"] || !Root["record"].IsScalar())
      return Err.at(Root, "missing 'record:' (the tasklet structure's tag)");
    Api.Record = Root["record"].as<std::string>();
    const YAML::Node Functions = Root["functions"];
    if (!Functions || !Functions.IsSequence())
      return Err.at(Root, "missing 'functions:' list");
    for (const YAML::Node &Entry : Functions) {
      auto Fn = nameOf(Entry, Err);
      if (!Fn)
        return Fn.takeError();
      auto Use = useOf(Entry, Err);
      if (!Use)
        return Use.takeError();
      if (!Entry["tasklet"])
        return Err.at(Entry, "function entry needs 'tasklet:' (the tasklet argument's index)");
      Api.Functions[*Fn] = ApiFunction{*Fn,
                                       *Use,
                                       Entry["tasklet"].as<unsigned>(),
                                       argIndex(Entry, "callback"),
                                       argIndex(Entry, "data"),
                                       argIndex(Entry, "queue"),
                                       Entry["default_queue"] ? Entry["default_queue"].as<std::string>()
                                                              : std::string()};
    }
    if (auto E = readNamedUses(Root["declare_macros"], Err, Api.DeclareMacros))
      return std::move(E);
    if (auto E = readNamedUses(Root["container_macros"], Err, Api.ContainerMacros))
      return std::move(E);
    if (auto E = readUseEntries(
            Root["init_macros"], Err, "{ name, use, callback_field }",
            [&](const YAML::Node &Entry, const std::string &Name, UseKind Use) -> llvm::Error {
              if (!isInit(Use) || !Entry["callback_field"] || !Entry["callback_field"].IsScalar())
                return Err.at(Entry, "init macro needs an init 'use:' and 'callback_field:' (the "
                                     "field it assigns the callback to)");
              Api.InitMacros[Name] = InitMacro{Name, Use, Entry["callback_field"].as<std::string>()};
              return llvm::Error::success();
            }))
      return std::move(E);
    if (const YAML::Node List = Root["forwarders"]) {
      if (!List.IsSequence())
        return Err.at(List, "expected a list of forwarders");
      for (const YAML::Node &Entry : List) {
        auto Fn = nameOf(Entry, Err);
        if (!Fn)
          return Fn.takeError();
        if (!Entry["function"] || !Entry["data"])
          return Err.at(Entry, "forwarder entry needs 'function:' and 'data:' (argument indexes)");
        Api.Forwarders[*Fn] =
            Forwarder{*Fn, Entry["function"].as<unsigned>(), Entry["data"].as<unsigned>()};
      }
    }
    if (const YAML::Node List = Root["context_registrations"]) {
      if (!List.IsSequence())
        return Err.at(List, "expected a list of context registrations");
      for (const YAML::Node &Entry : List) {
        auto Fn = nameOf(Entry, Err);
        if (!Fn)
          return Fn.takeError();
        std::string Context = Entry["context"] ? Entry["context"].as<std::string>() : "";
        if (!Entry["function"] || (Context != "hardirq" && Context != "softirq"))
          return Err.at(Entry, "registration needs 'function:' and 'context: hardirq|softirq'");
        Api.Registrations[*Fn] =
            ContextRegistration{*Fn, Entry["function"].as<unsigned>(), Context};
      }
    }
    if (const YAML::Node Locks = Root["locks"]) {
      if (!Locks.IsMap())
        return Err.at(Locks, "expected 'plain:', 'bh:' and 'irq:' lists");
      for (const auto &Flavour : Locks) {
        std::string F = Flavour.first.as<std::string>();
        if (F != "plain" && F != "bh" && F != "irq")
          return Err.at(Flavour.first, "lock flavour is plain, bh or irq, not '" + F + "'");
        std::vector<std::string> Names;
        if (auto E = readStrings(Flavour.second, Err, Names))
          return std::move(E);
        for (const std::string &N : Names)
          Api.LockFlavours[N] = F;
      }
    }
    if (auto E = readStrings(Root["context_queries"], Err, Api.ContextQueries))
      return std::move(E);
    if (auto E = readStrings(Root["state_constants"], Err, Api.StateConstants))
      return std::move(E);
    if (auto E = readStrings(Root["implementation_files"], Err, Api.ImplementationFiles))
      return std::move(E);
    if (auto E = readStrings(Root["mention_words"], Err, Api.MentionWords))
      return std::move(E);
    // Without words of its own, a file mentions the API when it names any
    // part of it.
    if (Api.MentionWords.empty()) {
      Api.MentionWords = {Api.Record};
      for (const auto &F : Api.Functions)
        Api.MentionWords.push_back(F.first().str());
      for (const llvm::StringMap<UseKind> *Macros : {&Api.DeclareMacros, &Api.ContainerMacros})
        for (const auto &M : *Macros)
          Api.MentionWords.push_back(M.first().str());
      for (const auto &M : Api.InitMacros)
        Api.MentionWords.push_back(M.first().str());
    }
  } catch (const YAML::Exception &E) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s:%d:%d: %s",
                                   Name.str().c_str(), E.mark.line + 1, E.mark.column + 1,
                                   E.msg.c_str());
  }
  return Api;
}

llvm::Expected<TaskletApi> TaskletApi::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "%s: cannot read rule file: %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  return parse((*Buffer)->getBuffer(), Path);
}

llvm::Expected<TaskletApi> TaskletApi::loadDefault() {
  return load(DETASKLET_SOURCE_DIR "/rules/tasklet-api.yaml");
}

const ApiFunction *TaskletApi::function(llvm::StringRef Name) const {
  auto It = Functions.find(Name);
  return It == Functions.end() ? nullptr : &It->second;
}

const InitMacro *TaskletApi::initMacro(llvm::StringRef Name) const {
  auto It = InitMacros.find(Name);
  return It == InitMacros.end() ? nullptr : &It->second;
}

std::vector<std::string> TaskletApi::initMacroFields() const {
  std::vector<std::string> Fields;
  for (const auto &M : InitMacros)
    if (!llvm::is_contained(Fields, M.second.CallbackField))
      Fields.push_back(M.second.CallbackField);
  return Fields;
}

std::optional<UseKind> TaskletApi::declareMacro(llvm::StringRef Name) const {
  auto It = DeclareMacros.find(Name);
  if (It == DeclareMacros.end())
    return std::nullopt;
  return It->second;
}

std::optional<UseKind> TaskletApi::containerMacro(llvm::StringRef Name) const {
  auto It = ContainerMacros.find(Name);
  if (It == ContainerMacros.end())
    return std::nullopt;
  return It->second;
}

const Forwarder *TaskletApi::forwarder(llvm::StringRef Name) const {
  auto It = Forwarders.find(Name);
  return It == Forwarders.end() ? nullptr : &It->second;
}

const ContextRegistration *TaskletApi::contextRegistration(llvm::StringRef Name) const {
  auto It = Registrations.find(Name);
  return It == Registrations.end() ? nullptr : &It->second;
}

llvm::StringRef TaskletApi::lockFlavour(llvm::StringRef Name) const {
  auto It = LockFlavours.find(Name);
  return It == LockFlavours.end() ? llvm::StringRef() : llvm::StringRef(It->second);
}

bool TaskletApi::isContextQuery(llvm::StringRef Name) const {
  return std::find(ContextQueries.begin(), ContextQueries.end(), Name) != ContextQueries.end();
}

std::vector<std::string> TaskletApi::contextFunctionNames() const {
  std::vector<std::string> Names(ContextQueries.begin(), ContextQueries.end());
  for (const auto &E : Registrations)
    Names.push_back(E.getKey().str());
  for (const auto &E : LockFlavours)
    Names.push_back(E.getKey().str());
  return Names;
}

bool TaskletApi::isStateConstant(llvm::StringRef Name) const {
  return std::find(StateConstants.begin(), StateConstants.end(), Name) != StateConstants.end();
}

bool TaskletApi::isImplementationFile(llvm::StringRef Path) const {
  for (const std::string &F : ImplementationFiles)
    if (Path == F || Path.ends_with("/" + F))
      return true;
  return false;
}

std::vector<std::string> TaskletApi::functionNames() const {
  std::vector<std::string> Names;
  for (const auto &E : Functions)
    Names.push_back(E.getKey().str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

} // namespace detasklet
