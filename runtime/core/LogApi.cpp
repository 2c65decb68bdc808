// printk and the dev_* loggers write into the execution's trace (when traced);
// WARN is an api-misuse report; panic() and BUG() a crash.
#include "runtime/abi/model_abi.h"
#include "runtime/core/Machine.h"

#include <algorithm>
#include <cstdio>
#include <string>

using namespace detasklet::runtime;

namespace {
std::string format(const char *Fmt, va_list Ap) {
  char Buf[512];
  int N = std::vsnprintf(Buf, sizeof(Buf), Fmt, Ap);
  std::string S = N < 0 ? std::string(Fmt) : std::string(Buf, std::min<size_t>(size_t(N), sizeof(Buf) - 1));
  // The KERN_<level> prefix ("\001" and a digit) and the final newline are noise in a trace.
  if (S.size() >= 2 && S[0] == '\001')
    S.erase(0, 2);
  while (!S.empty() && S.back() == '\n')
    S.pop_back();
  return S;
}
} // namespace

extern "C" {
void mdl_vprintk(const mdl_device *Dev, const char *Fmt, va_list Ap) {
  Machine &M = Machine::active();
  if (!M.tracing())
    return;
  std::string Text = format(Fmt, Ap);
  if (Dev)
    M.trace("printk: %s: %s", M.Drivers.deviceName(Dev), Text.c_str());
  else
    M.trace("printk: %s", Text.c_str());
}

void mdl_vwarn(const char *File, int Line, const char *Fmt, va_list Ap) {
  Machine &M = Machine::active();
  std::string Text = format(Fmt, Ap);
  M.violation(Property::ApiMisuse, "WARNING at " + std::string(File) + ":" + std::to_string(Line) +
                                       (Text.empty() ? "" : ": " + Text));
}

void mdl_vpanic(const char *Fmt, va_list Ap) {
  Machine &M = Machine::active();
  M.violation(Property::Crash, "panic: " + format(Fmt, Ap));
  std::abort(); // violation() does not return for a fatal property inside a thread
}

}
