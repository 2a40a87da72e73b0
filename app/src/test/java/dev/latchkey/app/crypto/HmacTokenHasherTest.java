package dev.latchkey.app.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.token.TokenDigest;
import dev.latchkey.domain.token.TokenKind;
import dev.latchkey.domain.token.TokenSecret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class HmacTokenHasherTest {
  private static final byte[] KEY = bytes(32, 3);
  private static final Pepper PEPPER = Pepper.parse("p2024:" + Base64.getEncoder().encodeToString(KEY), "test");

  private final SecureRandomSecretGenerator tokens = new SecureRandomSecretGenerator(new SecureRandom());

  private static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed + 31 * i);
    }
    return b;
  }

  private static byte[] hmacSha256(byte[] key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theDigestIsHmacSha256OfTheTokenUnderThePepper() throws Exception {
    TokenSecret token = tokens.newToken(TokenKind.PRIVATE_APP);

    TokenDigest digest = new HmacTokenHasher(PEPPER).digest(token);

    assertThat(digest.bytes()).isEqualTo(hmacSha256(KEY, token.reveal()));
  }

  @Test
  void theDigestCarriesThePeppersKeyId() {
    TokenDigest digest = new HmacTokenHasher(PEPPER).digest(tokens.newToken(TokenKind.PERSONAL));

    assertThat(digest.keyId()).isEqualTo("p2024");
  }

  @Test
  void theSameTokenGivesTheSameDigestEveryTime() {
    HmacTokenHasher hasher = new HmacTokenHasher(PEPPER);
    TokenSecret token = tokens.newToken(TokenKind.PRIVATE_APP);

    assertThat(hasher.digest(token))
        .isEqualTo(hasher.digest(token))
        .isEqualTo(new HmacTokenHasher(PEPPER).digest(TokenSecret.parse(token.reveal()).orElseThrow()));
  }

  @Test
  void anotherPepperGivesAnotherDigest() {
    TokenSecret token = tokens.newToken(TokenKind.PRIVATE_APP);
    Pepper other = Pepper.parse("p2024:" + Base64.getEncoder().encodeToString(bytes(32, 4)), "test");

    assertThat(new HmacTokenHasher(other).digest(token).bytes())
        .isNotEqualTo(new HmacTokenHasher(PEPPER).digest(token).bytes());
  }

  @Test
  void anotherTokenGivesAnotherDigest() {
    HmacTokenHasher hasher = new HmacTokenHasher(PEPPER);

    assertThat(hasher.digest(tokens.newToken(TokenKind.PRIVATE_APP)))
        .isNotEqualTo(hasher.digest(tokens.newToken(TokenKind.PRIVATE_APP)));
  }

  @Test
  void manyThreadsHashingAtOnceEachGetTheRightDigest() throws Exception {
    HmacTokenHasher hasher = new HmacTokenHasher(PEPPER);
    int threads = 16;
    int perThread = 500;
    List<List<TokenSecret>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<TokenSecret> batch = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        batch.add(tokens.newToken(TokenKind.PRIVATE_APP));
      }
      work.add(batch);
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<TokenDigest>>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (List<TokenSecret> batch : work) {
        results.add(pool.submit(() -> {
          start.await();
          List<TokenDigest> digests = new ArrayList<>();
          for (TokenSecret token : batch) {
            digests.add(hasher.digest(token));
          }
          return digests;
        }));
      }
      start.countDown();
      for (int t = 0; t < threads; t++) {
        List<TokenDigest> digests = results.get(t).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < perThread; i++) {
          assertThat(digests.get(i).bytes())
              .as("token %d of thread %d", i, t)
              .isEqualTo(hmacSha256(KEY, work.get(t).get(i).reveal()));
        }
      }
    }
  }
}
