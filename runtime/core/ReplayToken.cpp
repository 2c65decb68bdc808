#include "runtime/core/ReplayToken.h"

#include <cstdlib>

namespace detasklet::runtime {

namespace {
const char Magic[] = "dtr1";
}

std::string ReplayToken::spell() const {
  std::string S = std::string(Magic) + "/c" + std::to_string(Cpus) + "/b" + std::to_string(TimerBudget) + "/";
  for (size_t I = 0; I < Choices.size(); ++I) {
    if (I)
      S += ',';
    S += Choices[I].spell();
  }
  return S;
}

std::optional<ReplayToken> ReplayToken::parse(const std::string &Text, std::string &Error) {
  std::vector<std::string> Parts;
  size_t Start = 0;
  for (int I = 0; I < 3; ++I) {
    size_t Slash = Text.find('/', Start);
    if (Slash == std::string::npos) {
      Error = "a replay token looks like dtr1/c2/b2/t0,i1,...";
      return std::nullopt;
    }
    Parts.push_back(Text.substr(Start, Slash - Start));
    Start = Slash + 1;
  }
  Parts.push_back(Text.substr(Start));
  if (Parts[0] != Magic) {
    Error = "not a replay token of this version (" + Parts[0] + ")";
    return std::nullopt;
  }
  auto Number = [&](const std::string &P, char Tag, unsigned &Out) {
    if (P.size() < 2 || P[0] != Tag || P.find_first_not_of("0123456789", 1) != std::string::npos)
      return false;
    Out = unsigned(std::strtoul(P.c_str() + 1, nullptr, 10));
    return true;
  };
  ReplayToken T;
  if (!Number(Parts[1], 'c', T.Cpus) || !Number(Parts[2], 'b', T.TimerBudget)) {
    Error = "bad machine shape in replay token";
    return std::nullopt;
  }
  const std::string &List = Parts[3];
  size_t P = 0;
  while (P < List.size()) {
    size_t Comma = List.find(',', P);
    std::string Item = List.substr(P, Comma == std::string::npos ? std::string::npos : Comma - P);
    std::optional<Actor> A = Actor::parse(Item);
    if (!A) {
      Error = "bad choice '" + Item + "' in replay token";
      return std::nullopt;
    }
    T.Choices.push_back(*A);
    if (Comma == std::string::npos)
      break;
    P = Comma + 1;
  }
  return T;
}

} // namespace detasklet::runtime
