// The subject prefix a kernel maintainer expects for a driver, e.g.
// drivers/dma/pl330.c -> "dmaengine: pl330", drivers/net/wireless/ath/ath9k ->
// "wifi: ath9k", drivers/crypto/atmel-aes.c -> "crypto: atmel-aes" (followed by
// " - " rather than ": "). Conventions differ per subsystem and change over
// time, so the mapping is data: rules/subjects.yaml.
#ifndef DETASKLET_REWRITERS_SUBJECTPREFIX_H
#define DETASKLET_REWRITERS_SUBJECTPREFIX_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace detasklet {

class SubjectPrefixes {
public:
  // How the driver's name is taken from the path below a rule's directory.
  enum class DriverName {
    First,  // the first directory below, or the file's stem: drivers/scsi/pm8001/x.c -> pm8001
    Vendor, // the same one level further down: drivers/net/ethernet/broadcom/cnic.c -> cnic
    None,   // the prefix alone: net/mac80211/rx.c -> "wifi: mac80211"
  };

  struct Rule {
    std::string Path;   // tree-relative; a last component ending in '*' matches by prefix
    std::string Prefix; // "dmaengine", "wifi", "RDMA"
    DriverName Driver = DriverName::First;
    std::string Join = ": ";      // between Prefix and the driver name ("RDMA" + "/" + "hfi1")
    std::string Separator = ": "; // between the whole prefix and the summary ("crypto: x - ...")
    std::string Strip;            // removed from the front of the driver name ("i2c-")
    unsigned Line = 0;            // where the rule is written, for messages
  };

  // An invalid file is rejected with file:line:column and what is wrong.
  static llvm::Expected<SubjectPrefixes> parse(llvm::StringRef Yaml, llvm::StringRef Name);
  static llvm::Expected<SubjectPrefixes> load(llvm::StringRef Path);
  // rules/subjects.yaml of the source tree the tool was built from.
  static llvm::Expected<SubjectPrefixes> loadDefault();

  // DriverPath is a driver's directory or, for a one-file driver, its file,
  // relative to the tree root. The rule with the longest matching path wins;
  // without one, "<last directory>: <file stem>" (or the last directory).
  std::string prefixFor(llvm::StringRef DriverPath) const;
  // prefixFor(DriverPath), the rule's separator, then Summary.
  std::string subject(llvm::StringRef DriverPath, llvm::StringRef Summary) const;

  const std::vector<Rule> &rules() const { return Rules; }

private:
  const Rule *match(llvm::StringRef Path) const;
  std::vector<Rule> Rules;
};

} // namespace detasklet

#endif
