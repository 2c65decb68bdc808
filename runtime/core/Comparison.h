// One scenario explored against the original driver and against its
// conversion, property by property: the same, worse (the conversion violates
// what the original kept), or better (the original violated it, the
// conversion does not); and every observation seen on one side only, as a
// documented (catalogued) or undocumented difference.
#ifndef DETASKLET_RUNTIME_CORE_COMPARISON_H
#define DETASKLET_RUNTIME_CORE_COMPARISON_H

#include "runtime/core/BenignCatalogue.h"
#include "runtime/core/Explorer.h"

#include <optional>
#include <string>
#include <vector>

namespace detasklet::runtime {

class ModuleImage;

enum class PropertyVerdict { Same, Worse, Better };

struct PropertyComparison {
  Property Id;
  PropertyVerdict Verdict = PropertyVerdict::Same;
  bool InOriginal = false, InConverted = false;
};

struct ObservationDifference {
  std::string Id;
  bool InOriginal = false, InConverted = false;
  std::optional<BenignDifference> Documented; // the catalogue's entry, if it has one
};

struct ScenarioComparison {
  std::string Scenario;
  ExploreResult Original, Converted;
  std::vector<PropertyComparison> Properties; // every property, in id order
  std::vector<ObservationDifference> Differences;

  const PropertyComparison &property(Property P) const { return Properties[unsigned(P)]; }
  bool anyWorse() const;
  bool anyUndocumented() const;
  // Both explorations ran to completion (or to the same bound).
  bool complete() const;
  // Nothing worse, nothing undocumented, both explorations complete.
  bool acceptable() const { return !anyWorse() && !anyUndocumented() && complete(); }
};

// Explores Scenario in both modules (with the same options) and compares.
ScenarioComparison compareConversion(ModuleImage &Original, ModuleImage &Converted,
                                     const std::string &Scenario, const ExploreOptions &Options,
                                     const BenignCatalogue &Catalogue);

// Compares two explorations already made.
ScenarioComparison compareResults(ExploreResult Original, ExploreResult Converted,
                                  const BenignCatalogue &Catalogue);

const char *verdictName(PropertyVerdict V);

} // namespace detasklet::runtime

#endif
