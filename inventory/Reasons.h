// The catalogue of findings: stable codes with the sentence a maintainer reads.
// A blocking finding makes an object manual; a note tells the conversion (and
// the reviewer) what changes or needs care.
#ifndef DETASKLET_INVENTORY_REASONS_H
#define DETASKLET_INVENTORY_REASONS_H

#include "inventory/Inventory.h"
#include "llvm/ADT/ArrayRef.h"

namespace detasklet {

struct FindingInfo {
  const char *Code;
  bool Blocking;
  const char *Sentence;
};

llvm::ArrayRef<FindingInfo> findingCatalogue();
const FindingInfo *findingInfo(llvm::StringRef Code);

// Builds a finding from the catalogue; Detail, when given, is appended to the sentence.
Finding makeFinding(llvm::StringRef Code, const SourcePos &At, llvm::StringRef Detail = "");

} // namespace detasklet

#endif
