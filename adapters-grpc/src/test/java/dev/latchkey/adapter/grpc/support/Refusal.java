package dev.latchkey.adapter.grpc.support;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Everything a client can see of a failed call: code, description and every trailer. */
public record Refusal(Status.Code code, String description, Map<String, List<String>> trailers) {

  /** The refusal {@code call} ends with; fails the test if it succeeds or throws something else. */
  public static Refusal of(ThrowingCallable call) {
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, call);
    if (e == null) {
      throw new AssertionError("expected the call to fail with a status");
    }
    return of(e);
  }

  public static Refusal of(StatusRuntimeException e) {
    Map<String, List<String>> trailers = new TreeMap<>();
    Metadata metadata = e.getTrailers();
    if (metadata != null) {
      for (String key : metadata.keys()) {
        List<String> values = new ArrayList<>();
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          metadata.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))
              .forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
        } else {
          metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)).forEach(values::add);
        }
        trailers.put(key, values);
      }
    }
    return new Refusal(e.getStatus().getCode(), e.getStatus().getDescription(), trailers);
  }

  /** Everything the client received, as text, to search for things that must not be there. */
  public String everything() {
    StringBuilder text = new StringBuilder(code + " " + description);
    trailers.forEach((key, values) -> {
      text.append('\n').append(key).append(": ").append(values);
      if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        values.forEach(v -> text.append(' ').append(new String(Base64.getDecoder().decode(v),
            java.nio.charset.StandardCharsets.UTF_8)));
      }
    });
    return text.toString();
  }
}
