#include "runtime/core/Actor.h"

#include <cstdlib>

namespace detasklet::runtime {

std::string Actor::spell() const {
  switch (Kind) {
  case ActorKind::Thread:
    return "t" + std::to_string(A);
  case ActorKind::IrqDelivery:
    return "i" + std::to_string(A);
  case ActorKind::SoftirqEntry:
    return "s" + std::to_string(A);
  case ActorKind::WorkerStart:
    return "w" + std::to_string(A) + "." + std::to_string(B);
  case ActorKind::TimerFire:
    return "x" + std::to_string(A);
  case ActorKind::Choice:
    return "k" + std::to_string(A) + "." + std::to_string(B);
  }
  return "?";
}

std::optional<Actor> Actor::parse(const std::string &Text) {
  if (Text.size() < 2)
    return std::nullopt;
  auto Number = [](const std::string &S, unsigned &Out) {
    if (S.empty() || S.size() > 5)
      return false;
    for (char C : S)
      if (C < '0' || C > '9')
        return false;
    Out = unsigned(std::strtoul(S.c_str(), nullptr, 10));
    return Out <= 0xffff;
  };
  unsigned A = 0, B = 0;
  std::string Rest = Text.substr(1);
  switch (Text[0]) {
  case 't':
    if (!Number(Rest, A))
      return std::nullopt;
    return Actor::thread(A);
  case 'i':
  case 's':
  case 'x': {
    if (!Number(Rest, A))
      return std::nullopt;
    ActorKind K = Text[0] == 'i' ? ActorKind::IrqDelivery
                  : Text[0] == 's' ? ActorKind::SoftirqEntry
                                   : ActorKind::TimerFire;
    return Actor::event(K, A);
  }
  case 'w':
  case 'k': {
    size_t Dot = Rest.find('.');
    if (Dot == std::string::npos || !Number(Rest.substr(0, Dot), A) ||
        !Number(Rest.substr(Dot + 1), B))
      return std::nullopt;
    return Text[0] == 'w' ? Actor::event(ActorKind::WorkerStart, A, B) : Actor::choice(A, B);
  }
  default:
    return std::nullopt;
  }
}

} // namespace detasklet::runtime
