package dev.latchkey.adapter.grpc.auth;

import dev.latchkey.domain.tenant.TenantId;
import dev.latchkey.domain.user.UserId;
import io.grpc.Metadata;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code latchkey-act-as} header, {@code tenants/{tenant}/users/{user}}: with it, the
 * operator token acts for a signed-in person of a tenant.
 */
final class ActAs {
  static final Metadata.Key<String> HEADER = Metadata.Key.of("latchkey-act-as", Metadata.ASCII_STRING_MARSHALLER);

  /** Far above any real user name (87 characters); bounds the work done on a hostile header. */
  private static final int MAX_HEADER_LENGTH = 128;
  private static final Pattern SHAPE = Pattern.compile("tenants/([^/]+)/users/([^/]+)");

  /** What the header asks for. */
  sealed interface Request {}

  /** No header: the call runs as the token's own principal. */
  record Absent() implements Request {}

  /** A header that is repeated, too long or not a user name: refused like a bad token. */
  record Invalid() implements Request {}

  /** Act for this user of this tenant. */
  record For(TenantId tenant, UserId user) implements Request {}

  private ActAs() {}

  static Request read(Metadata headers) {
    Iterable<String> values = headers.getAll(HEADER);
    if (values == null) {
      return new Absent();
    }
    String only = null;
    for (String value : values) {
      if (only != null) {
        return new Invalid(); // two act-as headers: ambiguous, refuse
      }
      only = value;
    }
    if (only == null || only.length() > MAX_HEADER_LENGTH) {
      return new Invalid();
    }
    Matcher m = SHAPE.matcher(only);
    if (!m.matches()) {
      return new Invalid();
    }
    Optional<TenantId> tenant = TenantId.parse(m.group(1));
    Optional<UserId> user = UserId.parse(m.group(2));
    return tenant.isPresent() && user.isPresent() ? new For(tenant.get(), user.get()) : new Invalid();
  }
}
