// Subject prefixes come from data; the shipped rules must give the prefixes
// maintainers use, and a broken rule file must be rejected with its position.
#include "rewriters/SubjectPrefix.h"

#include "gtest/gtest.h"

using namespace detasklet;

namespace {

SubjectPrefixes shipped() { return llvm::cantFail(SubjectPrefixes::loadDefault()); }

std::string errorOf(llvm::StringRef Yaml) {
  auto P = SubjectPrefixes::parse(Yaml, "subjects.yaml");
  return P ? std::string("<accepted>") : llvm::toString(P.takeError());
}

} // namespace

TEST(SubjectPrefix, ShippedRulesFollowSubsystemConventions) {
  const SubjectPrefixes P = shipped();
  const std::pair<const char *, const char *> Cases[] = {
      {"drivers/dma/pl330.c", "dmaengine: pl330"},
      {"drivers/dma/qcom/bam_dma.c", "dmaengine: qcom: bam_dma"},
      {"drivers/dma/ioat", "dmaengine: ioat"},
      {"drivers/net/wireless/ath/ath9k", "wifi: ath9k"},
      {"drivers/net/wireless/ath/ath9k/main.c", "wifi: ath9k"},
      {"drivers/net/wireless/mediatek/mt76/mt7915", "wifi: mt76: mt7915"},
      {"drivers/net/wireless/broadcom/brcm80211/brcmsmac", "wifi: brcmsmac"},
      {"drivers/scsi/pm8001", "scsi: pm8001"},
      {"drivers/scsi/pmcraid.c", "scsi: pmcraid"},
      {"drivers/net/ethernet/jme.c", "net: jme"},
      {"drivers/net/ethernet/broadcom/cnic.c", "net: cnic"},
      {"drivers/net/ethernet/amd/xgbe", "net: xgbe"},
      {"drivers/net/ethernet/mellanox/mlx5/core", "net/mlx5"},
      {"drivers/net/usb/r8152.c", "net: usb: r8152"},
      {"net/mac80211", "wifi: mac80211"},
      {"net/mac80211/rx.c", "wifi: mac80211"},
      {"drivers/crypto/atmel-aes.c", "crypto: atmel-aes"},
      {"drivers/crypto/cavium/nitrox", "crypto: cavium/nitrox"},
      {"drivers/infiniband/hw/bnxt_re", "RDMA/bnxt_re"},
      {"drivers/infiniband/hw/qib", "IB/qib"},
      {"drivers/usb/gadget/udc/fsl_qe_udc.c", "usb: gadget: fsl_qe_udc"},
      {"drivers/usb/host/xhci-dbgtty.c", "usb: xhci"},
      {"drivers/mmc/host/atmel-mci.c", "mmc: atmel-mci"},
      {"drivers/tty/serial/timbuart.c", "serial: timbuart"},
      {"drivers/tty/ipwireless", "tty: ipwireless"},
      {"sound/pci/asihpi", "ALSA: asihpi"},
      {"sound/usb/endpoint.c", "ALSA: usb-audio"},
      {"sound/soc/fsl/fsl_ssi.c", "ASoC: fsl_ssi"},
      {"drivers/media/pci/ngene", "media: ngene"},
      {"drivers/staging/media/av7110", "media: av7110"},
      {"drivers/hv", "Drivers: hv: vmbus"},
      {"drivers/gpu/drm/i915/gt", "drm/i915/gt"},
      {"drivers/gpu/drm/i915/gt/uc", "drm/i915/guc"},
      {"drivers/staging/rtl8192e/rtl8192e", "staging: rtl8192e"},
      {"drivers/input/serio/hil_mlc.c", "Input: hil_mlc"},
      {"drivers/input/keyboard/omap-keypad.c", "Input: omap-keypad"},
      {"drivers/firewire/ohci.c", "firewire: ohci"},
      {"drivers/bus/mhi/host", "bus: mhi: host"},
      {"drivers/ntb/ntb_transport.c", "NTB: ntb_transport"},
      {"drivers/pci/controller/pci-hyperv.c", "PCI: hv"},
      {"drivers/rapidio/devices/tsi721_dma.c", "rapidio: tsi721"},
      {"drivers/memstick/host/jmb38x_ms.c", "memstick: jmb38x_ms"},
      {"drivers/atm/he.c", "atm: he"},
      {"drivers/hsi/clients/nokia-modem.c", "HSI: nokia-modem"},
      {"drivers/hsi/controllers/omap_ssi_core.c", "HSI: omap_ssi"},
      {"drivers/i2c/busses/i2c-bcm-iproc.c", "i2c: bcm-iproc"},
      {"net/smc", "net/smc"},
      {"net/rds/ib_cm.c", "net/rds"},
      {"net/ipv4/tcp_output.c", "tcp"},
      {"net/dccp/timer.c", "dccp"},
      {"kernel/irq/resend.c", "genirq"},
      {"drivers/s390/net/ctcm_fsms.c", "s390/ctcm"},
      {"drivers/s390/block/dasd.c", "s390/dasd"},
  };
  for (const auto &[Path, Prefix] : Cases)
    EXPECT_EQ(P.prefixFor(Path), Prefix) << Path;
}

