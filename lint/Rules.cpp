#include "lint/Rules.h"

#include "inventory/UseKind.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "yaml-cpp/yaml.h"

#ifndef DETASKLET_SOURCE_DIR
#define DETASKLET_SOURCE_DIR "."
#endif

namespace detasklet::lint {

llvm::StringRef severityName(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Note:
    return "note";
  }
  return "warning";
}

std::string Rule::advice() const {
  std::string Text = Message;
  if (!Replacement.empty())
    Text += "; use " + Replacement;
  if (!Note.empty())
    Text += " (" + Note + ")";
  return Text;
}

namespace {

// Every use kind the inventory knows. UseKind codes are contiguous from 0 and
// useKindCode() answers "unknown" past the last one.
std::vector<std::string> allUseCodes() {
  std::vector<std::string> Codes{ObjectDeclarationUse.str()};
  for (int K = 0;; ++K) {
    llvm::StringRef Code = useKindCode(static_cast<UseKind>(K));
    if (Code == "unknown")
      break;
    Codes.push_back(Code.str());
  }
  return Codes;
}

bool isCIdentifier(llvm::StringRef S) {
  if (S.empty() || !(std::isalpha(static_cast<unsigned char>(S[0])) || S[0] == '_'))
    return false;
  for (char C : S)
    if (!(std::isalnum(static_cast<unsigned char>(C)) || C == '_'))
      return false;
  return true;
}

bool isRuleId(llvm::StringRef S) {
  if (S.empty())
    return false;
  for (char C : S)
    if (!(std::islower(static_cast<unsigned char>(C)) || std::isdigit(static_cast<unsigned char>(C)) ||
          C == '-'))
      return false;
  return true;
}

// Builds "file:line:col: message" errors from a node's position.
class Reporter {
public:
  explicit Reporter(std::string File) : File(std::move(File)) {}
  llvm::Error at(const YAML::Node &Node, const llvm::Twine &What) const {
    const YAML::Mark M = Node.Mark();
    return at(M.line, M.column, What);
  }
  llvm::Error at(int Line, int Column, const llvm::Twine &What) const {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), File + ":" +
                                       llvm::Twine(Line + 1) + ":" + llvm::Twine(Column + 1) +
                                       ": " + What);
  }

private:
  std::string File;
};

llvm::Error checkKeys(const YAML::Node &Map, llvm::ArrayRef<llvm::StringRef> Known,
                      const Reporter &Err) {
  for (const auto &KV : Map) {
    std::string Key = KV.first.as<std::string>();
    if (llvm::find(Known, Key) == Known.end())
      return Err.at(KV.first, "unknown key '" + Key + "'");
  }
  return llvm::Error::success();
}

llvm::Expected<std::string> scalar(const YAML::Node &Map, const char *Key, bool Required,
                                   const Reporter &Err) {
  const YAML::Node N = Map[Key];
  if (!N) {
    if (Required)
      return Err.at(Map, llvm::Twine("entry needs '") + Key + ":'");
    return std::string();
  }
  if (!N.IsScalar())
    return Err.at(N, llvm::Twine("'") + Key + "' must be a single value");
  return N.as<std::string>();
}

llvm::Expected<std::vector<std::string>> scalarList(const YAML::Node &Map, const char *Key,
                                                    const Reporter &Err) {
  std::vector<std::string> Out;
  const YAML::Node N = Map[Key];
  if (!N)
    return Out;
  if (!N.IsSequence())
    return Err.at(N, llvm::Twine("'") + Key + "' must be a list");
  for (const YAML::Node &Item : N) {
    if (!Item.IsScalar())
      return Err.at(Item, llvm::Twine("'") + Key + "' items must be single values");
    Out.push_back(Item.as<std::string>());
  }
  return Out;
}

llvm::Expected<Severity> severityOf(const YAML::Node &Entry, const Reporter &Err) {
  auto Text = scalar(Entry, "severity", /*Required=*/true, Err);
  if (!Text)
    return Text.takeError();
  if (*Text == "error")
    return Severity::Error;
  if (*Text == "warning")
    return Severity::Warning;
  if (*Text == "note")
    return Severity::Note;
  return Err.at(Entry["severity"], "severity must be error, warning or note, not '" + *Text + "'");
}

} // namespace

