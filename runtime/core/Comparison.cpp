#include "runtime/core/Comparison.h"

#include "runtime/core/ModuleImage.h"

#include <set>

namespace detasklet::runtime {

const char *verdictName(PropertyVerdict V) {
  switch (V) {
  case PropertyVerdict::Same:
    return "same";
  case PropertyVerdict::Worse:
    return "worse";
  case PropertyVerdict::Better:
    return "better";
  }
  return "?";
}

bool ScenarioComparison::anyWorse() const {
  for (const PropertyComparison &P : Properties)
    if (P.Verdict == PropertyVerdict::Worse)
      return true;
  return false;
}

bool ScenarioComparison::anyUndocumented() const {
  for (const ObservationDifference &D : Differences)
    if (!D.Documented)
      return true;
  return false;
}

bool ScenarioComparison::complete() const {
  return Original.Error.empty() && Converted.Error.empty() &&
         Original.Done != Completeness::Incomplete && Converted.Done != Completeness::Incomplete;
}

ScenarioComparison compareResults(ExploreResult Original, ExploreResult Converted,
                                  const BenignCatalogue &Catalogue) {
  ScenarioComparison C;
  C.Scenario = Original.Scenario;
  for (const PropertyInfo &Info : allProperties()) {
    PropertyComparison P;
    P.Id = Info.Id;
    P.InOriginal = Original.violated(Info.Id);
    P.InConverted = Converted.violated(Info.Id);
    if (P.InConverted && !P.InOriginal)
      P.Verdict = PropertyVerdict::Worse;
    else if (P.InOriginal && !P.InConverted)
      P.Verdict = PropertyVerdict::Better;
    C.Properties.push_back(P);
  }
  std::set<std::string> All = Original.Observations;
  All.insert(Converted.Observations.begin(), Converted.Observations.end());
  for (const std::string &Id : All) {
    bool InO = Original.Observations.count(Id), InC = Converted.Observations.count(Id);
    if (InO == InC)
      continue;
    ObservationDifference D;
    D.Id = Id;
    D.InOriginal = InO;
    D.InConverted = InC;
    // Documented only for the side the catalogue names: the same observation
    // on the other side would be a different story.
    if (const BenignDifference *B = Catalogue.find(Id))
      if ((B->Side == "converted") == InC)
        D.Documented = *B;
    C.Differences.push_back(D);
  }
  C.Original = std::move(Original);
  C.Converted = std::move(Converted);
  return C;
}

ScenarioComparison compareConversion(ModuleImage &Original, ModuleImage &Converted,
                                     const std::string &Scenario, const ExploreOptions &Options,
                                     const BenignCatalogue &Catalogue) {
  ExploreResult O = explore(Original, Scenario, Options);
  ExploreResult C = explore(Converted, Scenario, Options);
  return compareResults(std::move(O), std::move(C), Catalogue);
}

} // namespace detasklet::runtime
