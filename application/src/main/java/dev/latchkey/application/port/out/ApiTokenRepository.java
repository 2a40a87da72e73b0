package dev.latchkey.application.port.out;

import dev.latchkey.domain.token.ApiToken;
import dev.latchkey.domain.token.TokenDigest;
import java.util.Optional;

/** Stored tokens of private apps and users: digests and metadata, never a secret. */
public interface ApiTokenRepository {
  void insert(ApiToken token);

  /** The live (not deleted) token whose digest is {@code digest}, in whichever tenant it is. */
  Optional<ApiToken> findByDigest(TokenDigest digest);
}