llvm::Expected<RuleSet> RuleSet::parse(llvm::StringRef Yaml, llvm::StringRef Name) {
  Reporter Err(Name.str());
  RuleSet Set;
  Set.Name = Name.str();
  try {
    YAML::Node Root = YAML::Load(Yaml.str());
    if (!Root.IsMap())
      return Err.at(Root, "expected a mapping with 'version', 'allow_paths' and 'rules'");
    if (auto E = checkKeys(Root, {"version", "allow_paths", "rules"}, Err))
      return E;
    if (Root["version"] && Root["version"].as<std::string>() != "1")
      return Err.at(Root["version"], "unsupported version (this tool reads version 1)");

    auto Allow = scalarList(Root, "allow_paths", Err);
    if (!Allow)
      return Allow.takeError();
    for (const std::string &Pattern : *Allow) {
      Set.AllowText.push_back(std::make_unique<std::string>(Pattern));
      auto Glob = llvm::GlobPattern::create(*Set.AllowText.back());
      if (!Glob)
        return Err.at(Root["allow_paths"], "bad pattern '" + Pattern +
                                               "': " + llvm::toString(Glob.takeError()));
      Set.AllowPatterns.push_back(std::move(*Glob));
    }

    const YAML::Node Rules = Root["rules"];
    if (!Rules || !Rules.IsSequence() || Rules.size() == 0)
      return Err.at(Root, "missing 'rules:' list");
    llvm::StringSet<> Ids;
    std::vector<std::string> KnownUses = allUseCodes();
    for (const YAML::Node &Entry : Rules) {
      if (!Entry.IsMap())
        return Err.at(Entry, "a rule is a mapping with 'id', 'severity', 'message', ...");
      if (auto E = checkKeys(Entry, {"id", "severity", "identifiers", "uses", "message",
                                     "replacement", "note"},
                             Err))
        return E;
      Rule R;
      R.Index = Set.Rules.size();
      auto Id = scalar(Entry, "id", true, Err);
      if (!Id)
        return Id.takeError();
      if (!isRuleId(*Id))
        return Err.at(Entry["id"], "rule id '" + *Id + "' must be lower case, digits and '-'");
      if (!Ids.insert(*Id).second)
        return Err.at(Entry["id"], "duplicate rule id '" + *Id + "'");
      R.Id = *Id;
      auto Level = severityOf(Entry, Err);
      if (!Level)
        return Level.takeError();
      R.Level = *Level;
      for (auto [Field, Out] : {std::pair{"message", &R.Message},
                                std::pair{"replacement", &R.Replacement},
                                std::pair{"note", &R.Note}}) {
        auto Text = scalar(Entry, Field, std::string(Field) == "message", Err);
        if (!Text)
          return Text.takeError();
        *Out = *Text;
      }
      if (R.Message.empty())
        return Err.at(Entry["message"], "'message' must not be empty");

      auto Identifiers = scalarList(Entry, "identifiers", Err);
      if (!Identifiers)
        return Identifiers.takeError();
      for (const std::string &Id : *Identifiers) {
        if (!isCIdentifier(Id))
          return Err.at(Entry["identifiers"], "'" + Id + "' is not a C identifier");
        if (!Set.ByIdentifier.try_emplace(Id, R.Index).second)
          return Err.at(Entry["identifiers"], "'" + Id + "' already belongs to rule '" +
                                                  Set.Rules[Set.ByIdentifier[Id]].Id + "'");
      }
      R.Identifiers = std::move(*Identifiers);

      auto Uses = scalarList(Entry, "uses", Err);
      if (!Uses)
        return Uses.takeError();
      for (const std::string &Use : *Uses) {
        if (llvm::find(KnownUses, Use) == KnownUses.end())
          return Err.at(Entry["uses"], "unknown use kind '" + Use + "'");
        if (!Set.ByUse.try_emplace(Use, R.Index).second)
          return Err.at(Entry["uses"], "use kind '" + Use + "' already belongs to rule '" +
                                           Set.Rules[Set.ByUse[Use]].Id + "'");
      }
      R.Uses = std::move(*Uses);
      Set.Rules.push_back(std::move(R));
    }
  } catch (const YAML::Exception &E) {
    return Err.at(E.mark.line, E.mark.column, E.msg);
  }
  return Set;
}

llvm::Expected<RuleSet> RuleSet::load(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), Path + ": cannot read rule file: " +
                                                          Buffer.getError().message());
  return parse((*Buffer)->getBuffer(), Path);
}

std::string RuleSet::defaultPath() { return DETASKLET_SOURCE_DIR "/rules/lint.yaml"; }

llvm::Error RuleSet::checkCoversUseKinds() const {
  for (const std::string &Use : allUseCodes())
    if (!ByUse.count(Use))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Name + ": no rule lists use kind '" + Use +
                                         "' under 'uses:'; --semantic needs one for every "
                                         "kind the inventory reports");
  return llvm::Error::success();
}

const Rule *RuleSet::ruleForIdentifier(llvm::StringRef Identifier) const {
  auto It = ByIdentifier.find(Identifier);
  return It == ByIdentifier.end() ? nullptr : &Rules[It->second];
}

const Rule *RuleSet::ruleForUse(llvm::StringRef UseCode) const {
  auto It = ByUse.find(UseCode);
  return It == ByUse.end() ? nullptr : &Rules[It->second];
}

std::vector<std::string> RuleSet::identifiers() const {
  std::vector<std::string> All;
  for (const Rule &R : Rules)
    All.insert(All.end(), R.Identifiers.begin(), R.Identifiers.end());
  return All;
}

bool RuleSet::isAllowed(llvm::StringRef Path) const {
  for (const llvm::GlobPattern &Pattern : AllowPatterns) {
    llvm::StringRef Tail = Path;
    while (true) {
      if (Pattern.match(Tail))
        return true;
      size_t Slash = Tail.find('/');
      if (Slash == llvm::StringRef::npos)
        break;
      Tail = Tail.drop_front(Slash + 1);
    }
  }
  return false;
}

} // namespace detasklet::lint
