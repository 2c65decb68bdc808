#include "runtime/core/BenignCatalogue.h"

#include <cstdio>
#include <cstdlib>

#include <yaml-cpp/yaml.h>

namespace detasklet::runtime {

bool BenignCatalogue::load(const std::string &Path, std::string &Error) {
  Entries.clear();
  try {
    YAML::Node Root = YAML::LoadFile(Path);
    if (!Root.IsSequence()) {
      Error = Path + ": expected a list of differences";
      return false;
    }
    for (const YAML::Node &N : Root) {
      BenignDifference D;
      if (!N["id"] || !N["side"] || !N["meaning"] || !N["why"]) {
        Error = Path + ": every entry needs id, side, meaning and why";
        return false;
      }
      D.Id = N["id"].as<std::string>();
      D.Side = N["side"].as<std::string>();
      D.Meaning = N["meaning"].as<std::string>();
      D.Why = N["why"].as<std::string>();
      if (D.Side != "original" && D.Side != "converted") {
        Error = Path + ": " + D.Id + ": side must be original or converted";
        return false;
      }
      if (find(D.Id)) {
        Error = Path + ": " + D.Id + " is listed twice";
        return false;
      }
      Entries.push_back(std::move(D));
    }
  } catch (const YAML::Exception &E) {
    Error = Path + ": " + E.what();
    return false;
  }
  return true;
}

std::string BenignCatalogue::shippedPath() { return DETASKLET_RUNTIME_DIR "/benign-differences.yaml"; }

BenignCatalogue BenignCatalogue::shipped() {
  BenignCatalogue C;
  std::string Error;
  if (!C.load(shippedPath(), Error)) {
    std::fprintf(stderr, "detasklet runtime: %s\n", Error.c_str());
    std::abort();
  }
  return C;
}

const BenignDifference *BenignCatalogue::find(const std::string &Id) const {
  for (const BenignDifference &D : Entries)
    if (D.Id == Id)
      return &D;
  return nullptr;
}

} // namespace detasklet::runtime
