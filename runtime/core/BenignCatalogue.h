// The catalogue of documented, accepted differences between a tasklet driver
// and its conversion (runtime/benign-differences.yaml), keyed by the
// observation ids the model records.
#ifndef DETASKLET_RUNTIME_CORE_BENIGNCATALOGUE_H
#define DETASKLET_RUNTIME_CORE_BENIGNCATALOGUE_H

#include <string>
#include <vector>

namespace detasklet::runtime {

struct BenignDifference {
  std::string Id;
  std::string Side; // "original" or "converted"
  std::string Meaning;
  std::string Why;
};

class BenignCatalogue {
public:
  // Reads the YAML file; on failure returns false and sets Error.
  bool load(const std::string &Path, std::string &Error);
  // The catalogue shipped in this source tree.
  static BenignCatalogue shipped();
  static std::string shippedPath();

  const BenignDifference *find(const std::string &Id) const;
  const std::vector<BenignDifference> &entries() const { return Entries; }

private:
  std::vector<BenignDifference> Entries;
};

} // namespace detasklet::runtime

#endif
