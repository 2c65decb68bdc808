#include "rewriters/ConvertRules.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "yaml-cpp/yaml.h"

#ifndef DETASKLET_SOURCE_DIR
#define DETASKLET_SOURCE_DIR "."
#endif

namespace detasklet {

std::optional<CallTemplate> CallTemplate::parse(llvm::StringRef Text) {
  Text = Text.trim();
  size_t Open = Text.find('(');
  if (Open == llvm::StringRef::npos || !Text.ends_with(")"))
    return std::nullopt;
  CallTemplate T;
  T.Callee = Text.take_front(Open).trim().str();
  if (T.Callee.empty())
    return std::nullopt;
  llvm::StringRef Inside = Text.slice(Open + 1, Text.size() - 1);
  llvm::SmallVector<llvm::StringRef> Parts;
  Inside.split(Parts, ',');
  for (llvm::StringRef P : Parts) {
    P = P.trim();
    if (P.empty())
      return std::nullopt;
    Arg A;
    A.Placeholder = P.starts_with("{") && P.ends_with("}");
    A.Text = (A.Placeholder ? P.drop_front().drop_back() : P).str();
    T.Args.push_back(A);
  }
  return T;
}

std::string fillTemplate(llvm::StringRef Template, const std::map<std::string, std::string> &Values) {
  std::string Out;
  while (!Template.empty()) {
    size_t Open = Template.find('{');
    size_t Close = Open == llvm::StringRef::npos ? Open : Template.find('}', Open);
    if (Close == llvm::StringRef::npos) {
      Out += Template.str();
      break;
    }
    Out += Template.take_front(Open).str();
    std::string Name = Template.slice(Open + 1, Close).str();
    auto It = Values.find(Name);
    Out += It != Values.end() ? It->second : "{" + Name + "}";
    Template = Template.drop_front(Close + 1);
  }
  return Out;
}

namespace {

llvm::Error errorAt(llvm::StringRef File, const YAML::Mark &M, const std::string &What) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s:%d:%d: %s",
                                 File.str().c_str(), M.line + 1, M.column + 1, What.c_str());
}

llvm::Expected<std::string> scalar(const YAML::Node &Parent, const char *Key, llvm::StringRef File) {
  const YAML::Node N = Parent[Key];
  if (!N || !N.IsScalar())
    return errorAt(File, Parent.Mark(), std::string("missing '") + Key + ":'");
  return N.as<std::string>();
}

} // namespace

namespace {

std::string shippedRulesPath(llvm::StringRef Target) {
  return std::string(DETASKLET_SOURCE_DIR) + "/rules/" + Target.str() + ".yaml";
}

// Over's keys replace Base's; mappings merge key by key, so a file that
// extends a target names only what it changes.
YAML::Node overlay(const YAML::Node &Base, const YAML::Node &Over) {
  if (!Base.IsMap() || !Over.IsMap())
    return Over;
  YAML::Node Out = YAML::Clone(Base);
  for (const auto &Entry : Over) {
    const std::string Key = Entry.first.as<std::string>();
    Out[Key] = Out[Key] ? overlay(Out[Key], Entry.second) : Entry.second;
  }
  return Out;
}

} // namespace