TEST(SubjectPrefix, SubjectUsesTheSubsystemSeparator) {
  const SubjectPrefixes P = shipped();
  EXPECT_EQ(P.subject("drivers/dma/pl330.c", "Convert from tasklet to BH workqueue"),
            "dmaengine: pl330: Convert from tasklet to BH workqueue");
  EXPECT_EQ(P.subject("drivers/crypto/atmel-aes.c", "Convert from tasklet to BH workqueue"),
            "crypto: atmel-aes - Convert from tasklet to BH workqueue");
  EXPECT_EQ(P.subject("drivers/input/serio/hp_sdc.c", "Convert"), "Input: hp_sdc - Convert");
  EXPECT_EQ(P.subject("somewhere/else/drv.c", "Convert"), "else: drv: Convert");
}

TEST(SubjectPrefix, LongestPrefixWins) {
  auto P = llvm::cantFail(
      SubjectPrefixes::parse("prefixes:\n"
                             "  - { path: drivers, prefix: top }\n"
                             "  - { path: drivers/net/wireless, prefix: wifi, driver: vendor }\n"
                             "  - { path: drivers/net, prefix: net }\n"
                             "  - { path: drivers/net/wire*, prefix: glob, driver: none }\n",
                             "t.yaml"));
  EXPECT_EQ(P.prefixFor("drivers/net/wireless/ath/ath9k/main.c"), "wifi: ath9k");
  EXPECT_EQ(P.prefixFor("drivers/net/wireguard"), "glob");
  EXPECT_EQ(P.prefixFor("drivers/net/ifb.c"), "net: ifb");
  EXPECT_EQ(P.prefixFor("drivers/netx/foo.c"), "top: netx"); // components, not characters
  EXPECT_EQ(P.prefixFor("./drivers//net/ifb.c"), "net: ifb");
}

TEST(SubjectPrefix, FallbackIsLastDirectoryThenFileStem) {
  auto P = llvm::cantFail(
      SubjectPrefixes::parse("prefixes:\n  - { path: drivers, prefix: x }\n", "t.yaml"));
  EXPECT_EQ(P.prefixFor("lib/foo/bar.c"), "foo: bar");
  EXPECT_EQ(P.prefixFor("lib/foo"), "foo");
  EXPECT_EQ(P.prefixFor("bar.c"), "bar");
  EXPECT_EQ(P.subject("lib/foo", "Do"), "foo: Do");
}

TEST(SubjectPrefix, JoinAndStrip) {
  auto P = llvm::cantFail(
      SubjectPrefixes::parse("prefixes:\n"
                             "  - { path: drivers/infiniband/hw, prefix: RDMA, join: / }\n"
                             "  - { path: drivers/i2c/busses, prefix: i2c, strip: i2c- }\n",
                             "t.yaml"));
  EXPECT_EQ(P.prefixFor("drivers/infiniband/hw/hfi1"), "RDMA/hfi1");
  EXPECT_EQ(P.prefixFor("drivers/i2c/busses/i2c-imx.c"), "i2c: imx");
}

TEST(SubjectPrefix, InvalidYamlIsRejectedWithPosition) {
  EXPECT_EQ(errorOf("prefixes: [ { path: a, prefix: b }\n").rfind("subjects.yaml:2:", 0), 0u)
      << errorOf("prefixes: [ { path: a, prefix: b }\n");
  EXPECT_EQ(errorOf("prefixes:\n  - { path: drivers/dma, prefix: dmaengine, drvier: first }\n"),
            "subjects.yaml:2:45: unknown key 'drvier' (expected path, prefix, driver, join, "
            "separator or strip)");
  EXPECT_EQ(errorOf("prefixes:\n  - { path: drivers/dma, prefix: dmaengine, driver: last }\n"),
            "subjects.yaml:2:53: unknown driver naming 'last' (expected first, vendor or none)");
  EXPECT_EQ(errorOf("prefixes:\n  - { path: drivers/dma }\n"),
            "subjects.yaml:2:5: rule for 'drivers/dma' needs a 'prefix:'");
  EXPECT_EQ(errorOf("prefixes:\n  - { path: a, prefix: b }\n  - { path: a/, prefix: c }\n"),
            "subjects.yaml:3:5: second rule for 'a' (the first is on line 2)");
  EXPECT_EQ(errorOf("prefixes:\n  - { path: /abs, prefix: b }\n"),
            "subjects.yaml:2:13: 'path' must be relative to the tree root");
  EXPECT_EQ(errorOf("prefix: []\n"),
            "subjects.yaml:1:1: expected a mapping with a 'prefixes:' list");
}

TEST(SubjectPrefix, MissingFileIsAnError) {
  auto P = SubjectPrefixes::load("/nonexistent/subjects.yaml");
  ASSERT_FALSE(P);
  EXPECT_NE(llvm::toString(P.takeError()).find("/nonexistent/subjects.yaml: cannot read"),
            std::string::npos);
}
