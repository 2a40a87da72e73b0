package dev.latchkey.app.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which addresses a webhook may not be delivered to: everything that is not a public unicast
 * address. Loopback, private (RFC 1918), shared (CGNAT), link-local (cloud metadata at
 * 169.254.169.254 included), unique-local, site-local, multicast, broadcast, unspecified,
 * documentation, benchmarking and reserved ranges, and IPv6 forms that embed an IPv4 address
 * (mapped, compatible, NAT64, 6to4) when the embedded one is refused; Teredo is refused outright.
 */
public final class TargetAddresses {
  private TargetAddresses() {}

  /** Why {@code address} is refused, or empty if it is a public address. */
  public static Optional<String> refusal(InetAddress address) {
    byte[] b = address.getAddress();
    return switch (address) {
      case Inet4Address v4 -> ipv4(b);
      case Inet6Address v6 -> ipv6(b);
      default -> Optional.of("not an IP address");
    };
  }

  private static Optional<String> ipv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 0) {
      return Optional.of("an unspecified address (0.0.0.0/8)");
    }
    if (a0 == 127) {
      return Optional.of("a loopback address");
    }
    if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
      return Optional.of("a private address");
    }
    if (a0 == 100 && a1 >= 64 && a1 <= 127) {
      return Optional.of("a shared (CGNAT) address");
    }
    if (a0 == 169 && a1 == 254) {
      return Optional.of("a link-local address (cloud metadata lives there)");
    }
    if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
      return Optional.of("a reserved address (192.0.0.0/24, 192.0.2.0/24)");
    }
    if ((a0 == 198 && (a1 == 18 || a1 == 19)) || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      return Optional.of("a documentation or benchmarking address");
    }
    if (a0 >= 224 && a0 <= 239) {
      return Optional.of("a multicast address");
    }
    if (a0 >= 240) {
      return Optional.of("a reserved or broadcast address");
    }
    return Optional.empty();
  }

  private static Optional<String> ipv6(byte[] b) {
    if (allZero(b, 0, 16)) {
      return Optional.of("an unspecified address (::)");
    }
    if (allZero(b, 0, 15) && b[15] == 1) {
      return Optional.of("a loopback address");
    }
    if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return embedded(b, 12, "an IPv4-mapped address");
    }
    if (allZero(b, 0, 12)) {
      return embedded(b, 12, "an IPv4-compatible address");
    }
    // 64:ff9b::/96 (NAT64)
    if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12)) {
      return embedded(b, 12, "a NAT64 address");
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (first == 0x20 && second == 0x02) {
      return embedded(b, 2, "a 6to4 address");
    }
    if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
      return Optional.of("a Teredo address");
    }
    if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
      return Optional.of("a documentation address");
    }
    if ((first & 0xfe) == 0xfc) {
      return Optional.of("a unique-local address");
    }
    if (first == 0xfe && (second & 0xc0) == 0x80) {
      return Optional.of("a link-local address");
    }
    if (first == 0xfe && (second & 0xc0) == 0xc0) {
      return Optional.of("a site-local address");
    }
    if (first == 0xff) {
      return Optional.of("a multicast address");
    }
    if (first == 0x01 && second == 0 && allZero(b, 2, 8)) {
      return Optional.of("a discard-only address");
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(byte[] b, int from, String form) {
    try {
      InetAddress v4 = InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4));
      return ipv4(v4.getAddress()).map(reason -> form + " of " + reason);
    } catch (UnknownHostException e) {
      return Optional.of(form);
    }
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
