#include "lint/Prefilter.h"

#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace detasklet::lint {

namespace {

// Greedy set cover with substrings of one length: repeatedly take the
// substring shared by most identifiers not yet covered.
std::vector<std::string> coverWith(const std::vector<std::string> &Identifiers, size_t Length) {
  std::vector<std::string> Needles;
  std::vector<bool> Covered(Identifiers.size(), false);
  while (true) {
    std::map<std::string, unsigned> Votes;
    for (size_t I = 0; I < Identifiers.size(); ++I) {
      if (Covered[I])
        continue;
      llvm::StringSet<> Mine;
      for (size_t P = 0; P + Length <= Identifiers[I].size(); ++P)
        Mine.insert(llvm::StringRef(Identifiers[I]).substr(P, Length));
      for (const auto &S : Mine)
        ++Votes[S.getKey().str()];
    }
    if (Votes.empty())
      return Needles;
    auto Best = std::max_element(Votes.begin(), Votes.end(), [](const auto &A, const auto &B) {
      return A.second < B.second; // the first (smallest) of equal votes: deterministic
    });
    Needles.push_back(Best->first);
    for (size_t I = 0; I < Identifiers.size(); ++I)
      if (!Covered[I] && Identifiers[I].find(Best->first) != std::string::npos)
        Covered[I] = true;
  }
}

} // namespace

Prefilter::Prefilter(const std::vector<std::string> &Identifiers) {
  if (Identifiers.empty())
    return;
  size_t Shortest = Identifiers.front().size();
  for (const std::string &Id : Identifiers)
    Shortest = std::min(Shortest, Id.size());
  // Fewer needles mean fewer passes over the text; longer ones fewer false
  // hits. Try lengths from long to short and keep the smallest cover.
  Needles = Identifiers;
  for (size_t Length = std::min<size_t>(Shortest, 12); Length >= 4; --Length) {
    std::vector<std::string> Cover = coverWith(Identifiers, Length);
    if (Cover.size() < Needles.size())
      Needles = std::move(Cover);
  }
}

bool Prefilter::mayMatch(llvm::StringRef Text) const {
  for (const std::string &Needle : Needles)
    if (memmem(Text.data(), Text.size(), Needle.data(), Needle.size()))
      return true;
  return false;
}

} // namespace detasklet::lint