llvm::Expected<ConvertRules> ConvertRules::parse(llvm::StringRef Yaml, llvm::StringRef Name) {
  ConvertRules R;
  try {
    YAML::Node Root = YAML::Load(Yaml.str());
    if (const YAML::Node Extends = Root.IsMap() ? Root["extends"] : YAML::Node()) {
      std::string Base = Extends.as<std::string>();
      auto Text = llvm::MemoryBuffer::getFile(shippedRulesPath(Base));
      if (!Text)
        return errorAt(Name, Extends.Mark(),
                       "extends: no shipped target '" + Base + "' (use bh or wq)");
      YAML::Node Merged = overlay(YAML::Load((*Text)->getBuffer().str()), Root);
      Merged.remove("extends");
      Root = Merged;
    }
    if (!Root.IsMap())
      return errorAt(Name, Root.Mark(), "expected a mapping with target, type, calls, ...");
    std::string FromTasklet;
    std::string *Fields[] = {&R.Target, &R.Summary, &R.Type, &R.Include, &FromTasklet};
    const char *Keys[] = {"target", "summary", "type", "include", "from_tasklet"};
    for (size_t I = 0; I < std::size(Keys); ++I) {
      auto V = scalar(Root, Keys[I], Name);
      if (!V)
        return V.takeError();
      *Fields[I] = *V;
    }
    // "from_work" keeps from_tasklet()'s arguments; a kernel without
    // from_work() takes "container_of({ptr}, typeof(*{var}), {field})".
    if (FromTasklet.find('(') == std::string::npos)
      FromTasklet += "({var}, {ptr}, {field})";
    std::optional<CallTemplate> From = CallTemplate::parse(FromTasklet);
    if (!From)
      return errorAt(Name, Root["from_tasklet"].Mark(),
                     "from_tasklet: expected a name or a call like from_work({var}, {ptr}, {field})");
    R.FromTasklet = *From;
    if (const YAML::Node Context = Root["context"]) {
      std::string C = Context.as<std::string>();
      if (C != "softirq" && C != "process")
        return errorAt(Name, Context.Mark(), "context is softirq or process, not '" + C + "'");
      R.ProcessContext = C == "process";
    }
    const YAML::Node Queues = Root["queues"];
    if (!Queues || !Queues.IsMap())
      return errorAt(Name, Root.Mark(), "missing 'queues:' with normal and hi");
    for (auto [Out, Key] : {std::pair{&R.QueueNormal, "normal"}, std::pair{&R.QueueHi, "hi"}}) {
      auto V = scalar(Queues, Key, Name);
      if (!V)
        return V.takeError();
      *Out = *V;
    }
    if (const YAML::Node H = Root["hi_and_normal"]) {
      std::string V = H.as<std::string>();
      if (V != "hi" && V != "manual")
        return errorAt(Name, H.Mark(), "hi_and_normal is 'hi' or 'manual', not '" + V + "'");
      R.HiAndNormalUseHi = V == "hi";
    }
    const YAML::Node Calls = Root["calls"];
    if (!Calls || !Calls.IsMap())
      return errorAt(Name, Root.Mark(), "missing 'calls:' mapping");
    for (const auto &Entry : Calls) {
      std::string Fn = Entry.first.as<std::string>();
      std::optional<CallTemplate> T = CallTemplate::parse(Entry.second.as<std::string>());
      if (!T)
        return errorAt(Name, Entry.second.Mark(),
                       "'" + Fn + "': expected a call like queue_work({wq}, {t})");
      for (const CallTemplate::Arg &A : T->Args)
        if (A.Placeholder && A.Text != "t" && A.Text != "cb" && A.Text != "wq")
          return errorAt(Name, Entry.second.Mark(),
                         "'" + Fn + "': unknown placeholder {" + A.Text + "} (use {t}, {cb}, {wq})");
      R.Calls[Fn] = *T;
    }
    if (const YAML::Node Declare = Root["declare"])
      for (const auto &Entry : Declare)
        R.DeclareMacros[Entry.first.as<std::string>()] = Entry.second.as<std::string>();
    if (const YAML::Node Disabled = Root["declared_disabled_init"]) {
      R.DeclaredDisabledInit = Disabled.as<std::string>();
      if (!CallTemplate::parse(R.DeclaredDisabledInit))
        return errorAt(Name, Disabled.Mark(), "declared_disabled_init: expected a call like "
                                              "disable_work({t})");
    }
    const YAML::Node Callback = Root["callback"];
    if (!Callback || !Callback.IsMap())
      return errorAt(Name, Root.Mark(), "missing 'callback:' mapping");
    std::string *CbFields[] = {&R.LegacyParameter, &R.LegacyDataInit, &R.LegacyData};
    const char *CbKeys[] = {"legacy_parameter", "legacy_data_init", "legacy_data"};
    for (size_t I = 0; I < std::size(CbKeys); ++I) {
      auto V = scalar(Callback, CbKeys[I], Name);
      if (!V)
        return V.takeError();
      *CbFields[I] = *V;
    }
    const YAML::Node DataField = Callback["legacy_data_field"];
    const YAML::Node DataLoad = Callback["legacy_data_load"];
    if (bool(DataField) != bool(DataLoad))
      return errorAt(Name, Callback.Mark(),
                     "callback: legacy_data_field and legacy_data_load go together (both \"\": "
                     "such tasklets are left manual)");
    if (DataField) {
      R.LegacyDataField = DataField.as<std::string>();
      R.LegacyDataLoad = DataLoad.as<std::string>();
      if (!R.LegacyDataField.empty() && R.LegacyDataField.find("{field}") == std::string::npos)
        return errorAt(Name, DataField.Mark(),
                       "legacy_data_field must contain {field}: one data field per work item");
    }
    if (const YAML::Node Renames = Root["rename"]) {
      if (!Renames.IsMap())
        return errorAt(Name, Renames.Mark(), "rename maps a substring to its replacement");
      for (const auto &Entry : Renames)
        R.Renames.emplace_back(Entry.first.as<std::string>(), Entry.second.as<std::string>());
    }
    if (const YAML::Node Notes = Root["notes"])
      for (const auto &Entry : Notes)
        R.Notes[Entry.first.as<std::string>()] = Entry.second.as<std::string>();
  } catch (const YAML::Exception &E) {
    return errorAt(Name, E.mark, E.msg);
  }
  return R;
}

llvm::Expected<ConvertRules> ConvertRules::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "%s: cannot read rule file: %s",
                                   Path.str().c_str(), Buffer.getError().message().c_str());
  return parse((*Buffer)->getBuffer(), Path);
}

llvm::Expected<ConvertRules> ConvertRules::loadTarget(llvm::StringRef Target) {
  return load(shippedRulesPath(Target));
}

} // namespace detasklet
