// From the inventory and a conversion target's rules to edits: for every group
// of tasklets that convert together, the exact byte edits in every file they
// touch, or the reasons the group is left untouched everywhere.
#ifndef DETASKLET_REWRITERS_EDITPLANNER_H
#define DETASKLET_REWRITERS_EDITPLANNER_H

#include "inventory/Inventory.h"
#include "rewriters/ConvertRules.h"
#include "rewriters/EditedFile.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace detasklet {

// Reads each file of the tree once; what was read is what edits apply to and
// what an in-place write checks against.
class SourceFiles {
public:
  explicit SourceFiles(std::string Root) : Root(std::move(Root)) {}
  const std::string *get(const std::string &Path); // relative to the root; null if unreadable
  const std::string &root() const { return Root; }

private:
  std::string Root;
  std::map<std::string, std::unique_ptr<std::string>> Cache;
};

// The TUs of the compile database outside the selection, and which of them
// include a given header: editing such a header would break them.
class UnscannedIncluders {
public:
  UnscannedIncluders(const std::vector<std::string> &Tus, SourceFiles &Sources)
      : Tus(Tus), Sources(Sources) {}
  // One unscanned TU that includes Header (relative to the root), if any.
  std::optional<std::string> includerOf(const std::string &Header);

private:
  const std::vector<std::string> &Tus;
  SourceFiles &Sources;
  bool Indexed = false;
  struct Includer {
    std::string Tu;
    std::string Resolved; // "dir/name.h" when a quoted include names a file beside the TU
  };
  std::map<std::string, std::vector<Includer>> IncludedBy; // file name -> unscanned TUs
};

struct PlannedEdit {
  TextRange Range; // replaced; Length 0 inserts
  std::string Text;
};

struct GroupPlan {
  std::vector<std::string> Objects;     // keys, sorted
  std::string Directory;                // the driver directory: one patch per directory
  std::vector<PlannedEdit> Edits;
  std::vector<Finding> Problems;        // non-empty: nothing of this group is edited
  std::vector<std::string> Differences; // rules' note keys that apply: enable, kill, hi_and_normal
  std::vector<Finding> Warnings;        // converted, but a person must look (process context)
  bool converted() const { return Problems.empty(); }
};

struct ConversionPlan {
  std::vector<GroupPlan> Groups;        // only groups the inventory found convertible
  std::vector<EditedFile> Files;        // every file with edits, by path
  std::map<std::string, std::vector<std::string>> FilesByGroup; // first object key -> paths
};

ConversionPlan planConversion(const Inventory &Inv, const ConvertRules &Rules, SourceFiles &Sources);

} // namespace detasklet

#endif
