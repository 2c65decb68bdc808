// verify --series: which objects a patch series converts exactly as
// detasklet's own plan does. For those, the plan's protocol-level verdict is
// the series' verdict. An object whose files the series changes otherwise (a
// hand edit, a conversion the plan does not make, a file the plan changes
// and the series leaves alone) is read back from the code the series leaves
// (SeriesConversions.h). Objects in files the series does not touch are not
// its business.
#ifndef DETASKLET_VERIFY_SERIESMATCH_H
#define DETASKLET_VERIFY_SERIESMATCH_H

#include "inventory/Inventory.h"
#include "rewriters/EditPlanner.h"
#include "rewriters/PatchApply.h"

#include <map>
#include <string>

namespace detasklet {

enum class SeriesStatus {
  AsPlanned,   // every file of the object (and of the plan's edits for it) is as the plan makes it
  HandEdited,  // some file of the object differs from the plan: read back from the code
  NotInSeries, // the series touches none of the object's files
};

struct SeriesObject {
  SeriesStatus Status = SeriesStatus::NotInSeries;
  std::string Why; // HandEdited: the first difference, "file:line: what"
};

class SeriesMatch {
public:
  SeriesMatch(const Inventory &Inv, const ConversionPlan &Plan, const AppliedSeries &Series);
  const SeriesObject &of(const std::string &ObjectKey) const;

private:
  // For a file: empty when the series and the plan agree on it, else why not.
  std::string compareFile(const std::string &Path) const;

  const ConversionPlan &Plan;
  const AppliedSeries &Series;
  std::map<std::string, SeriesObject> Objects;
  SeriesObject Untouched;
};

} // namespace detasklet

#endif
