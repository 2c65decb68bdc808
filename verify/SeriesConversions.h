// verify --series, for objects a series converts otherwise than detasklet's
// own plan (by hand, or with other choices): the converted side's protocol
// is read from the code the series leaves. The TUs that use those objects
// are scanned again, through the applied series, with the work-item API
// (rules/work-api.yaml); each tasklet is paired with the work item declared
// where the series replaced its declaration, and that work item's protocol
// is extracted like a tasklet's.
#ifndef DETASKLET_VERIFY_SERIESCONVERSIONS_H
#define DETASKLET_VERIFY_SERIESCONVERSIONS_H

#include "inventory/Inventory.h"
#include "rewriters/PatchApply.h"
#include "tool/CompileCommands.h"
#include "tool/TuRunner.h"
#include "verify/Protocol.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

struct SeriesConversion {
  std::optional<ObjectProtocol> Converted; // the work item's protocol (maybe not abstracted)
  std::string Why;                          // no work item was paired: why
  // Instances with several callbacks: per original callback key, the
  // protocol of the work item's instances running the function the series
  // left where that callback was.
  std::map<std::string, ObjectProtocol> ByCallback;
  // Where the series put an old line of a file.
  std::function<LineMap::Lines(const std::string &, unsigned)> LinesAfter;
};

class SeriesConversions {
public:
  // Scans the TUs the original inventory scanned, as the series leaves them
  // (none when Objects is empty). A TU that does not parse after the
  // series is reported through of().
  static llvm::Expected<SeriesConversions> scan(const Inventory &Original,
                                                const std::vector<const ObjectReport *> &Objects,
                                                const AppliedSeries &Series,
                                                const SelectionRequest &Selection,
                                                const RunOptions &Run);
  SeriesConversion of(const ObjectReport &Original) const;

private:
  SeriesConversions(const Inventory &Original, Inventory Patched, const AppliedSeries &Series)
      : Original(&Original), Patched(std::move(Patched)), Series(&Series) {}
  // Where the series put old line Line of File.
  LineMap::Lines linesAfter(const std::string &File, unsigned Line) const;

  const Inventory *Original;
  Inventory Patched;
  const AppliedSeries *Series;
};

// The work-item API description the patched code is scanned with.
std::string workApiRules();

} // namespace detasklet

#endif
