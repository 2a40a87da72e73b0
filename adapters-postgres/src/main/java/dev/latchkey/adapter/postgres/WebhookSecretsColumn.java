package dev.latchkey.adapter.postgres;

import dev.latchkey.application.port.out.SecretBox;
import dev.latchkey.domain.webhook.SigningKeys;
import dev.latchkey.domain.webhook.SigningSecret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A webhook's secrets as stored: the Basic password, the hidden header values (in the order of the
 * hidden headers) and the signing keys, serialized and sealed by the {@link SecretBox} with the
 * webhook's id as associated data, so that a blob copied to another row does not open.
 */
final class WebhookSecretsColumn {
  private static final int FORMAT = 1;

  /** The plaintext parts. */
  record Secrets(@Nullable String basicPassword, List<String> hiddenValues, SigningKeys signing) {
    Secrets {
      hiddenValues = List.copyOf(hiddenValues);
    }

    @Override
    public String toString() {
      return "Secrets[redacted]";
    }
  }

  private WebhookSecretsColumn() {}

  static byte[] seal(SecretBox box, UUID webhookId, Secrets secrets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writeNullable(out, secrets.basicPassword());
      out.writeInt(secrets.hiddenValues().size());
      for (String value : secrets.hiddenValues()) {
        out.writeUTF(value);
      }
      writeKey(out, secrets.signing().current());
      out.writeBoolean(secrets.signing().previous().isPresent());
      if (secrets.signing().previous().isPresent()) {
        writeKey(out, secrets.signing().previous().get());
        out.writeLong(secrets.signing().previousUntil().orElseThrow().toEpochMilli());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] plain = bytes.toByteArray();
    try {
      return box.seal(plain, associatedData(webhookId));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  static Secrets open(SecretBox box, UUID webhookId, byte[] sealed) {
    byte[] plain = box.open(sealed, associatedData(webhookId));
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      if (in.readByte() != FORMAT) {
        throw new IllegalStateException("unknown secrets format in webhook " + webhookId);
      }
      String password = in.readBoolean() ? in.readUTF() : null;
      int count = in.readInt();
      List<String> hidden = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        hidden.add(in.readUTF());
      }
      SigningSecret current = readKey(in);
      SigningKeys signing = SigningKeys.of(current);
      if (in.readBoolean()) {
        SigningSecret previous = readKey(in);
        signing = new SigningKeys(current, Optional.of(previous), Optional.of(Instant.ofEpochMilli(in.readLong())));
      }
      return new Secrets(password, hidden, signing);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable secrets in webhook " + webhookId, e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] associatedData(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }

  private static void writeNullable(DataOutputStream out, @Nullable String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static void writeKey(DataOutputStream out, SigningSecret secret) throws IOException {
    byte[] key = secret.key();
    out.writeByte(key.length);
    out.write(key);
  }

  private static SigningSecret readKey(DataInputStream in) throws IOException {
    byte[] key = new byte[in.readUnsignedByte()];
    in.readFully(key);
    return SigningSecret.of(key);
  }
}
