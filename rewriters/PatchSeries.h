// `--patch-dir`: a series in `git format-patch` form, one mail per driver,
// ready for `git am`, `scripts/checkpatch.pl` and `git send-email`.
#ifndef DETASKLET_REWRITERS_PATCHSERIES_H
#define DETASKLET_REWRITERS_PATCHSERIES_H

#include "rewriters/EditedFile.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace detasklet {

struct PatchSpec {
  std::string Subject;           // without "[PATCH n/m]"
  std::string Body;              // commit message body, already wrapped at 75 columns
  std::vector<EditedFile> Files; // sorted by path
};

struct SeriesOptions {
  std::string From = "detasklet <detasklet@localhost>"; // author line; the CLI fills it from git
                                                        // config when available
  std::string SignedOffBy;                              // empty: no Signed-off-by trailer
  std::string Date;                                     // RFC 2822; empty: now
};

// One patch as `git format-patch --zero-commit` prints it: the mbox "From "
// line, From:, Date:, "Subject: [PATCH n/m] ..." ("[PATCH]" alone when
// Total == 1; n padded to m's width; folded at 78 columns like git), MIME
// headers when a header or the message is not ASCII, the body, the
// Signed-off-by trailer, "---", the diffstat, the diffs, "-- " and a version.
std::string formatPatch(const PatchSpec &Patch, unsigned Number, unsigned Total,
                        const SeriesOptions &Options);

// "0001-<slug>.patch" with git's slug: runs of characters other than letters,
// digits, '.' and '_' become one '-', case is kept, 52 characters at most.
std::string patchFileName(unsigned Number, llvm::StringRef Subject);

// Writes DIR/0001-<slug>.patch ... (creating DIR) and returns their paths.
// A patch without a changed file is an error, as is a file that cannot be
// written.
llvm::Expected<std::vector<std::string>> writePatchSeries(llvm::StringRef Dir,
                                                          const std::vector<PatchSpec> &Patches,
                                                          const SeriesOptions &Options);

} // namespace detasklet

#endif
