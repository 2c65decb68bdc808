#include "inventory/Inventory.h"

#include "inventory/Reasons.h"
#include "inventory/Verdict.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>

namespace detasklet {

std::string SourcePos::str() const {
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

llvm::StringRef objectKindCode(ObjectKind K) {
  switch (K) {
  case ObjectKind::Field: return "field";
  case ObjectKind::Global: return "global";
  case ObjectKind::Static: return "static";
  case ObjectKind::Local: return "local";
  case ObjectKind::PerCpu: return "per-cpu";
  }
  return "field";
}

llvm::StringRef legacyDataCode(LegacyData D) {
  switch (D) {
  case LegacyData::None: return "";
  case LegacyData::Container: return "container";
  case LegacyData::Constant: return "constant";
  case LegacyData::Foreign: return "foreign";
  }
  return "";
}

std::optional<ObjectKind> objectKindFromCode(llvm::StringRef Code) {
  for (ObjectKind K : {ObjectKind::Field, ObjectKind::Global, ObjectKind::Static,
                       ObjectKind::Local, ObjectKind::PerCpu})
    if (objectKindCode(K) == Code)
      return K;
  return std::nullopt;
}

std::optional<LegacyData> legacyDataFromCode(llvm::StringRef Code) {
  for (LegacyData D :
       {LegacyData::None, LegacyData::Container, LegacyData::Constant, LegacyData::Foreign})
    if (legacyDataCode(D) == Code)
      return D;
  return std::nullopt;
}

// Shared headers (include/...) say little about which driver owns a tasklet;
// the first initialisation does.
std::string ObjectReport::directory() const {
  std::string File = Decl.Declared.File;
  if (llvm::StringRef(File).starts_with("include/") || File.empty()) {
    for (const Use &U : Uses)
      if (isInit(U.Kind)) {
        File = U.Site.Where.File;
        break;
      }
  }
  return llvm::sys::path::parent_path(File).str();
}

std::vector<std::string> Inventory::filesWithUses() const {
  std::set<std::string> Files;
  for (const ObjectReport &O : Objects)
    for (const Use &U : O.Uses)
      Files.insert(U.Site.Where.File);
  for (const Use &U : Unattached)
    Files.insert(U.Site.Where.File);
  return {Files.begin(), Files.end()};
}

namespace {
std::vector<TypeSite> mergeSites(std::vector<TypeSite> Sites, const std::vector<TypeSite> &More) {
  for (const TypeSite &S : More)
    if (std::none_of(Sites.begin(), Sites.end(),
                     [&](const TypeSite &Known) { return Known.TypeText == S.TypeText; }))
      Sites.push_back(S);
  std::sort(Sites.begin(), Sites.end(),
            [](const TypeSite &A, const TypeSite &B) { return A.TypeText < B.TypeText; });
  return Sites;
}
} // namespace

void InventoryBuilder::add(const TuFacts &Facts) {
  Scanned.push_back(Facts.MainFile);
  for (const ObjectDecl &O : Facts.Objects) {
    auto [It, Inserted] = Objects.emplace(O.Key, O);
    // An extern declaration may come first; the definition's position wins.
    if (!Inserted && O.ArraySize > It->second.ArraySize)
      It->second.ArraySize = O.ArraySize;
  }
  for (const CallbackInfo &C : Facts.Callbacks) {
    auto [It, Inserted] = Callbacks.emplace(C.Key, C);
    if (Inserted)
      continue;
    // A prototype in one TU, the definition in another: keep the definition's
    // facts and every declaration's parameter.
    std::vector<TypeSite> Params = It->second.Params;
    std::set<TextRange> Mentions(It->second.Mentions.begin(), It->second.Mentions.end());
    std::set<std::string> Neighbours(It->second.RenameNeighbours.begin(),
                                     It->second.RenameNeighbours.end());
    if (C.Defined && !It->second.Defined)
      It->second = C;
    It->second.Params = mergeSites(std::move(Params), C.Params);
    Mentions.insert(C.Mentions.begin(), C.Mentions.end());
    Neighbours.insert(C.RenameNeighbours.begin(), C.RenameNeighbours.end());
    It->second.Mentions.assign(Mentions.begin(), Mentions.end());
    It->second.RenameNeighbours.assign(Neighbours.begin(), Neighbours.end());
  }
  for (const AliasDef &A : Facts.Aliases) {
    auto [It, Inserted] = Aliases.emplace(A.Key, A);
    if (!Inserted)
      It->second.Types = mergeSites(std::move(It->second.Types), A.Types);
  }
  for (const CallbackSlot &S : Facts.Slots) {
    auto [It, Inserted] = Slots.emplace(S.Key, S);
    if (Inserted)
      continue;
    // Every TU adds what it stores and reads; a header's problem counts once.
    CallbackSlot &Known = It->second;
    Known.Params = mergeSites(std::move(Known.Params), S.Params);
    for (const std::string &C : S.Callbacks)
      if (std::find(Known.Callbacks.begin(), Known.Callbacks.end(), C) == Known.Callbacks.end())
        Known.Callbacks.push_back(C);
    for (const SlotProblem &P : S.Problems)
      if (std::none_of(Known.Problems.begin(), Known.Problems.end(), [&](const SlotProblem &Q) {
            return Q.At == P.At && Q.Text == P.Text && Q.Why == P.Why;
          }))
        Known.Problems.push_back(P);
    for (const TextRange &M : S.Mentions)
      if (std::find(Known.Mentions.begin(), Known.Mentions.end(), M) == Known.Mentions.end())
        Known.Mentions.push_back(M);
  }
  Uses.insert(Uses.end(), Facts.Uses.begin(), Facts.Uses.end());
  for (const Mention &M : Facts.Mentions)
    if (M.Name.valid())
      Mentions[M.Key].insert(M.Name);
  for (const FunctionInfo &F : Facts.Functions)
    Functions.emplace(F.Key, F); // a header's function is the same in every TU
  ContextEntries.insert(Facts.Context.Entries.begin(), Facts.Context.Entries.end());
  Locks.insert(Facts.Context.Locks.begin(), Facts.Context.Locks.end());
  Queries.insert(Facts.Context.Queries.begin(), Facts.Context.Queries.end());
}

void InventoryBuilder::addFailure(TuFailure Failure) { Failures.push_back(std::move(Failure)); }

void InventoryBuilder::checkSlots(const SlotCheck &Check) {
  std::set<std::string> Linked;
  for (const Use &U : Uses)
    if (isInit(U.Kind) && Slots.count(U.LinkedTo))
      Linked.insert(U.LinkedTo);
  for (const std::string &Key : Linked) {
    CallbackSlot &S = Slots[Key];
    std::set<std::string> Known;
    for (const std::string &C : S.Callbacks)
      if (auto It = Callbacks.find(C); It != Callbacks.end() && !It->second.FileLocal)
        Known.insert(It->second.Name);
    for (SlotProblem &P : Check(S, Known))
      S.Problems.push_back(std::move(P));
  }
}

namespace {
auto useOrder(const Use &U) {
  return std::tie(U.Site.Where, U.Kind, U.Target, U.LinkedTo, U.Text);
}

void sortAndDedupe(std::vector<Use> &Uses) {
  std::sort(Uses.begin(), Uses.end(),
            [](const Use &A, const Use &B) { return useOrder(A) < useOrder(B); });
  Uses.erase(std::unique(Uses.begin(), Uses.end(),
                         [](const Use &A, const Use &B) { return useOrder(A) == useOrder(B); }),
             Uses.end());
}
// All or nothing: one manual member keeps its whole group manual.
void propagateGroupVerdicts(std::vector<ObjectReport> &Objects) {
  std::set<std::string> Manual;
  for (const ObjectReport &R : Objects)
    if (!R.convertible())
      Manual.insert(R.Decl.Key);
  for (ObjectReport &R : Objects)
    for (const std::string &Other : R.ConvertedWith)
      if (Manual.count(Other)) {
        R.Reasons.push_back(makeFinding("blocked-by-group", R.Decl.Declared, Other));
        break;
      }
}
} // namespace

Inventory InventoryBuilder::finish() {
  // Only functions some tasklet registers are callbacks; the collectors record
  // every definition and direct call of a function shaped like one.
  std::set<std::string> Registered;
  for (const Use &U : Uses)
    if (isInit(U.Kind) && !U.LinkedTo.empty())
      Registered.insert(U.LinkedTo);
  // An ops-table field an init reads registers every function stored into it.
  // Merge order must not show: the slot's lists are sorted.
  std::set<std::string> LinkedSlots;
  for (auto &[Key, S] : Slots) {
    if (!Registered.count(Key))
      continue;
    LinkedSlots.insert(Key);
    std::sort(S.Callbacks.begin(), S.Callbacks.end());
    std::sort(S.Problems.begin(), S.Problems.end(), [](const SlotProblem &A, const SlotProblem &B) {
      return std::tie(A.At, A.Text) < std::tie(B.At, B.Text);
    });
    std::sort(S.Mentions.begin(), S.Mentions.end());
  }
  for (const std::string &Key : LinkedSlots)
    Registered.insert(Slots[Key].Callbacks.begin(), Slots[Key].Callbacks.end());
  // A callback also stored into a field of its shape that no init reads has a
  // use the conversion does not follow: retyping it would break that store.
  std::map<std::string, std::string> StoredElsewhere;
  for (auto It = Slots.begin(); It != Slots.end();) {
    if (LinkedSlots.count(It->first)) {
      ++It;
      continue;
    }
    for (const std::string &C : It->second.Callbacks)
      if (Registered.count(C))
        StoredElsewhere.try_emplace(C, It->second.Record + "::" + It->second.Name + " (" +
                                           It->second.Declared.str() + ")");
    It = Slots.erase(It);
  }
  llvm::erase_if(Uses, [&](const Use &U) {
    return U.Kind == UseKind::CallbackCall && !Registered.count(U.Target);
  });
  for (auto It = Callbacks.begin(); It != Callbacks.end();)
    It = Registered.count(It->first) ? std::next(It) : Callbacks.erase(It);
  sortAndDedupe(Uses);

  // The member paths by which the legacy inits registering a callback reach
  // their tasklet from the data: from_work() can name only one.
  std::map<std::string, std::set<std::string>> ContainerPaths;
  for (const Use &U : Uses) {
    if (!isInit(U.Kind) || U.Data != LegacyData::Container)
      continue;
    if (auto S = Slots.find(U.LinkedTo); S != Slots.end())
      for (const std::string &C : S->second.Callbacks)
        ContainerPaths[C].insert(U.ContainerPath);
    else if (!U.LinkedTo.empty())
      ContainerPaths[U.LinkedTo].insert(U.ContainerPath);
  }

  llvm::EquivalenceClasses<std::string> Groups;
  for (const auto &[Key, O] : Objects)
    Groups.insert(Key);
  for (const auto &[Key, C] : Callbacks)
    if (!C.Legacy) // a new-style callback's argument is the tasklet itself
      Groups.unionSets(Key, "param:" + Key.substr(strlen("callback:")) + "#0");
  for (const auto &[Key, S] : Slots)
    for (const std::string &C : S.Callbacks)
      Groups.unionSets(Key, C);
  // A use written once inside a macro body serves every tasklet the macro is
  // expanded for: one edit there converts all of them or none.
  std::map<TextRange, std::string> MacroBodyOwner;
  for (const Use &U : Uses) {
    Groups.insert(U.Target);
    if (!U.LinkedTo.empty())
      Groups.unionSets(U.Target, U.LinkedTo);
    if (U.Anchor.valid() && !(U.Site.Spelling == U.Site.Where)) {
      auto [It, New] = MacroBodyOwner.emplace(U.Anchor, U.Target);
      if (!New)
        Groups.unionSets(It->second, U.Target);
    }
  }

  std::map<std::string, std::vector<const Use *>> UsesByLeader;
  for (const Use &U : Uses)
    UsesByLeader[Groups.getLeaderValue(U.Target)].push_back(&U);
  std::map<std::string, ConversionGroup> GroupByLeader;
  for (auto It = Groups.begin(); It != Groups.end(); ++It) {
    if (!It->isLeader())
      continue;
    ConversionGroup &G = GroupByLeader[It->getData()];
    G.AliasDefs = &Aliases;
    for (auto M = Groups.member_begin(It); M != Groups.member_end(); ++M) {
      auto O = Objects.find(*M);
      if (O != Objects.end())
        G.Objects.push_back(&O->second);
      else
        G.AliasKeys.insert(*M);
      auto C = Callbacks.find(*M);
      if (C != Callbacks.end())
        G.Callbacks.push_back(C->second);
      if (auto S = Slots.find(*M); S != Slots.end())
        G.Slots.push_back(S->second);
      if (auto E = StoredElsewhere.find(*M); E != StoredElsewhere.end())
        G.StoredElsewhere.insert(*E);
      if (auto P = ContainerPaths.find(*M); P != ContainerPaths.end() && P->second.size() > 1)
        G.ContainerPaths.insert(*P);
    }
  }

  Inventory Inv;
  Inv.Root = Root;
  for (const auto &[Key, O] : Objects) {
    const std::string &Leader = Groups.getLeaderValue(Key);
    const ConversionGroup &G = GroupByLeader[Leader];
    ObjectReport R;
    R.Decl = O;
    for (const Use *U : UsesByLeader[Leader])
      if (U->Target == Key || !Objects.count(U->Target))
        R.Uses.push_back(*U);
    R.Callbacks = G.Callbacks;
    R.Slots = G.Slots;
    for (const ObjectDecl *Other : G.Objects)
      if (Other->Key != Key)
        R.ConvertedWith.push_back(Other->Key);
    std::sort(R.ConvertedWith.begin(), R.ConvertedWith.end());
    if (auto M = Mentions.find(Key); M != Mentions.end())
      R.Mentions.assign(M->second.begin(), M->second.end());
    for (const std::string &Alias : G.AliasKeys)
      if (auto A = Aliases.find(Alias); A != Aliases.end())
        R.Carriers.push_back(A->second);
    judgeObject(R, G);
    Inv.Objects.push_back(std::move(R));
  }
  propagateGroupVerdicts(Inv.Objects);
  for (auto &[Leader, GroupUses] : UsesByLeader)
    if (GroupByLeader[Leader].Objects.empty())
      for (const Use *U : GroupUses)
        Inv.Unattached.push_back(*U);
  sortAndDedupe(Inv.Unattached);

  std::stable_sort(Inv.Objects.begin(), Inv.Objects.end(),
                   [](const ObjectReport &A, const ObjectReport &B) {
                     return std::make_tuple(A.directory(), A.Decl.Declared, A.Decl.Key) <
                            std::make_tuple(B.directory(), B.Decl.Declared, B.Decl.Key);
                   });
  Inv.Failures = Failures;
  std::sort(Inv.Failures.begin(), Inv.Failures.end(),
            [](const TuFailure &A, const TuFailure &B) { return A.File < B.File; });
  Inv.Scanned = Scanned;
  std::sort(Inv.Scanned.begin(), Inv.Scanned.end());
  Inv.Functions = Functions;
  Inv.Context.Entries.assign(ContextEntries.begin(), ContextEntries.end());
  Inv.Context.Locks.assign(Locks.begin(), Locks.end());
  Inv.Context.Queries.assign(Queries.begin(), Queries.end());
  return Inv;
}

} // namespace detasklet
