package dev.latchkey.adapter.grpc.support;

import dev.latchkey.proto.v1.AuthServiceGrpc;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A server call of {@code GetCallerIdentity} that only remembers the status it was closed with:
 * for tests that look at what the server sent, which a client whose own deadline passed cannot see.
 */
public final class RecordingServerCall extends ServerCall<Object, Object> {
  private final Attributes attributes;
  /** The status the call was closed with; null while open. */
  public Status closed;

  public RecordingServerCall() {
    this(Attributes.EMPTY);
  }

  public RecordingServerCall(Attributes attributes) {
    this.attributes = attributes;
  }

  @Override
  public void request(int numMessages) {}

  @Override
  public void sendHeaders(Metadata headers) {}

  @Override
  public void sendMessage(Object message) {}

  @Override
  public void close(Status status, Metadata trailers) {
    closed = status;
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @SuppressWarnings("unchecked")
  @Override
  public MethodDescriptor<Object, Object> getMethodDescriptor() {
    return (MethodDescriptor<Object, Object>) (MethodDescriptor<?, ?>) AuthServiceGrpc.getGetCallerIdentityMethod();
  }
}
