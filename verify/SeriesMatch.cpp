#include "verify/SeriesMatch.h"

#include <set>

namespace detasklet {

namespace {

// The first line (1-based) where two texts differ.
unsigned firstDifferingLine(llvm::StringRef A, llvm::StringRef B) {
  unsigned Line = 1;
  for (size_t I = 0; I < A.size() && I < B.size(); ++I) {
    if (A[I] != B[I])
      return Line;
    if (A[I] == '\n')
      ++Line;
  }
  return Line;
}

const EditedFile *plannedFile(const ConversionPlan &Plan, const std::string &Path) {
  for (const EditedFile &F : Plan.Files)
    if (F.Path == Path && F.Modified != F.Original)
      return &F;
  return nullptr;
}

} // namespace

std::string SeriesMatch::compareFile(const std::string &Path) const {
  const EditedFile *Planned = plannedFile(Plan, Path);
  auto InSeries = Series.files().find(Path);
  if (InSeries == Series.files().end())
    return Planned ? Path + ": the series leaves it as it is; detasklet's conversion changes it"
                   : "";
  if (!Planned)
    return Path + ": the series changes it; detasklet's conversion does not";
  if (InSeries->second.Deleted)
    return Path + ": the series deletes it";
  if (InSeries->second.Text == Planned->Modified)
    return "";
  return Path + ":" +
         std::to_string(firstDifferingLine(InSeries->second.Text, Planned->Modified)) +
         ": the series' line differs from detasklet's conversion";
}

SeriesMatch::SeriesMatch(const Inventory &Inv, const ConversionPlan &Plan,
                         const AppliedSeries &Series)
    : Plan(Plan), Series(Series) {
  std::map<std::string, std::string> FileVerdicts; // path -> compareFile()
  auto fileVerdict = [&](const std::string &Path) -> const std::string & {
    auto It = FileVerdicts.find(Path);
    if (It == FileVerdicts.end())
      It = FileVerdicts.emplace(Path, compareFile(Path)).first;
    return It->second;
  };
  // Every file the plan edits to convert an object: its group's, which holds
  // the callbacks' other declarations, carriers, ops-table slots and the
  // objects converted with it.
  std::map<std::string, std::set<std::string>> PlannedFiles;
  for (const GroupPlan &G : Plan.Groups) {
    std::set<std::string> Files;
    for (const PlannedEdit &E : G.Edits)
      Files.insert(E.Range.File);
    for (const std::string &Key : G.Objects)
      PlannedFiles[Key].insert(Files.begin(), Files.end());
  }
  for (const ObjectReport &O : Inv.Objects) {
    std::set<std::string> Files = PlannedFiles[O.Decl.Key];
    Files.insert(O.Decl.Declared.File);
    for (const Use &U : O.Uses)
      Files.insert(U.Site.Where.File);
    for (const CallbackInfo &C : O.Callbacks)
      if (C.Declared.valid())
        Files.insert(C.Declared.File);
    for (const TextRange &M : O.Mentions)
      Files.insert(M.File);
    Files.erase("");
    SeriesObject S;
    bool Touched = false;
    for (const std::string &F : Files) {
      Touched |= Series.files().count(F) != 0;
      if (S.Why.empty())
        S.Why = fileVerdict(F);
    }
    if (!Touched)
      S = SeriesObject{};
    else
      S.Status = S.Why.empty() ? SeriesStatus::AsPlanned : SeriesStatus::HandEdited;
    Objects[O.Decl.Key] = std::move(S);
  }
}

const SeriesObject &SeriesMatch::of(const std::string &ObjectKey) const {
  auto It = Objects.find(ObjectKey);
  return It == Objects.end() ? Untouched : It->second;
}

} // namespace detasklet
