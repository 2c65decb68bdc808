// runtime/Verify.h as a front end uses it: paths in, a report out.
#include "RuntimeTestSupport.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace detasklet::runtime::test {
namespace {

VerifyRequest requestFor(const std::string &Pattern) {
  VerifyRequest Q;
  Q.OriginalSources = corpusSources(Pattern);
  Q.ConvertedSources = convertedCorpusSources(Pattern);
  Q.ScenarioSource = runtimeDir() + "/scenarios/" + Pattern + ".c";
  Q.CacheDir = workDir() + "/modules";
  return Q;
}

TEST(VerifyApi, ConvertedDriverIsAcceptableAndTheReportSaysWhy) {
  ConversionReport R = verifyConversion(requestFor("setup-basic"));
  ASSERT_TRUE(R.ok()) << R.Error << R.BuildLog;
  ASSERT_EQ(R.Scenarios.size(), 1u);
  EXPECT_TRUE(R.acceptable()) << formatReport(R, true);
  std::string Text = formatReport(R, false);
  EXPECT_NE(Text.find("scenario main: original exhaustive"), std::string::npos) << Text;
  EXPECT_NE(Text.find("concurrent-run       same (holds in both)"), std::string::npos) << Text;
  EXPECT_NE(Text.find("documented difference: cancel-dropped-pending (conversion only)"), std::string::npos)
      << Text;
  EXPECT_NE(Text.find("verdict: the conversion keeps the properties the original has"), std::string::npos)
      << Text;
}

TEST(VerifyApi, BetterConversionIsReportedAsBetter) {
  ConversionReport R = verifyConversion(requestFor("oneshot-selffree"));
  ASSERT_TRUE(R.ok()) << R.Error;
  EXPECT_TRUE(R.acceptable());
  std::string Text = formatReport(R, true);
  EXPECT_NE(Text.find("use-after-free       better"), std::string::npos) << Text;
  EXPECT_NE(Text.find("replay: --scenario-name main --replay dtr1/"), std::string::npos) << Text;
}

TEST(VerifyApi, ABuildFailureIsAnErrorWithTheCompilerOutput) {
  std::string Bad = workDir() + "/broken-" + std::to_string(getpid()) + ".c";
  std::filesystem::create_directories(workDir());
  std::ofstream(Bad) << "int broken(void) { return undeclared_name; }\n";
  VerifyRequest Q = requestFor("setup-basic");
  Q.ConvertedSources = {Bad};
  ConversionReport R = verifyConversion(Q);
  EXPECT_FALSE(R.ok());
  EXPECT_NE(R.Error.find("the converted driver"), std::string::npos) << R.Error;
  EXPECT_NE(R.BuildLog.find("undeclared_name"), std::string::npos) << R.BuildLog;
  EXPECT_FALSE(R.acceptable());
}

TEST(VerifyApi, AMissingKernelFunctionIsALoadError) {
  std::string Bad = workDir() + "/unknown-api-" + std::to_string(getpid()) + ".c";
  std::filesystem::create_directories(workDir());
  std::ofstream(Bad) << "void kernel_function_the_model_lacks(void);\n"
                        "void call_it(void) { kernel_function_the_model_lacks(); }\n";
  VerifyRequest Q = requestFor("setup-basic");
  Q.ConvertedSources = {Bad};
  ConversionReport R = verifyConversion(Q);
  EXPECT_FALSE(R.ok());
  EXPECT_NE(R.Error.find("kernel_function_the_model_lacks"), std::string::npos) << R.Error;
}

TEST(VerifyApi, UnknownScenarioNameIsReportedPerScenario) {
  VerifyRequest Q = requestFor("setup-basic");
  Q.Scenarios = {"no_such_scenario"};
  ConversionReport R = verifyConversion(Q);
  ASSERT_TRUE(R.ok()) << R.Error;
  ASSERT_EQ(R.Scenarios.size(), 1u);
  EXPECT_NE(R.Scenarios[0].Original.Error.find("no scenario"), std::string::npos);
  EXPECT_FALSE(R.acceptable());
}

} // namespace
} // namespace detasklet::runtime::test
