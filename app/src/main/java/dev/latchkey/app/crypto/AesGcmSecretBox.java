package dev.latchkey.app.crypto;

import dev.latchkey.application.port.out.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with a fresh 96-bit nonce per seal. Sealed form: version byte, key id length and key
 * id (so a rotated-out key still opens old values), nonce, ciphertext with its 128-bit tag. The
 * associated data (the owning row's id) is authenticated, not stored.
 */
public final class AesGcmSecretBox implements SecretBox {
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final WebhookKeys keys;
  private final SecureRandom random;

  public AesGcmSecretBox(WebhookKeys keys, SecureRandom random) {
    this.keys = keys;
    this.random = random;
  }

  @Override
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] keyId = keys.primaryId().getBytes(StandardCharsets.US_ASCII);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.primary(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(2 + keyId.length + NONCE_BYTES + sealed.length)
          .put(VERSION).put((byte) keyId.length).put(keyId).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every JDK", e);
    }
  }

  @Override
  public byte[] open(byte[] sealed, byte[] associatedData) {
    try {
      ByteBuffer in = ByteBuffer.wrap(sealed);
      if (in.get() != VERSION) {
        throw new IllegalStateException("sealed secret of an unknown format");
      }
      byte[] keyId = new byte[in.get()];
      in.get(keyId);
      String id = new String(keyId, StandardCharsets.US_ASCII);
      SecretKey key = keys.byId(id);
      if (key == null) {
        throw new IllegalStateException("sealed under webhook key " + id + ", which the webhook key file lacks");
      }
      byte[] nonce = new byte[NONCE_BYTES];
      in.get(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed, in.position(), in.remaining());
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("sealed secret does not belong to this row or was altered", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalStateException ise) {
        throw ise;
      }
      throw new IllegalStateException("unreadable sealed secret", e);
    }
  }
}
