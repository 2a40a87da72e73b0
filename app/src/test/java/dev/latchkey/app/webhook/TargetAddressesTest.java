package dev.latchkey.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetAddressesTest {
  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource(delimiter = '|', value = {
      "127.0.0.1|loopback",
      "127.255.0.9|loopback",
      "::1|loopback",
      "10.1.2.3|private",
      "172.16.0.1|private",
      "172.31.255.255|private",
      "192.168.1.1|private",
      "100.64.0.1|CGNAT",
      "100.127.255.254|CGNAT",
      "169.254.169.254|link-local",
      "fe80::1|link-local",
      "fc00::1|unique-local",
      "fd12:3456::1|unique-local",
      "fec0::1|site-local",
      "224.0.0.1|multicast",
      "ff02::1|multicast",
      "0.0.0.0|unspecified",
      "::|unspecified",
      "255.255.255.255|broadcast",
      "240.0.0.1|reserved",
      "192.0.2.1|reserved",
      "198.51.100.7|documentation",
      "2001:db8::1|documentation",
      "::ffff:7f00:1|loopback",
      "::ffff:a9fe:a9fe|link-local",
      "::7f00:1|IPv4-compatible",
      "64:ff9b::a00:1|NAT64",
      "2002:c0a8:101::1|6to4",
      "2001::1|Teredo"})
  void nonPublicAddressesAreRefused(String address, String why) throws UnknownHostException {
    assertThat(TargetAddresses.refusal(InetAddress.getByName(address))).as(address)
        .hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase(why.equals("IPv4-compatible")
            || why.equals("NAT64") || why.equals("6to4") ? why.substring(0, 3) : why));
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111",
      "::ffff:808:808", "2002:808:808::1"})
  void publicAddressesAreAllowed(String address) throws UnknownHostException {
    assertThat(TargetAddresses.refusal(InetAddress.getByName(address))).as(address).isEmpty();
  }
}
