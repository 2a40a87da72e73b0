package dev.latchkey.app.wiring;

import dagger.Module;
import dagger.Provides;
import dev.latchkey.app.crypto.ConfiguredOperatorCredentials;
import dev.latchkey.app.crypto.HmacTokenHasher;
import dev.latchkey.app.crypto.Peppers;
import dev.latchkey.app.crypto.SecureRandomSecretGenerator;
import dev.latchkey.app.crypto.UuidV7Generator;
import dev.latchkey.application.port.out.IdGenerator;
import dev.latchkey.application.port.out.OperatorCredentials;
import dev.latchkey.application.port.out.SecretGenerator;
import dev.latchkey.application.port.out.TokenHasher;
import dev.latchkey.domain.token.TokenSecret;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.InstantSource;

/** Hashing, randomness and ids. */
@Module
public interface CryptoModule {
  @Provides
  @Singleton
  static SecureRandom secureRandom() {
    return new SecureRandom();
  }

  @Provides
  @Singleton
  static TokenHasher tokenHasher(Peppers peppers) {
    return new HmacTokenHasher(peppers);
  }

  @Provides
  @Singleton
  static SecretGenerator secretGenerator(SecureRandom random) {
    return new SecureRandomSecretGenerator(random);
  }

  @Provides
  @Singleton
  static IdGenerator idGenerator(InstantSource clock, SecureRandom random) {
    return new UuidV7Generator(clock, random);
  }

  @Provides
  @Singleton
  static OperatorCredentials operatorCredentials(TokenHasher hasher, @Named("operator") TokenSecret token) {
    return new ConfiguredOperatorCredentials(hasher, token);
  }
}
